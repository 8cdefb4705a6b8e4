"""The cluster, as issue 24 describes it: PostgreSQL, three real instances and nginx on loopback
(scripts/cluster.py, the `make cluster` tool). Alice's socket is on instance 1, Bob's on 2, Carol's
on 3: they chat live, see each other's presence and play a rated game from an invitation while
Carol watches; ten wrong passwords spread over the instances are ten; two players queued on
different instances are paired once. Then the game's instance is killed with SIGKILL mid-game: the
players come back (one through nginx), the survivor resumes from the checkpoint with the score
kept, the game is played out and stored once, both ratings moved once. Then another instance is
killed: nothing finished is lost, presence settles, and no game is left live."""
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

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

    def call(self, method, path, body=None, base=None):
        """(status, JSON body), whatever the status."""
        request = urllib.request.Request((base or self.base) + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json", "X-Requested-With": "transcendence"})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def send(self, method, path, body=None, base=None):
        status, answer = self.call(method, path, body, base)
        assert 200 <= status < 300, f"{method} {path}: {status} {answer}"
        return answer

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

    run("up", "--instances", "3", "--port", str(free_port()), "--binary", str(BINARY))
    try:
        with open(os.path.join(state, "cluster.json")) as handle:
            description = json.load(handle)
        description["state"] = state
        description["kill"] = lambda instance: run("kill", instance)
        yield description
    finally:
        for instance in description.get("instances", []):
            path = os.path.join(state, f"{instance['id']}.log")
            if os.path.exists(path):
                shutil.copyfile(path, OUTPUT / f"cluster-{instance['id']}.log")
        run("down")
        log.close()


def sql(cluster, query):
    """One value from PostgreSQL, read with psql (what the tests can't see through the API)."""
    psql = os.path.join(cluster["postgres"]["bin"], "psql")
    psql = psql if os.path.exists(psql) else shutil.which("psql")
    return subprocess.run([psql, cluster["postgres"]["url"], "-tAc", query], capture_output=True, text=True, check=True).stdout.strip()


def eventually(what, check, within=120):
    deadline = time.time() + within
    while not check():
        assert time.time() < deadline, f"{what}: not within {within} s"
        time.sleep(0.1)


def signed_up(base, mail, name):
    client = Client(base)
    pending = client.send("POST", "/api/auth/signup",
                          {"username": name, "email": f"{name}@example.com", "password": "a quiet paddle 42 on the wall"})
    client.send("POST", "/api/auth/signup/confirm",
                {"challenge": pending["challenge"], "code": signup_code_in_folder(mail, f"{name}@example.com")})
    return client


def befriend(one, other, other_name, one_name):
    one.send("POST", "/api/friends/requests", {"username": other_name})
    other.send("POST", "/api/friends/requests/" + one_name + "/accept")


def port_of(url):
    return int(url.rsplit(":", 1)[1])


def next_where(tab, kind, check, within=60):
    deadline = time.time() + within
    while True:
        message = tab.next(kind, within=max(0.1, deadline - time.time()))
        if check(message):
            return message


def test_three_instances_behind_nginx_lose_no_game_and_no_message(cluster):
    one, two, three = cluster["instances"]
    mail = os.path.join(cluster["state"], "mail")
    alice, bob, carol = signed_up(one["url"], mail, "alice"), signed_up(two["url"], mail, "bob"), signed_up(three["url"], mail, "carol")
    befriend(alice, bob, "bob", "alice")
    befriend(alice, carol, "carol", "alice")

    # Each on their own instance; Alice sees the others come online from theirs.
    alice_tab = WebSocket(port_of(one["url"]), alice.cookie)
    alice_tab.next("hello")
    bob_tab = WebSocket(port_of(two["url"]), bob.cookie)
    bob_tab.next("hello")
    carol_tab = WebSocket(port_of(three["url"]), carol.cookie)
    carol_tab.next("hello")
    for name in ("bob", "carol"):
        next_where(alice_tab, "presence", lambda event, name=name: event["user"] == name and event["status"] == "online")

    # Live chat both ways across instances; a retried send (same client key, another instance) is one message.
    conversation = alice.send("POST", "/api/chat/direct", {"username": "bob"})["id"]
    key = uuid.uuid4().hex
    sent = alice.send("POST", f"/api/chat/conversations/{conversation}/messages", {"text": "ready for a game?", "clientKey": key})
    retried = alice.send("POST", f"/api/chat/conversations/{conversation}/messages",
                         {"text": "ready for a game?", "clientKey": key}, base=three["url"])
    assert retried["id"] == sent["id"]
    assert next_where(bob_tab, "message", lambda m: m["text"] == "ready for a game?")["id"] == sent["id"]
    bob.send("POST", f"/api/chat/conversations/{conversation}/messages", {"text": "always"})
    next_where(alice_tab, "message", lambda m: m["text"] == "always")
    history = alice.send("GET", f"/api/chat/conversations/{conversation}/messages", base=cluster["url"])
    texts = [m["text"] for m in history["items"]]
    assert texts.count("ready for a game?") == 1 and "always" in texts

    # Ten wrong passwords for one account, spread over the three instances, are ten.
    stranger = Client(cluster["url"])
    statuses = [stranger.call("POST", "/api/auth/login", {"login": "carol", "password": "not her password"},
                              base=cluster["instances"][attempt % 3]["url"])[0] for attempt in range(11)]
    assert statuses == [401] * 10 + [429], statuses

    # Two players queued on different instances are paired once.
    dave, erin = signed_up(one["url"], mail, "dave"), signed_up(three["url"], mail, "erin")
    dave_tab, erin_tab = WebSocket(port_of(one["url"]), dave.cookie), WebSocket(port_of(three["url"]), erin.cookie)
    dave_tab.next("hello")
    erin_tab.next("hello")
    dave.send("POST", "/api/matchmaking")
    erin.send("POST", "/api/matchmaking", base=three["url"])
    queued_game = dave_tab.next("match_found")["game"]
    assert erin_tab.next("match_found")["game"] == queued_game
    assert sql(cluster, "SELECT count(*) FROM matches WHERE left_user_id IN (SELECT id FROM users WHERE username = 'dave')"
                        " OR right_user_id IN (SELECT id FROM users WHERE username = 'dave')") == "1"
    for tab in (dave_tab, erin_tab):
        tab.send("join", {"game": queued_game})
        tab.next("game")

    # Alice invites Bob; he accepts on his instance, which runs the game; Carol watches from hers.
    invitation = alice.send("POST", "/api/invitations", {"username": "bob", "pointsToWin": 5, "rated": True})
    assert next_where(bob_tab, "invitation", lambda i: i["id"] == invitation["id"])["status"] == "pending"
    game = bob.send("POST", f"/api/invitations/{invitation['id']}/accept")["gameID"]
    assert sql(cluster, f"SELECT owner_instance FROM matches WHERE id = '{game}'") == two["id"]
    alice_tab.send("join", {"game": game})
    bob_tab.send("join", {"game": game})
    assert alice_tab.next("game")["controls"] == ["left"]
    assert bob_tab.next("game")["controls"] == ["right"]
    # Alice plays through a relay from her instance: her friend Carol, on a third, sees her in a game.
    next_where(carol_tab, "presence", lambda event: event["user"] == "alice" and event["status"] == "in_game")
    carol_tab.send("watch", {"game": game})
    assert carol_tab.next("game")["controls"] == []
    # Each holds their paddle against a wall: points come quickly. Three points, checkpointed, then the kill.
    alice_tab.send("input", {"seq": 1, "side": "left", "key": "up"})
    bob_tab.send("input", {"seq": 1, "side": "right", "key": "down"})
    played = [alice_tab.next("point", within=120) for _ in range(3)]
    eventually("the third point checkpointed", lambda: int(sql(cluster, f"SELECT points FROM game_checkpoints WHERE match_id = '{game}'") or 0) >= 3)
    score = (played[-1]["leftScore"], played[-1]["rightScore"])

    cluster["kill"](two["id"])
    killed_at = time.time()
    bob_tab.close()
    # Alice's instance tells her the game is moving; Bob comes back through nginx, to a survivor.
    assert next_where(alice_tab, "paused", lambda event: event["reason"] == "moving")
    bob_tab = WebSocket(port_of(cluster["url"]), bob.cookie)
    bob_tab.next("hello")
    bob_tab.send("join", {"game": game})
    resumed = bob_tab.next("game", within=120)
    print(f"taken over and rejoined {time.time() - killed_at:.1f} s after the kill")
    assert resumed["controls"] == ["right"]
    assert resumed["points"] == played, "the game goes on from the score it had"
    again = alice_tab.next("game", within=120)
    assert (again["points"][-1]["leftScore"], again["points"][-1]["rightScore"]) == score
    alice_tab.send("input", {"seq": 2, "side": "left", "key": "up"})
    bob_tab.send("input", {"seq": 2, "side": "right", "key": "down"})

    summary = alice_tab.next("over", within=180)
    assert bob_tab.next("over", within=60)["matchID"] == summary["matchID"] == game
    assert carol_tab.next("over", within=60)["matchID"] == game
    assert summary["status"] == "finished"
    detail = alice.send("GET", f"/api/matches/{game}", base=cluster["url"])
    stored = detail["match"]
    assert stored["status"] == "finished" and max(stored["leftScore"], stored["rightScore"]) == 5
    assert detail["points"][:3] == played and len(detail["points"]) == stored["leftScore"] + stored["rightScore"]
    assert sql(cluster, f"SELECT count(*) FROM matches WHERE id = '{game}'") == "1"
    for name in ("alice", "bob"):
        assert len(alice.send("GET", f"/api/users/{name}/dashboard", base=cluster["url"])["rating"]) == 1, f"{name}'s rating moved once"

    # Then the instance of the queued game (and of Carol's tab) dies too.
    queued_owner = sql(cluster, f"SELECT owner_instance FROM matches WHERE id = '{queued_game}'")
    other = next(i for i in cluster["instances"] if i["id"] == queued_owner)
    assert other["id"] != two["id"]
    cluster["kill"](other["id"])
    for tab in (carol_tab, dave_tab, erin_tab):
        tab.close()
    # Nothing finished is lost, presence settles, and no game is left live.
    assert sql(cluster, f"SELECT status FROM matches WHERE id = '{game}'") == "finished"
    next_where(alice_tab, "presence", lambda event: event["user"] == "carol" and event["status"] == "offline", within=120)
    eventually("no game left live", lambda: sql(cluster, "SELECT count(*) FROM matches WHERE status = 'live'") == "0", within=180)
    assert sql(cluster, f"SELECT status FROM matches WHERE id = '{queued_game}'") in ("abandoned", "forfeit", "finished")
    friends = {f["user"]["username"]: f["presence"] for f in alice.send("GET", "/api/friends", base=one["url"])["friends"]}
    assert friends["carol"] == "offline"
    alice_tab.close()
