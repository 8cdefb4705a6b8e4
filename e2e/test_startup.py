"""What an operator sees when the server can't start: one clear line on stderr naming the
problem, exit status 2 for a bad setting and 1 for the world getting in the way, no backtrace."""
import os
import socket
import subprocess
import tempfile

import pytest

from conftest import ROOT, free_port

BINARY = ROOT / ".build" / "debug" / "transcendence"


def start(**settings):
    data = tempfile.mkdtemp(prefix="transcendence-startup-")
    env = {**os.environ, "DATA_DIR": data, "HOST": "127.0.0.1", "PORT": str(free_port()), "LOG_LEVEL": "error"}
    env.update(settings)
    for name in [name for name, value in settings.items() if value is None]:
        env.pop(name)
    return subprocess.run([str(BINARY), "serve"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)


def one_line(result):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Fatal error" not in result.stderr and "backtrace" not in result.stderr.lower(), result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("name,value", [
    ("PORT", "abc"), ("BCRYPT_COST", "99"), ("SECRET_KEY", "short"), ("SESSION_IDLE_DAYS", "-3"),
    ("DATABASE_URL", "postgres//nowhere"), ("MAIL_TRANSPORT", "pigeon"),
])
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(name, value):
    result = start(**{name: value})
    assert result.returncode == 2, result.stderr
    line = one_line(result)
    assert name in line and "expected" in line


def test_an_unwritable_data_folder_is_one_line_and_exit_2():
    with tempfile.NamedTemporaryFile() as file:
        result = start(DATA_DIR=file.name + "/data")
    assert result.returncode == 2
    assert "DATA_DIR" in one_line(result)


def test_a_busy_port_is_one_line_and_exit_1():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = start(PORT=str(port))
    assert result.returncode == 1, result.stderr
    assert one_line(result) == f"transcendence: Port {port} is in use: stop the other server or set PORT."


def test_an_unreachable_postgres_is_retried_then_one_line_and_exit_1():
    port = free_port()  # nothing listens here
    result = start(DATABASE_URL=f"postgres://user:secret@127.0.0.1:{port}/db", DATABASE_CONNECT_SECONDS="3", LOG_LEVEL="warning")
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "PostgreSQL" in last and "unreachable" in last
    assert "secret" not in result.stderr
    assert "Retrying" in result.stdout + result.stderr  # each attempt is logged
    assert "connection refused" in last


@pytest.mark.parametrize("command,arguments", [
    ("seed-chat-bench", ["--users", "3", "--room-size", "3"]),
    ("seed-stats-bench", ["--players", "3", "--matches", "3"]),
])
def test_dev_seeders_write_their_session_tokens_readable_by_the_owner_only(command, arguments, tmp_path):
    out = tmp_path / "tokens.txt"
    out.write_text("an older file, world-readable\n")
    out.chmod(0o644)
    data = tempfile.mkdtemp(prefix="transcendence-seed-")
    env = {**os.environ, "DATA_DIR": data, "LOG_LEVEL": "error", "TRANSCENDENCE_DEV_COMMANDS": "1"}
    result = subprocess.run([str(BINARY), command, *arguments, "--out", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (out.stat().st_mode & 0o777) == 0o600
    assert "older file" not in out.read_text()
