#!/usr/bin/env python3
"""How smooth a remote game looks over a bad network (`make bench-smoothness`).

Two seeded players open the game screen in Chromium, each page and socket through its own
network shaper (scripts/netshaper.py) — one behind `wifi`, one behind `mobile` — and are paired
by the quick-match queue. Each player follows the ball it sees on its own screen with the arrow
keys, like a person; games are played one after another until `--seconds` of play are reached.
The server streams every tick's true state beside its keyframes (GAME_TRUTH_STREAM=1), which the
page keeps in `canvas.courtTrace` beside what it drew, so for each profile this reports:

- the drawn ball's distance from the server's true position at the tick each frame was drawn for
  (p50 / p99 / max, in field units and in px on a 1920-px canvas: the court is 800 units wide);
- visible corrections per minute (a frame where a correction of more than 2 px starts);
- own-paddle input-to-draw delay: frames drawn after a key goes down before the paddle moves.

Usage: scripts/smoothness_bench.py [--binary .build/release/transcendence] [--seconds 60]
Needs the Python venv of `make test` (Playwright) and Debian's chromium.
"""
import argparse
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from netshaper import Shaper  # noqa: E402

PX_PER_UNIT = 1920 / 800
CORRECTION_UNITS = 2 / PX_PER_UNIT
TRACE = "document.querySelector('canvas.court')?.courtTrace"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(binary, data):
    subprocess.run([binary, "seed-chat-bench", "--users", "2", "--out", f"{data}/players.txt"], check=True,
                   env={**os.environ, "DATA_DIR": data, "TRANSCENDENCE_DEV_COMMANDS": "1", "LOG_LEVEL": "warning"},
                   stdout=subprocess.DEVNULL)
    tokens = [line.split()[0] for line in Path(f"{data}/players.txt").read_text().splitlines() if line.strip()]
    port = free_port()
    server = subprocess.Popen([binary, "serve"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "DATA_DIR": data, "PORT": str(port), "GAME_TRUTH_STREAM": "1",
                                   "LOG_LEVEL": "warning", "MAIL_TRANSPORT": "file", "MAIL_DIR": f"{data}/mail"})
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return server, port, tokens
        except OSError:
            time.sleep(0.25)
    server.kill()
    raise SystemExit("the server did not start")


