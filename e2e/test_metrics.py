"""What an operator reads, from outside: /metrics parsed by Prometheus's own text-format parser
(prometheus-client), counters that move with real traffic, and one JSON log line per request
carrying the request id it answered with."""
import json
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from conftest import ROOT, free_port
from test_http import call


def scrape(server):
    status, headers, body = call(server, "/metrics")
    assert status == 200
    headers = {name.lower(): value for name, value in headers.items()}
    assert headers["content-type"].startswith("text/plain; version=0.0.4")
    return {family.name: family for family in text_string_to_metric_families(body.decode())}


def requests_to(families, path, status="200"):
    return sum(sample.value for sample in families["http_requests"].samples
               if sample.name == "http_requests_total" and sample.labels.get("path") == path
               and sample.labels.get("status") == status)


def test_metrics_parse_as_prometheus_text_and_move_with_traffic(server):
    before = scrape(server)
    for family in ("http_requests", "http_request_duration_seconds", "transcendence_open_sockets",
                   "transcendence_live_games", "transcendence_database_writes_waiting",
                   "transcendence_password_hashes_waiting"):
        assert family in before, f"{family} missing from /metrics"
    assert before["http_request_duration_seconds"].type == "histogram"
    assert before["transcendence_open_sockets"].type == "gauge"
    for _ in range(5):
        assert call(server, "/api/health")[0] == 200
    # A wrong password counts under its route template and status too.
    body = json.dumps({"login": "nobody-here", "password": "not the password"}).encode()
    call(server, "/api/auth/login", "POST", body, {"Content-Type": "application/json", "X-Requested-With": "transcendence"})
    after = scrape(server)
    assert requests_to(after, "/api/health") >= requests_to(before, "/api/health") + 5
    assert requests_to(after, "/api/auth/login", "401") >= requests_to(before, "/api/auth/login", "401") + 1
    # The scheduler's jobs run every second from the start: they are counted by name.
    deadline = time.time() + 30
    while "transcendence_scheduler_jobs" not in after and time.time() < deadline:
        time.sleep(0.25)
        after = scrape(server)
    jobs = {sample.labels["job"] for sample in after["transcendence_scheduler_jobs"].samples}
    assert {"invitations.expire", "tournaments.ready-checks", "play.matchmaking"} <= jobs


def test_metrics_through_a_proxy_header_are_not_found(server):
    assert call(server, "/metrics", headers={"X-Real-IP": "203.0.113.7"})[0] == 404


def test_with_log_format_json_each_request_is_one_json_line_with_its_request_id(tmp_path):
    binary = ROOT / ".build" / "debug" / "transcendence"
    port = free_port()
    log_path = tmp_path / "server.log"
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "PORT": str(port), "HOST": "127.0.0.1",
           "LOG_FORMAT": "json", "INSTANCE_ID": "e2e-json"}
    with open(log_path, "w") as log:
        process = subprocess.Popen([str(binary), "serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            status = call(base, "/api/health")[0] if _listening(port) else None
            if status == 200:
                break
            assert process.poll() is None and time.time() < deadline, log_path.read_text()
            time.sleep(0.25)
        status, headers, _ = call(base, "/api/health", headers={"X-Request-Id": "e2e0123456789abcdef"})
        headers = {name.lower(): value for name, value in headers.items()}
        assert status == 200 and headers["x-request-id"] == "e2e0123456789abcdef"
        deadline = time.time() + 20
        while True:
            lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
            mine = [line for line in lines if line.get("request-id") == "e2e0123456789abcdef"]
            if mine or time.time() > deadline:
                break
            time.sleep(0.1)
        assert mine, log_path.read_text()[-2000:]
        line = mine[-1]
        assert line["route"] == "/api/health" and line["status"] == "200" and line["instance"] == "e2e-json"
        assert line["level"] == "info" and "ts" in line and float(line["duration_ms"]) >= 0
    finally:
        process.terminate()
        process.wait(timeout=20)


def _listening(port):
    import socket
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
