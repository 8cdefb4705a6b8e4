"""A flood of idle connections cannot take the server's last file: with the open-file limit at
1,024, 1,074 connections that never send a byte leave /api/health answering throughout. The
server keeps at most a cap of connections computed from its limit at start; past it the idle
ones make room. Real binary, real sockets, a real rlimit."""
import os
import resource
import select
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from conftest import OUTPUT, ROOT, free_port

BINARY = ROOT / ".build" / "debug" / "transcendence"
FILE_LIMIT = 1024
IDLE_CONNECTIONS = 1074


def limit_open_files():
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILE_LIMIT, FILE_LIMIT))


def health(base):
    with urllib.request.urlopen(base + "/api/health", timeout=20) as response:
        return response.status


def closed_by_server(sock):
    poller = select.poll()  # select() stops at file 1,024
    poller.register(sock, select.POLLIN | select.POLLHUP)
    if not poller.poll(0):
        return False
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def test_a_thousand_idle_connections_leave_health_answering(tmp_path):
    # This process needs a file per connection too.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log_path = OUTPUT / "connection-cap-server.log"
    env = {**os.environ, "DATA_DIR": str(tmp_path), "PORT": str(port), "HOST": "127.0.0.1",
           "LOG_LEVEL": "info", "MAIL_TRANSPORT": "file", "MAIL_DIR": str(tmp_path / "mail")}
    with open(log_path, "w") as log:
        server = subprocess.Popen([str(BINARY), "serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  preexec_fn=limit_open_files)
    idle = []
    try:
        deadline = time.time() + 120
        while True:
            try:
                if health(base) == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.time() < deadline, "the server did not start"
            time.sleep(0.2)

        for index in range(IDLE_CONNECTIONS):
            sock = socket.socket()
            sock.settimeout(20)
            sock.connect(("127.0.0.1", port))
            idle.append(sock)
            if index % 100 == 99:
                assert health(base) == 200, f"health failed with {index + 1} idle connections"
        for _ in range(5):
            assert health(base) == 200

        open_files = len(os.listdir(f"/proc/{server.pid}/fd"))
        assert open_files < FILE_LIMIT, f"the server holds {open_files} files at a limit of {FILE_LIMIT}"
        # The oldest idle connections made room: the server closed them, not the other way round.
        deadline = time.time() + 30
        while (closed := sum(closed_by_server(sock) for sock in idle)) < IDLE_CONNECTIONS - FILE_LIMIT + 50:
            assert time.time() < deadline, f"only {closed} idle connections were closed"
            time.sleep(0.2)
        assert closed_by_server(idle[0]), "the oldest idle connection is still open"
        assert server.poll() is None, "the server died"
        text = log_path.read_text()
        assert f"Open-file limit: {FILE_LIMIT}; connections capped at 896" in text
        assert "idle connection(s) closed to make room" in text
    finally:
        for sock in idle:
            sock.close()
        server.terminate()
        server.wait(timeout=60)
