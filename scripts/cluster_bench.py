#!/usr/bin/env python3
"""`make bench-cluster`: what the bus costs. For each cluster size (1, 2 and 3 instances by
default, all on this machine, on one throwaway PostgreSQL; the sockets go to the instances' own
ports, so that the bench chooses where each one is) it seeds players in rooms, opens each player's
socket on instance (player mod N), posts chat messages to the sender's instance at each steady
rate of `--rates` (where the cross-instance p99 starts to grow is the bus's throughput here), and
times every delivery from the POST to the recipient's socket: deliveries to a
socket on the sender's instance never cross the bus, the others do (LISTEN/NOTIFY). It also reads
the instances' CPU time (utime + stime from /proc) per delivery.

Then what the relay adds to play: quick-matched games running at once, on one instance and on
two, where each pair has one player's socket on each instance, so one plays on the game's own
instance and the other through the relay; during play the tabs send pings (answered by the game's
instance, as the game screen measures them) and every keyframe is counted, with the instances' CPU
time per keyframe delivered. Standard library only.

    scripts/cluster_bench.py [--sizes 1,2,3] [--users 120] [--room-size 40] [--messages 300] [--rates 20,50,100]
                             [--relay-games 10] [--play-seconds 10] [--binary PATH]
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "e2e"))
sys.path.insert(0, str(ROOT / "scripts"))
from wsclient import ListeningWebSocket, WebSocket  # noqa: E402
import cluster  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def seed(state, users, room_size):
    out = Path(tempfile.mkdtemp()) / "tokens.txt"
    env = {**os.environ, "TRANSCENDENCE_DEV_COMMANDS": "1", "DATABASE_URL": state["postgres"]["url"],
           "DATA_DIR": tempfile.mkdtemp(), "INSTANCE_ID": "seeder", "SECRET_KEY": state["secretKey"]}
    subprocess.run([state["binary"], "seed-chat-bench", "--users", str(users), "--room-size", str(room_size), "--out", str(out)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [line.split() for line in out.read_text().splitlines() if line.strip()]


class Listener(threading.Thread):
    def __init__(self, index, port, token):
        super().__init__(daemon=True)
        self.index = index
        self.socket = WebSocket(port, f"transcendence_session={token}")
        self.socket.next("hello")
        self.received = {}
        self.stopping = False

    def run(self):
        # Blocking reads: a timeout in the middle of a frame would lose the rest of it.
        self.socket.sock.settimeout(None)
        while not self.stopping:
            try:
                opcode, payload = self.socket.frame()
            except (ConnectionError, OSError):
                return
            if opcode == 0x9:
                try:
                    self.socket.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                except OSError:
                    return  # closed by stop()
            elif opcode == 0x1:
                message = json.loads(payload)
                if message.get("t") == "message":
                    text = message["d"]["text"]
                    if text.startswith("bench "):
                        self.received[text] = time.perf_counter()

    def stop(self):
        self.stopping = True
        self.socket.close()


def post(port, token, room, text):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/chat/conversations/{room}/messages", method="POST",
        data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json", "Cookie": f"transcendence_session={token}",
                 "X-Requested-With": "transcendence", "Origin": f"http://127.0.0.1:{port}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


def measure(size, rate, instances, players, listeners, rooms, args):
    """`args.messages` messages at `rate` per second (posted from a few threads, each at its time)."""
    pids = [i["pid"] for i in instances]
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    sent, lock = [], threading.Lock()

    def send(number):
        sender = number % len(players)
        token, room = players[sender]
        text = f"bench {size} {rate} {number}"
        at = time.perf_counter()
        assert post(instances[sender % size]["port"], token, room, text) == 201
        with lock:
            sent.append((text, at, sender, room))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        for number in range(args.messages):
            pause = started + number / rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            pool.submit(send, number)
    sending = time.perf_counter() - started
    deadline = time.time() + 30
    # Every member but the sender (whose own tab hears its message too, and is not counted).
    awaited = [(text, member) for text, _, sender, room in sent for member in rooms[room] if member != sender]
    while time.time() < deadline and any(text not in listeners[member].received for text, member in awaited):
        time.sleep(0.1)
    cpu_after = sum(cpu_seconds(pid) for pid in pids)
    local, crossing, missing = [], [], 0
    for text, at, sender, room in sent:
        for member in rooms[room]:
            if member == sender:
                continue
            arrived = listeners[member].received.get(text)
            if arrived is None:
                missing += 1
                if os.environ.get("BENCH_DEBUG"):
                    print(f"lost: {text} from player {sender} (instance {sender % size}) to player {member} "
                          f"(instance {member % size}, socket {'open' if listeners[member].is_alive() else 'closed'})")
                continue
            (local if member % size == sender % size else crossing).append((arrived - at) * 1000)
    deliveries = len(local) + len(crossing)
    return {"size": size, "rate": len(sent) / sending, "deliveries": deliveries, "missing": missing,
            "local_p50": percentile(local, 0.5), "local_p99": percentile(local, 0.99),
            "cross_p50": percentile(crossing, 0.5), "cross_p99": percentile(crossing, 0.99),
            "cpu_ms_per_delivery": (cpu_after - cpu_before) * 1000 / max(1, deliveries)}


def run_size(size, args):
    port = cluster.free_port()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "up", "--instances", str(size), "--port", str(port),
                    "--binary", args.binary], check=True, stdout=subprocess.DEVNULL)
    try:
        state = json.loads(cluster.DESCRIPTION.read_text())
        instances = state["instances"]
        players = seed(state, args.users, args.room_size)
        listeners = [Listener(i, instances[i % size]["port"], token) for i, (token, _) in enumerate(players)]
        for listener in listeners:
            listener.start()
        rooms = {}
        for index, (_, room) in enumerate(players):
            rooms.setdefault(room, []).append(index)
        results = [measure(size, float(rate), instances, players, listeners, rooms, args) for rate in args.rates.split(",")]
        for listener in listeners:
            listener.stop()
        return results
    finally:
        if os.environ.get("BENCH_DEBUG"):
            shutil.copytree(cluster.STATE, "/tmp/cluster-bench-logs", dirs_exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "down"], stdout=subprocess.DEVNULL)


def owner_of(state, game):
    psql = os.path.join(state["postgres"]["bin"], "psql")
    answer = subprocess.run([psql if os.path.exists(psql) else "psql", state["postgres"]["url"], "-tAc",
                             f"SELECT owner_instance FROM matches WHERE id = '{game}'"], capture_output=True, text=True, check=True)
    return answer.stdout.strip()


def run_play(size, args):
    """`--relay-games` quick-matched games on `size` instances, all running at once; on two, each
    pair has one socket on each instance (one player direct, one relayed)."""
    port = cluster.free_port()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "up", "--instances", str(size), "--port", str(port),
                    "--binary", args.binary], check=True, stdout=subprocess.DEVNULL)
    sockets = []
    try:
        state = json.loads(cluster.DESCRIPTION.read_text())
        instances = state["instances"]
        players = seed(state, 2 * args.relay_games, 2)
        tabs = []  # (tab, instance id, game)
        for pair in range(args.relay_games):
            pair_tabs = []
            for side in range(2):
                token = players[2 * pair + side][0]
                instance = instances[side % size]
                tab = ListeningWebSocket(instance["port"], f"transcendence_session={token}")
                tab.next("hello")
                sockets.append(tab)
                request = urllib.request.Request(
                    f"http://127.0.0.1:{instance['port']}/api/matchmaking", method="POST", data=b"{}",
                    headers={"Content-Type": "application/json", "Cookie": f"transcendence_session={token}",
                             "X-Requested-With": "transcendence", "Origin": f"http://127.0.0.1:{instance['port']}"})
                urllib.request.urlopen(request, timeout=30).close()
                pair_tabs.append((tab, instance["id"]))
            game = pair_tabs[0][0].next("match_found", within=60)["game"]
            owner = owner_of(state, game)
            for tab, instance in pair_tabs:
                tab.send("join", {"game": game})
                tab.next("game", within=60)
                tabs.append((tab, instance == owner))
        time.sleep(2)  # every countdown over
        pids = [i["pid"] for i in instances]
        cpu_before, frames_before = sum(cpu_seconds(pid) for pid in pids), sum(tab.binary_frames for tab, _ in tabs)
        direct, relayed = [], []
        started = time.perf_counter()
        # Pings round the tabs, one at a time, while every game runs: answered by the game's instance.
        while time.perf_counter() - started < args.play_seconds:
            for tab, on_owner in tabs:
                at = time.perf_counter() * 1000
                tab.send("ping", {"at": at})
                tab.next("pong", within=30)
                (direct if on_owner else relayed).append(time.perf_counter() * 1000 - at)
                time.sleep(0.01)
        elapsed = time.perf_counter() - started
        frames = sum(tab.binary_frames for tab, _ in tabs) - frames_before
        cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
        return {"size": size, "games": args.relay_games, "direct": direct, "relayed": relayed,
                "keyframes_per_second": frames / elapsed, "cpu_us_per_keyframe": cpu * 1e6 / max(1, frames)}
    finally:
        for tab in sockets:
            tab.close()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), "down"], stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_CLUSTER_SIZES", "1,2,3"))
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_CLUSTER_USERS", "120")))
    parser.add_argument("--room-size", type=int, default=40)
    parser.add_argument("--messages", type=int, default=int(os.environ.get("BENCH_CLUSTER_MESSAGES", "300")))
    parser.add_argument("--rates", default=os.environ.get("BENCH_CLUSTER_RATES", "20,50,100"),
                        help="messages per second, one measurement each")
    parser.add_argument("--relay-games", type=int, default=int(os.environ.get("BENCH_RELAY_GAMES", "10")))
    parser.add_argument("--play-seconds", type=float, default=float(os.environ.get("BENCH_PLAY_SECONDS", "10")))
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "transcendence"),
                        help="the server binary (make bench-cluster passes the release build)")
    args = parser.parse_args()
    if cluster.DESCRIPTION.exists():
        raise SystemExit("bench: a cluster is running (make cluster-down first)")
    results = [r for size in args.sizes.split(",") for r in run_size(int(size), args)]
    print(f"\nChat through the bus: {args.users} players in rooms of {args.room_size}, {args.messages} messages at each rate")
    print("| instances | messages/s | deliveries | lost | same-instance p50 / p99 (ms) | cross-instance p50 / p99 (ms) |"
          " instance CPU per delivery (ms) |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        cross = "—" if r["size"] == 1 else f"{r['cross_p50']:.1f} / {r['cross_p99']:.1f}"
        print(f"| {r['size']} | {r['rate']:.0f} | {r['deliveries']} | {r['missing']} | {r['local_p50']:.1f} / {r['local_p99']:.1f} |"
              f" {cross} | {r['cpu_ms_per_delivery']:.3f} |")

    plays = [run_play(1, args), run_play(2, args)]
    print(f"\nPlay: {args.relay_games} quick-matched games at once for {args.play_seconds:.0f} s; on 2 instances each pair has a"
          " socket on each (one player on the game's instance, one relayed); pings answered by the game's instance")
    print("| instances | keyframes delivered/s | instance CPU per keyframe (µs) | round trip on the game's instance p50 / p99 (ms) |"
          " relayed p50 / p99 (ms) |")
    print("|---|---|---|---|---|")
    for r in plays:
        relayed = "—" if not r["relayed"] else f"{percentile(r['relayed'], 0.5):.2f} / {percentile(r['relayed'], 0.99):.2f}"
        print(f"| {r['size']} | {r['keyframes_per_second']:.0f} | {r['cpu_us_per_keyframe']:.0f} | "
              f"{percentile(r['direct'], 0.5):.2f} / {percentile(r['direct'], 0.99):.2f} | {relayed} |")

if __name__ == "__main__":
    main()
