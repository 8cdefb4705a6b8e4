#!/usr/bin/env python3
"""`make bench-cluster`, last part: how long a live game is gone when its instance dies. On three
instances behind nginx (scripts/cluster.py), each round quick-matches two seeded players, one
socket on the instance that will own the game and one on another, lets a point be played and
checkpointed, kills the owner with SIGKILL, and times until both players are back in the game on
a survivor (the first player reconnects through nginx as a browser would; the second was relayed
and follows by itself). The killed instance is started again before the next round. Standard
library only.

    scripts/takeover_bench.py [--kills 20] [--binary PATH]
"""
import argparse, json, os, subprocess, sys, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "e2e"))
sys.path.insert(0, str(ROOT / "scripts"))
from wsclient import ListeningWebSocket  # noqa: E402
import cluster  # noqa: E402
from cluster_bench import percentile, seed  # noqa: E402


def psql(state, query):
    binary = os.path.join(state["postgres"]["bin"], "psql")
    return subprocess.run([binary if os.path.exists(binary) else "psql", state["postgres"]["url"], "-tAc", query],
                          capture_output=True, text=True, check=True).stdout.strip()


def queue(port, token):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/matchmaking", method="POST", data=b"{}",
        headers={"Content-Type": "application/json", "Cookie": f"transcendence_session={token}",
                 "X-Requested-With": "transcendence", "Origin": f"http://127.0.0.1:{port}"})
    urllib.request.urlopen(request, timeout=30).close()


def until(what, check, within=120):
    deadline = time.time() + within
    while not check():
        if time.time() > deadline:
            raise SystemExit(f"bench: {what} not within {within} s")
        time.sleep(0.05)


def one_round(state, number, tokens):
    instances = state["instances"]
    owner, other = instances[number % 3], instances[(number + 1) % 3]
    first, second = tokens
    tabs = []
    try:
        # The second join makes the pair on its own instance: that instance runs the game.
        relayed = ListeningWebSocket(other["port"], f"transcendence_session={second}")
        relayed.next("hello")
        direct = ListeningWebSocket(owner["port"], f"transcendence_session={first}")
        direct.next("hello")
        tabs += [relayed, direct]
        queue(other["port"], second)
        queue(owner["port"], first)
        game = direct.next("match_found", within=60)["game"]
        relayed.next("match_found", within=60)
        if psql(state, f"SELECT owner_instance FROM matches WHERE id = '{game}'") != owner["id"]:
            raise SystemExit("bench: the game did not start where it was expected")
        for tab in (direct, relayed):
            tab.send("join", {"game": game})
            tab.next("game", within=60)
        direct.send("input", {"seq": 1, "side": "left", "key": "up"})
        relayed.send("input", {"seq": 1, "side": "right", "key": "down"})
        direct.next("point", within=120)
        until("the point checkpointed", lambda: int(psql(state, f"SELECT points FROM game_checkpoints WHERE match_id = '{game}'") or 0) >= 1)

        subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "kill", owner["id"]], check=True, stdout=subprocess.DEVNULL)
        killed = time.perf_counter()
        direct.close()
        back = ListeningWebSocket(int(state["url"].rsplit(":", 1)[1]), f"transcendence_session={first}")
        tabs.append(back)
        back.next("hello", within=60)
        back.send("join", {"game": game})
        back.next("game", within=120)
        relayed.next("game", within=120)
        seconds = time.perf_counter() - killed
        back.send("leave")
        back.next("over", within=60)
        return seconds
    finally:
        for tab in tabs:
            tab.close()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "start", owner["id"]], stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=int(os.environ.get("BENCH_KILLS", "20")))
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "transcendence"))
    args = parser.parse_args()
    if cluster.DESCRIPTION.exists():
        raise SystemExit("bench: a cluster is running (make cluster-down first)")
    port = cluster.free_port()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "up", "--instances", "3", "--port", str(port),
                    "--binary", args.binary], check=True, stdout=subprocess.DEVNULL)
    times = []
    try:
        state = json.loads(cluster.DESCRIPTION.read_text())
        players = [token for token, _ in seed(state, 2 * args.kills, 2)]
        for number in range(args.kills):
            times.append(one_round(json.loads(cluster.DESCRIPTION.read_text()), number, players[2 * number:2 * number + 2]))
            print(f"kill {number + 1}: both players back in the game {times[-1]:.1f} s after the SIGKILL", flush=True)
    finally:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "down"], stdout=subprocess.DEVNULL)
    print(f"\nA game survives its instance: {len(times)} kills of the game's instance (3 instances behind nginx)")
    print("| kills | p50 (s) | p99 (s) | longest (s) |")
    print("|---|---|---|---|")
    print(f"| {len(times)} | {percentile(times, 0.5):.1f} | {percentile(times, 0.99):.1f} | {max(times):.1f} |")


if __name__ == "__main__":
    main()
