"""Nothing a player did is lost when the server dies: results that were waiting for a locked database
sit in the journal (DATA_DIR/journal), and a server killed with SIGKILL stores them at its next start,
exactly once. Real binary, real SQLite file locked by another process, real sockets."""
import http.cookiejar
import json
import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from conftest import OUTPUT, ROOT, free_port
from mail import signup_code_in_folder
from wsclient import WebSocket

BINARY = ROOT / ".build" / "debug" / "transcendence"


class Server:
    def __init__(self, data, port):
        self.data, self.port = data, port
        self.base = f"http://127.0.0.1:{port}"
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.log = open(OUTPUT / "durability-server.log", "a")
        self.mail = os.path.join(data, "mail")
        env = {**os.environ, "DATA_DIR": data, "PORT": str(port), "HOST": "127.0.0.1", "LOG_LEVEL": "info",
               "LIVE_GAMES_PER_USER": "10", "MAIL_TRANSPORT": "file", "MAIL_DIR": self.mail}
        self.process = subprocess.Popen([str(BINARY), "serve"], cwd=ROOT, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(self.base + "/api/health", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            assert self.process.poll() is None and time.time() < deadline, "the server did not start"
            time.sleep(0.2)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.log.close()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def send(self, method, path, body=None):
        request = urllib.request.Request(self.base + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json", "X-Requested-With": "transcendence"})
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    @property
    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def journal(data):
    folder = Path(data) / "journal"
    return sorted(p.name for p in folder.glob("result-*.json")) if folder.exists() else []


def test_results_waiting_in_the_journal_survive_kill_9_and_are_stored_once():
    data = tempfile.mkdtemp(prefix="transcendence-durability-")
    server = Server(data, free_port())
    player = Client(server.base)
    pending = player.send("POST", "/api/auth/signup",
                          {"username": "survivor", "email": "survivor@example.com", "password": "a quiet paddle 42"})
    player.send("POST", "/api/auth/signup/confirm",
                {"challenge": pending["challenge"], "code": signup_code_in_folder(server.mail, "survivor@example.com")})
    # First to one point against the AI, which scores while the player stands still: each game ends
    # "finished" with the AI the winner, a result only the journal can bring back (a game that was
    # live at a crash is stored as abandoned).
    player.send("PUT", "/api/me/game-settings", {
        "pointsToWin": 1, "ballSpeed": "fast", "paddleSize": "normal", "aiDifficulty": "hard",
        "look": {"theme": "classic", "paddle": "#ffffff", "ball": "#ffffff", "table": "#000000"}})
    games = [player.send("POST", "/api/games", {"mode": "ai"})["id"] for _ in range(2)]

    # Another process takes SQLite's write lock and keeps it: the results can't be stored.
    outside = sqlite3.connect(os.path.join(data, "transcendence.sqlite"), isolation_level=None, timeout=30)
    outside.execute("BEGIN IMMEDIATE")
    sockets = []
    for game in games:
        socket = WebSocket(server.port, player.cookie)
        socket.next("hello")
        socket.send("join", {"game": game})
        socket.next("game")
        sockets.append(socket)
    deadline = time.time() + 120
    while len(journal(data)) < 2 and time.time() < deadline:
        time.sleep(0.05)
    assert len(journal(data)) == 2, journal(data)

    server.kill()
    for socket in sockets:
        socket.close()
    outside.rollback()
    outside.close()

    restarted = Server(data, free_port())
    try:
        assert journal(data) == []
        player.base = restarted.base  # the session outlives the server
        for game in games:
            match = player.send("GET", f"/api/matches/{game}")["match"]
            assert match["status"] == "finished", match
            # One point, whoever won it (the hard AI misses a fast ball now and then).
            assert sorted((match["leftScore"], match["rightScore"])) == [0, 1], match
        stats = player.send("GET", "/api/users/survivor/stats")
        assert stats["played"] == 2, stats
    finally:
        restarted.stop()
