"""Any controller: a gamepad (stick and d-pad steer, any other button pauses), a finger on the court
(a phone's touchscreen), the mouse dragging; the high-contrast look; and reduced motion stilling the
site's background rallies."""
import re

from playwright.sync_api import expect

from conftest import PHONE
from test_accounts import sign_up, unique

# A synthetic pad the page reads through the real Gamepad API entry point (navigator.getGamepads).
FAKE_PAD = """
window.testPad = { id: "Test pad", index: 0, connected: true, mapping: "standard", axes: [0, 0, 0, 0],
  buttons: Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 })) };
navigator.getGamepads = () => [window.testPad];
"""

LEFT_Y = """() => { const drawn = document.querySelector('canvas.court').courtTrace.drawn;
  return drawn.length ? drawn[drawn.length - 1][5] : null; }"""


def start_ai_game(page, look=None):
    page.goto("/play/ai")
    expect(page.get_by_role("heading", name="Set up the game")).to_be_visible()
    page.get_by_label("Points to win").fill("21")
    page.get_by_label("Ball speed").select_option("slow")
    if look:
        page.get_by_label("Look").select_option(label=look)
    page.get_by_role("button", name="Start game").click()
    expect(page.get_by_role("button", name="Pause")).to_be_enabled()
    # Play has started once the drawn court has a ball.
    page.wait_for_function("""() => { const drawn = document.querySelector('canvas.court')?.courtTrace?.drawn;
      return drawn && drawn.length && drawn[drawn.length - 1][2] != null; }""", timeout=30_000)


def wait_for_paddle(page, predicate, what):
    page.wait_for_function(f"() => {{ const y = ({LEFT_Y})(); return y != null && ({predicate})(y); }}", timeout=20_000)


def test_a_gamepad_steers_and_pauses(new_page):
    page = new_page()
    page.add_init_script(FAKE_PAD)
    sign_up(page, unique("Pad"))
    start_ai_game(page)
    page.evaluate("() => { window.testPad.axes[1] = -1; }")  # stick up
    wait_for_paddle(page, "(y) => y <= 5", "the stick takes the paddle to the top")
    page.evaluate("() => { window.testPad.axes[1] = 1; }")  # stick down
    wait_for_paddle(page, "(y) => y >= 495", "and to the bottom")
    page.evaluate("() => { window.testPad.axes[1] = 0; window.testPad.buttons[12].pressed = true; }")  # d-pad up
    wait_for_paddle(page, "(y) => y <= 5", "the d-pad steers too")
    page.evaluate("() => { window.testPad.buttons[12].pressed = false; window.testPad.buttons[0].pressed = true; }")
    expect(page.get_by_role("heading", name="Paused")).to_be_visible()
    # Let go (a frame or two sees no button), then Start resumes.
    page.evaluate("""() => { window.testPad.buttons[0].pressed = false;
      return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))); }""")
    page.evaluate("() => { window.testPad.buttons[9].pressed = true; }")
    expect(page.get_by_role("heading", name="Paused")).to_be_hidden()
    assert page.console.unexpected() == []


def test_touch_and_the_mouse_steer_on_the_court(chromium, server):
    context = chromium.new_context(viewport=PHONE, base_url=server, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        sign_up(page, unique("Thumb"))
        start_ai_game(page)
        court = page.locator("canvas.court")
        box = court.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.97)
        wait_for_paddle(page, "(y) => y >= 480", "a tap low on the court sends the paddle down")
        page.touchscreen.tap(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.03)
        wait_for_paddle(page, "(y) => y <= 20", "a tap high sends it up")
        # The on-screen buttons are still there beside the court.
        expect(page.get_by_role("button", name=re.compile(": move up$"))).to_be_visible()
    finally:
        context.close()


def test_the_mouse_drags_the_paddle(new_page):
    page = new_page()
    sign_up(page, unique("Mouse"))
    start_ai_game(page)
    box = page.locator("canvas.court").bounding_box()
    x = box["x"] + box["width"] * 0.3
    page.mouse.move(x, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(x, box["y"] + box["height"] * 0.95, steps=8)
    wait_for_paddle(page, "(y) => y >= 470", "the paddle follows the pointer down")
    page.mouse.move(x, box["y"] + box["height"] * 0.05, steps=8)
    wait_for_paddle(page, "(y) => y <= 30", "and up")
    page.mouse.up()


BALL_AND_TABLE = """() => {
  const canvas = document.querySelector('canvas.court'), drawn = canvas.courtTrace.drawn, last = drawn[drawn.length - 1];
  const g = canvas.getContext('2d'), sx = canvas.width / 800, sy = canvas.height / 600;
  const at = (x, y) => [...g.getImageData(Math.round(x * sx), Math.round(y * sy), 1, 1).data].slice(0, 3);
  return { ball: at(last[2], last[3]), table: at(200, 40) };
}"""


def test_the_high_contrast_look_draws_a_yellow_ball_on_black(new_page):
    page = new_page()
    sign_up(page, unique("Bright"))
    start_ai_game(page, look="High contrast")
    assert page.evaluate(BALL_AND_TABLE) == {"ball": [255, 255, 0], "table": [0, 0, 0]}
    # A system asking for more contrast gets it whatever the chosen look.
    page.emulate_media(contrast="more")
    start_ai_game(page, look="Ocean")
    assert page.evaluate(BALL_AND_TABLE) == {"ball": [255, 255, 0], "table": [0, 0, 0]}


def test_reduced_motion_stills_the_background_rallies(new_page):
    page = new_page()
    page.goto("/login")
    expect(page.get_by_role("heading", name=re.compile("Log in|Welcome back"))).to_be_visible()
    assert page.evaluate("document.getAnimations().length") > 0, "the rally behind the form moves"
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    assert page.evaluate("document.getAnimations().length") == 0, "nothing moves with reduced motion"
