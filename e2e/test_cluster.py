"""A live game survives the death of its instance: two real instances on one PostgreSQL behind nginx
(scripts/cluster.py, the `make cluster` tool), two players whose sockets are on different instances,
the owner killed with SIGKILL after the first point. The survivor takes the game over from its
checkpoint, both players come back (one through nginx), the game is played to its end and its
result is stored once, with both ratings moved once."""
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from conftest import OUTPUT, ROOT, free_port
from mail import signup_code_in_folder
from wsclient import ListeningWebSocket as WebSocket

CLUSTER = ROOT / "scripts" / "cluster.py"
BINARY = ROOT / ".build" / "debug" / "transcendence"


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def send(self, method, path, body=None, base=None):
        request = urllib.request.Request((base or self.base) + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json", "X-Requested-With": "transcendence"})
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    @property
    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


@pytest.fixture
def cluster():
    state = tempfile.mkdtemp(prefix="transcendence-e2e-cluster-")
    env = {**os.environ, "CLUSTER_STATE": state}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = open(OUTPUT / "cluster.log", "a")

    def run(*args):
        subprocess.run([sys.executable, str(CLUSTER), *args], cwd=ROOT, env=env, check=True, stdout=log, stderr=subprocess.STDOUT)

    run("up", "--instances", "2", "--port", str(free_port()), "--binary", str(BINARY))
    try:
        with open(os.path.join(state, "cluster.json")) as handle:
            description = json.load(handle)
        description["state"] = state
        description["kill"] = lambda instance: run("kill", instance)
        yield description
    finally:
        # The instances' own logs, for a failing run.
        for name in ("i1", "i2"):
            path = os.path.join(state, f"{name}.log")
            if os.path.exists(path):
                with open(path, "rb") as source, open(OUTPUT / f"cluster-{name}.log", "wb") as target:
                    target.write(source.read())
        run("down")
        log.close()


def signed_up(base, mail, name):
    client = Client(base)
    pending = client.send("POST", "/api/auth/signup",
                          {"username": name, "email": f"{name}@example.com", "password": "a quiet paddle 42 on the wall"})
    client.send("POST", "/api/auth/signup/confirm",
                {"challenge": pending["challenge"], "code": signup_code_in_folder(mail, f"{name}@example.com")})
    return client


def checkpointed_points(cluster, game):
    """Points in the game's checkpoint, read with psql: the kill waits until the first is saved."""
    psql = os.path.join(cluster["postgres"]["bin"], "psql")
    psql = psql if os.path.exists(psql) else shutil.which("psql")
    answer = subprocess.run([psql, cluster["postgres"]["url"], "-tAc", f"SELECT points FROM game_checkpoints WHERE match_id = '{game}'"],
                            capture_output=True, text=True, check=True).stdout.strip()
    return int(answer or 0)


def port_of(url):
    return int(url.rsplit(":", 1)[1])


def test_a_game_whose_instance_is_killed_goes_on_elsewhere_and_is_stored_once(cluster):
    one, two = cluster["instances"]
    mail = os.path.join(cluster["state"], "mail")
    alice, bob = signed_up(one["url"], mail, "alice"), signed_up(two["url"], mail, "bob")
    bob.base = two["url"]
    alice.send("POST", "/api/friends/requests", {"username": "bob"})
    bob.send("POST", "/api/friends/requests/alice/accept")

    alice_tab, bob_tab = WebSocket(port_of(one["url"]), alice.cookie), WebSocket(port_of(two["url"]), bob.cookie)
    alice_tab.next("hello")
    bob_tab.next("hello")
    invitation = alice.send("POST", "/api/invitations", {"username": "bob", "pointsToWin": 3, "rated": True})
    # Bob accepts on Alice's instance: the game is hers to run, and Bob plays it through a relay.
    game = bob.send("POST", f"/api/invitations/{invitation['id']}/accept", base=one["url"])["gameID"]
    alice_tab.send("join", {"game": game})
    bob_tab.send("join", {"game": game})
    assert alice_tab.next("game")["controls"] == ["left"]
    assert bob_tab.next("game")["controls"] == ["right"]
    # Each holds their paddle against a wall: points come quickly.
    alice_tab.send("input", {"seq": 1, "side": "left", "key": "up"})
    bob_tab.send("input", {"seq": 1, "side": "right", "key": "down"})
    first = bob_tab.next("point", within=120)
    deadline = time.time() + 60
    while checkpointed_points(cluster, game) < 1:
        assert time.time() < deadline, "the first point was never checkpointed"
        time.sleep(0.1)

    cluster["kill"]("i1")
    killed_at = time.time()
    alice_tab.close()
    # Bob's instance tells him the game is moving; Alice comes back through nginx, to the survivor.
    assert bob_tab.next("paused", within=60)["reason"] == "moving"
    alice_tab = WebSocket(port_of(cluster["url"]), alice.cookie)
    alice_tab.next("hello")
    alice_tab.send("join", {"game": game})
    resumed = alice_tab.next("game", within=120)
    took_over_in = time.time() - killed_at
    print(f"taken over and rejoined {took_over_in:.1f} s after the kill")
    assert resumed["controls"] == ["left"]
    assert bob_tab.next("game", within=120)["controls"] == ["right"]
    alice_tab.send("input", {"seq": 2, "side": "left", "key": "up"})
    bob_tab.send("input", {"seq": 2, "side": "right", "key": "down"})

    summary = alice_tab.next("over", within=180)
    assert bob_tab.next("over", within=60)["matchID"] == summary["matchID"] == game
    assert summary["status"] == "finished"
    detail = alice.send("GET", f"/api/matches/{game}", base=cluster["url"])
    stored = detail["match"]
    assert stored["status"] == "finished"
    assert max(stored["leftScore"], stored["rightScore"]) == 3
    # Every point is in the stored timeline, the one scored before the kill too.
    assert len(detail["points"]) == stored["leftScore"] + stored["rightScore"]
    assert detail["points"][0] == first
    history = alice.send("GET", "/api/users/alice/matches", base=cluster["url"])
    assert [m["id"] for m in history["items"]].count(game) == 1
    assert stored["leftRatingChange"] is not None and stored["rightRatingChange"] is not None
    alice_tab.close()
    bob_tab.close()
