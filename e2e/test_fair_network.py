"""Two browsers on bad networks play each other: one behind `far` (120 ms ± 10), one behind
`mobile` (150 ms ± 40, 2 % stalls of 400 ms), each page and socket through its own shaper
(scripts/netshaper.py). On each screen the player's own paddle moves in the first frame drawn after
the key goes down; the ball is drawn where the server has it (the page keeps what it drew, with the
server tick it drew it for, beside what the server's snapshots said at that tick); the game goes to
the end and is stored once."""
import math
import re
import sys
from pathlib import Path

from playwright.sync_api import expect

from conftest import DESKTOP
from test_accounts import unique
from test_shaped_play import signed_up

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from netshaper import Shaper  # noqa: E402

# The drawn ball against the server's, in field units (the court is 800 wide: 1 unit = 2.4 px on a
# 1920-px canvas). Most frames are within a few px; a correction (the other paddle's move, a stall)
# is blended in, so no frame is further off than a blend allows.
TYPICAL_ERROR = 6.0
WORST_ERROR = 60.0


def open_behind(chromium, net, client):
    base = f"http://127.0.0.1:{net.port}"
    context = chromium.new_context(viewport=DESKTOP, base_url=base)
    context.add_cookies([{"name": cookie.name, "value": cookie.value, "url": base} for cookie in client.jar])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.errors = errors
    # When each key went down, by the page's clock (the one its frames are drawn by).
    page.add_init_script("window.addEventListener('keydown', () => { window.keyDownAt = performance.now(); }, true);")
    return context, page


def own_paddle_moves_in_the_next_frame(page, side, key):
    """Holds `key` and finds the first frame drawn after it: its own paddle has moved."""
    before = page.evaluate("document.querySelector('canvas.court').courtTrace.drawn.length")
    page.keyboard.down(key)
    page.wait_for_function("(count) => document.querySelector('canvas.court').courtTrace.drawn.length > count + 3", arg=before)
    frames, pressed = page.evaluate("[document.querySelector('canvas.court').courtTrace.drawn, window.keyDownAt]")
    page.keyboard.up(key)
    column = 5 if side == "left" else 6
    earlier = [frame for frame in frames if frame[0] < pressed]
    later = [frame for frame in frames if frame[0] >= pressed]
    assert earlier and later, (pressed, frames[-5:])
    return later[0][column] != earlier[-1][column], (earlier[-1], later[0])


def ball_errors(page):
    """For every frame drawn in play: the distance from the server's ball at the tick it was drawn for."""
    drawn, server = page.evaluate("(() => { const t = document.querySelector('canvas.court').courtTrace; return [t.drawn, t.server]; })()")
    # Only ticks the server had the ball in flight: once a point is scored the ball waits in the
    # middle on the server while each screen, not knowing yet, carries it on out of the court.
    positions = {tick: (x, y) for tick, x, y, flying in server if flying}
    errors = []
    for _, present, x, y, *_ in drawn:
        if x is None or present is None:
            continue
        whole = math.floor(present)
        if whole not in positions or whole + 1 not in positions:
            continue
        (x0, y0), (x1, y1) = positions[whole], positions[whole + 1]
        if math.hypot(x1 - x0, y1 - y0) > 30:
            continue  # a serve from the middle: nothing to interpolate
        fraction = present - whole
        truth = (x0 + (x1 - x0) * fraction, y0 + (y1 - y0) * fraction)
        errors.append((math.hypot(x - truth[0], y - truth[1]), present, (x, y), truth))
    return errors


def test_a_far_and_a_mobile_browser_see_the_ball_where_it_is_and_finish_the_game(server, mail_sink, chromium):
    upstream = ("127.0.0.1", int(server.rsplit(":", 1)[1]))
    far_name, mobile_name = unique("Far"), unique("Mobile")
    far, mobile = signed_up(server, mail_sink, far_name), signed_up(server, mail_sink, mobile_name)
    with Shaper(upstream, "far", seed=31) as far_net, Shaper(upstream, "mobile", seed=32) as mobile_net:
        contexts = []
        try:
            pages = {}
            for name, client, net in (("far", far, far_net), ("mobile", mobile, mobile_net)):
                context, page = open_behind(chromium, net, client)
                contexts.append(context)
                pages[name] = page
                page.goto("/play/quick")
            for page in pages.values():
                expect(page).to_have_url(re.compile(r"/games/"), timeout=120_000)
            sides = {}
            for name, page in pages.items():
                you = page.get_by_text(re.compile(r"^You are .* \((left|right)\)"))
                expect(you).to_be_visible(timeout=60_000)
                sides[name] = re.search(r"\((left|right)\)", you.inner_text()).group(1)
            assert sorted(sides.values()) == ["left", "right"]
            # Both round trips and their jitter on the read-out, at least each profile's round trip.
            for page in pages.values():
                expect(page.locator(".latency")).to_contain_text(re.compile(r"\d+ ± \d+ ms · .* \d+ ± \d+ ms"), timeout=30_000)
            # In play (past the countdown), each player's paddle answers their key in the next frame.
            for name, page in pages.items():
                page.wait_for_function(
                    "() => document.querySelector('canvas.court').courtTrace.drawn.some((frame) => frame[2] !== null)",
                    timeout=60_000)
                moved, frames = own_paddle_moves_in_the_next_frame(page, sides[name], "ArrowDown")
                assert moved, (name, frames)
            # Each holds their paddle against a wall: points come quickly, the ball flies the whole court.
            for name, page in pages.items():
                page.keyboard.down("ArrowUp" if sides[name] == "left" else "ArrowDown")
            for page in pages.values():
                expect(page.get_by_text("Game over", exact=True)).to_be_visible(timeout=300_000)
            for name, page in pages.items():
                # (error, server tick drawn for, drawn ball, server's ball), worst last.
                errors = sorted(ball_errors(page))
                assert len(errors) > 100, (name, len(errors))
                typical = errors[len(errors) // 2][0]
                assert typical <= TYPICAL_ERROR, (name, typical, errors[-5:])
                assert errors[-1][0] <= WORST_ERROR, (name, errors[-5:])
                assert page.errors == [], (name, page.errors)
        finally:
            for context in contexts:
                context.close()
    history = far.send("GET", "/api/matches")
    assert history["total"] == 1, "stored once"
    assert history["items"][0]["status"] == "finished"