class Player:
    """One browser page behind one shaper, following the ball it draws."""

    def __init__(self, browser, profile, shaper, token):
        self.profile = profile
        base = f"http://127.0.0.1:{shaper.port}"
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=base)
        self.context.add_cookies([{"name": "transcendence_session", "value": token, "url": base}])
        self.page = self.context.new_page()
        self.page.add_init_script("window.addEventListener('keydown', () => { window.keyDownAt = performance.now(); }, true);")
        self.drawn, self.truth = {}, {}
        self.side, self.held, self.delays = None, None, []
        self.errors, self.corrections = [], 0

    def queue(self):
        self.score_game()
        self.side = None
        self.page.goto("/play/quick")

    def in_game(self):
        if self.side is None:
            text = self.page.evaluate("document.body.innerText")
            for side in ("left", "right"):
                if f"({side})" in text and "You are" in text:
                    self.side = side
        return self.side is not None and self.page.evaluate(f"!!{TRACE}")

    def over(self):
        return self.page.get_by_text("Game over", exact=True).is_visible()

    def collect(self):
        drawn, truth = self.page.evaluate(f"(() => {{ const t = {TRACE}; return t ? [t.drawn, t.server] : [[], []]; }})()")
        for frame in drawn:
            self.drawn[frame[0]] = frame
        for tick, x, y, flying in truth:
            self.truth[tick] = (x, y, flying)

    def steer(self):
        """Holds the arrow key that brings its paddle towards the ball it draws."""
        last = self.page.evaluate(f"{TRACE}?.drawn.at(-1) ?? null")
        if not last or last[3] is None or self.side is None:
            return self.hold(None)
        paddle = last[5] if self.side == "left" else last[6]
        centre, ball = paddle + 50, last[3]
        self.hold("ArrowUp" if ball < centre - 20 else "ArrowDown" if ball > centre + 20 else None)

    def hold(self, key):
        if key == self.held:
            return
        if self.held:
            self.page.keyboard.up(self.held)
        if key:
            before = self.page.evaluate(f"{TRACE}.drawn.length")
            self.page.keyboard.down(key)
            self.measure_delay(before)
        self.held = key

    def measure_delay(self, before):
        """Frames drawn after the key went down until the own paddle moved (one frame: instant)."""
        try:
            self.page.wait_for_function(f"(count) => {TRACE}.drawn.length > count + 4", arg=before, timeout=2000)
        except Exception:  # the game ended under the key
            return
        frames, pressed = self.page.evaluate(f"[{TRACE}.drawn, window.keyDownAt]")
        column = 5 if self.side == "left" else 6
        earlier = [frame for frame in frames if frame[0] < pressed]
        later = [frame for frame in frames if frame[0] >= pressed]
        if not earlier or not later or later[0][2] is None:
            return
        at = earlier[-1][column]
        for count, frame in enumerate(later, start=1):
            if frame[column] != at:
                self.delays.append(count)
                return
        # A paddle against the wall cannot move: not a delay.

    def score_game(self):
        """The last game's frames against its true state (each game numbers its ticks from 0)."""
        previous = 0.0
        for _, present, x, y, pending, *_ in sorted(self.drawn.values()):
            if pending > previous + CORRECTION_UNITS:
                self.corrections += 1
            previous = pending
            if x is None or present is None:
                continue
            whole = math.floor(present)
            a, b = self.truth.get(whole), self.truth.get(whole + 1)
            if not a or not b or not a[2] or not b[2] or math.hypot(b[0] - a[0], b[1] - a[1]) > 30:
                continue
            fraction = present - whole
            self.errors.append(math.hypot(x - (a[0] + (b[0] - a[0]) * fraction), y - (a[1] + (b[1] - a[1]) * fraction)))
        self.drawn, self.truth = {}, {}

    def figures(self, seconds):
        self.score_game()
        errors = sorted(self.errors)
        pick = lambda share: errors[min(len(errors) - 1, int(len(errors) * share))] if errors else float("nan")  # noqa: E731
        delays = sorted(self.delays)
        return {"frames": len(errors), "p50": pick(0.5), "p99": pick(0.99), "max": errors[-1] if errors else float("nan"),
                "corrections": self.corrections / (seconds / 60), "delay": (delays[len(delays) // 2] if delays else None,
                                                                          delays[-1] if delays else None, len(delays))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "transcendence"))
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="transcendence-smoothness-")
    server, port, tokens = start_server(args.binary, data)
    try:
        with Shaper(("127.0.0.1", port), "wifi", seed=21) as wifi, Shaper(("127.0.0.1", port), "mobile", seed=22) as mobile, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                                 args=["--no-sandbox"])
            players = [Player(browser, "wifi", wifi, tokens[0]), Player(browser, "mobile", mobile, tokens[1])]
            played, games = 0.0, 0
            while played < args.seconds:
                for player in players:
                    player.queue()
                deadline = time.time() + 120
                while not all(player.in_game() for player in players):
                    if time.time() > deadline:
                        raise SystemExit("the two players were not matched")
                    time.sleep(0.2)
                started = collected = time.time()
                while not any(player.over() for player in players) and time.time() - started < 600:
                    for player in players:
                        player.steer()
                    # The page keeps its last 1,200 frames (20 s): read them well before they roll over.
                    if time.time() - collected > 8:
                        for player in players:
                            player.collect()
                        collected = time.time()
                    time.sleep(0.03)
                for player in players:
                    player.hold(None)
                    player.collect()
                played += time.time() - started
                games += 1
            print(f"Smoothness: {games} quick-matched game(s), {played:.0f} s of play, one player behind wifi and one behind mobile")
            print("profile | frames compared | ball error p50 / p99 / max (units) | same in px at 1920 | corrections/min | "
                  "key-to-paddle frames p50 / max (keys)")
            for player in players:
                f = player.figures(played)
                median, worst, count = f["delay"]
                print(f"{player.profile} | {f['frames']} | {f['p50']:.2f} / {f['p99']:.2f} / {f['max']:.1f} | "
                      f"{f['p50'] * PX_PER_UNIT:.1f} / {f['p99'] * PX_PER_UNIT:.1f} / {f['max'] * PX_PER_UNIT:.0f} | "
                      f"{f['corrections']:.1f} | {median} / {worst} ({count})")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
