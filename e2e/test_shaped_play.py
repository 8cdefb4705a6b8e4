"""Remote play over a shaped network (scripts/netshaper.py): two strangers quick-matched, one
behind `far` (120 ms) and one behind `mobile` (150 ms ± 40 with 2 % stalls of 400 ms), each socket
through its own proxy. The game runs to the end and is stored once, rated once, and the round trip
each player's game screen would show is at least their profile's."""
import sys
import time
from pathlib import Path

from mail import code_in
from test_cluster import Client
from wsclient import ListeningWebSocket as WebSocket

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from netshaper import Shaper  # noqa: E402


def signed_up(server, mail_sink, name):
    client = Client(server)
    before = mail_sink.count()
    pending = client.send("POST", "/api/auth/signup",
                          {"username": name, "email": f"{name.lower()}@example.com", "password": "a quiet paddle 42 on the wall"})
    code = code_in(mail_sink.wait_for(f"{name.lower()}@example.com", "sign-up code", after=before))
    client.send("POST", "/api/auth/signup/confirm", {"challenge": pending["challenge"], "code": code})
    return client


def round_trips(tab, count):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        tab.send("ping", {"at": started * 1000})
        tab.next("pong", within=30)
        times.append((time.perf_counter() - started) * 1000)
    return times


def test_a_far_and_a_mobile_player_play_a_rated_game_to_the_end(server, mail_sink):
    upstream = ("127.0.0.1", int(server.rsplit(":", 1)[1]))
    far, mobile = signed_up(server, mail_sink, "FarPlayer"), signed_up(server, mail_sink, "MobilePlayer")
    with Shaper(upstream, "far", seed=11) as far_net, Shaper(upstream, "mobile", seed=12) as mobile_net:
        far_tab, mobile_tab = WebSocket(far_net.port, far.cookie), WebSocket(mobile_net.port, mobile.cookie)
        try:
            far_tab.next("hello")
            mobile_tab.next("hello")
            far.send("POST", "/api/matchmaking")
            mobile.send("POST", "/api/matchmaking")
            game = far_tab.next("match_found", within=120)["game"]
            assert mobile_tab.next("match_found", within=120)["game"] == game
            sides = {}
            for name, tab in (("far", far_tab), ("mobile", mobile_tab)):
                tab.send("join", {"game": game})
                sides[name] = tab.next("game", within=60)["controls"][0]
            assert sorted(sides.values()) == ["left", "right"]
            # What the latency read-out measures: at least the profile's round trip (less its jitter).
            assert min(round_trips(far_tab, 5)) >= 110
            assert min(round_trips(mobile_tab, 5)) >= 110
            # Each holds their paddle against a wall: points come quickly.
            for name, tab in (("far", far_tab), ("mobile", mobile_tab)):
                tab.send("input", {"seq": 1, "side": sides[name], "key": "up" if sides[name] == "left" else "down"})
            summary = far_tab.next("over", within=240)
            assert mobile_tab.next("over", within=60)["matchID"] == summary["matchID"] == game
            assert summary["status"] == "finished"
        finally:
            far_tab.close()
            mobile_tab.close()
        assert mobile_net.counters["segments"] > 0 and far_net.counters["segments"] > 0
    detail = far.send("GET", f"/api/matches/{game}")
    stored = detail["match"]
    assert stored["status"] == "finished" and stored["rated"]
    assert len(detail["points"]) == stored["leftScore"] + stored["rightScore"]
    assert stored["leftRatingChange"] and stored["rightRatingChange"]
    assert far.send("GET", "/api/matches")["total"] == 1, "stored once"
