"""The network shaper (scripts/netshaper.py) that remote-play tests and benchmarks run behind:
its delays, its order, its stalls and its command line, over real loopback sockets."""
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from netshaper import PROFILES, Direction, Shaper, profile_named  # noqa: E402


class EchoServer:
    """Sends back every byte it reads, on its own thread per connection."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.saw_end = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._echo, args=(connection,), daemon=True).start()

    def _echo(self, connection):
        with connection:
            while data := connection.recv(65536):
                connection.sendall(data)
            self.saw_end.set()

    def close(self):
        self.listener.close()


@pytest.fixture
def echo():
    server = EchoServer()
    yield server
    server.close()


def round_trips(port, count):
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        times = []
        for index in range(count):
            started = time.monotonic()
            connection.sendall(b"%08d" % index)
            received = b""
            while len(received) < 8:
                received += connection.recv(8 - len(received))
            assert received == b"%08d" % index
            times.append((time.monotonic() - started) * 1000)
        return times


def test_theNamedProfiles_areTheIssuesFigures():
    assert {"lan", "broadband", "wifi", "far", "mobile"} <= set(PROFILES)
    assert (PROFILES["lan"].round_trip_ms, PROFILES["lan"].jitter_ms) == (1, 0)
    assert (PROFILES["broadband"].round_trip_ms, PROFILES["broadband"].jitter_ms) == (30, 5)
    wifi = PROFILES["wifi"]
    assert (wifi.round_trip_ms, wifi.jitter_ms, wifi.stall_rate, wifi.stall_ms) == (60, 20, 0.01, 200)
    assert (PROFILES["far"].round_trip_ms, PROFILES["far"].jitter_ms) == (120, 10)
    mobile = PROFILES["mobile"]
    assert (mobile.round_trip_ms, mobile.jitter_ms, mobile.stall_rate, mobile.stall_ms) == (150, 40, 0.02, 400)
    with pytest.raises(ValueError, match="unknown network profile"):
        profile_named("dial-up")


def test_aDirection_neverReorders_jittersWithinTheProfile_andStallsAtItsRate():
    counters = {"stalls": 0}
    direction = Direction(PROFILES["mobile"], random.Random(7), counters)
    releases = []
    now = 0.0
    for _ in range(20_000):
        now += 0.004  # a segment every 4 ms, faster than the jitter: ordering matters
        releases.append((now, direction.schedule(now)))
    assert all(later >= earlier for (_, earlier), (_, later) in zip(releases, releases[1:]))
    # Never earlier than the base delay less half the jitter, one way.
    assert min(release - sent for sent, release in releases) >= (75 - 20) / 1000 - 1e-9
    # 2 % stalls of 400 ms: between 1.5 % and 2.5 % of 20,000 segments, each holding what follows.
    assert 300 <= counters["stalls"] <= 500
    assert max(release - sent for sent, release in releases) >= 0.4


def test_far_addsItsRoundTrip_toEveryExchange(echo):
    with Shaper(("127.0.0.1", echo.port), "far", seed=1) as shaper:
        times = round_trips(shaper.port, 20)
    # 120 ms ± 10: never less than 110 (a loaded machine only adds).
    assert min(times) >= 110
    assert sorted(times)[10] < 1000


def test_eachDirection_hasItsOwnProfile(echo):
    with Shaper(("127.0.0.1", echo.port), up="lan", down="far", seed=2) as shaper:
        times = round_trips(shaper.port, 10)
    # Half of far's 120 ms one way, half of lan's 1 ms the other.
    assert min(times) >= 60 - 5


def test_everyByte_arrivesInOrder_throughStalls(echo):
    payload = bytes(random.Random(3).getrandbits(8) for _ in range(300_000))
    with Shaper(("127.0.0.1", echo.port), "mobile", seed=3) as shaper:
        with socket.create_connection(("127.0.0.1", shaper.port)) as connection:
            received = bytearray()

            def read_all():
                while len(received) < len(payload):
                    data = connection.recv(65536)
                    if not data:
                        return
                    received.extend(data)

            reader = threading.Thread(target=read_all)
            reader.start()
            for start in range(0, len(payload), 1000):
                connection.sendall(payload[start:start + 1000])
            reader.join(timeout=120)
            connection.shutdown(socket.SHUT_WR)
            assert echo.saw_end.wait(60), "the server never saw the client's end"
        assert shaper.counters["connections"] == 1
    assert bytes(received) == payload


def test_theCommandLine_printsItsPort_andRefusesABusyOne(echo):
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "netshaper.py"), "--upstream",
                                f"127.0.0.1:{echo.port}", "--profile", "broadband"], stdout=subprocess.PIPE, text=True)
    try:
        word, port = process.stdout.readline().split()
        assert word == "listening"
        assert min(round_trips(int(port), 5)) >= 25
        busy = subprocess.run([sys.executable, str(ROOT / "scripts" / "netshaper.py"), "--upstream",
                               f"127.0.0.1:{echo.port}", "--port", port], capture_output=True, text=True, timeout=60)
        assert busy.returncode == 1
        assert busy.stderr.strip().count("\n") == 0 and "cannot listen" in busy.stderr
    finally:
        process.kill()
        process.wait()
