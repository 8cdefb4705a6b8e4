"""Pong in the browser: a same-keyboard game played to the end and found in
My matches, and a game against the AI paused, resumed and quit."""
import re

from playwright.sync_api import expect

from conftest import screenshot
from images import count_near, hex_colour, pixels
from test_accounts import sign_up, unique

LEFT_PADDLE_TOP_PIXEL = """() => {
  // The colour under the top of the left paddle's lane (field units 30, 40 of 800 × 600).
  const canvas = document.querySelector("canvas.court");
  const x = Math.round(canvas.width * 30 / 800), y = Math.round(canvas.height * 40 / 600);
  const [r, g, b] = canvas.getContext("2d").getImageData(x, y, 1, 1).data;
  return r + g + b;
}"""



def overlaps(one, other):
    """Whether two bounding boxes share any area."""
    return not (one["x"] + one["width"] <= other["x"] or other["x"] + other["width"] <= one["x"]
                or one["y"] + one["height"] <= other["y"] or other["y"] + other["height"] <= one["y"])

def open_setup(page, mode_name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    expect(page.get_by_role("heading", name="Choose a game")).to_be_visible()
    page.get_by_role("link", name=re.compile(mode_name)).click()
    expect(page.get_by_role("heading", name="Set up the game")).to_be_visible()


def test_same_keyboard_game_to_the_end_then_my_matches(new_page):
    page = new_page()
    name = unique("Lefty")
    sign_up(page, name)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    expect(page.get_by_role("link", name=re.compile("Same keyboard"))).to_be_visible()
    expect(page.get_by_text("null", exact=True)).to_have_count(0)
    screenshot(page, "play-modes")
    page.get_by_role("link", name=re.compile("Same keyboard")).click()
    expect(page.get_by_role("heading", name="Set up the game")).to_be_visible()

    # Bad input first: no name on the right, too many points.
    page.get_by_label("Points to win").fill("30")
    page.get_by_role("button", name="Start game").click()
    expect(page.get_by_text("Choose between 1 and 21 points.")).to_be_visible()
    page.get_by_label("Points to win").fill("1")
    page.get_by_role("button", name="Start game").click()
    expect(page.get_by_text("Enter a name of 1 to 20 characters.")).to_be_visible()

    page.get_by_label("Right player (↑ / ↓)").fill("Bob")
    page.get_by_label("Look").select_option("neon")
    screenshot(page, "pre-game-local")
    page.get_by_label("Look").select_option("classic")
    page.get_by_role("button", name="Start game").click()

    expect(page.get_by_role("status").filter(has_text="First to 1")).to_be_visible()
    expect(page.locator(".scoreboard")).to_contain_text(name)
    expect(page.locator(".scoreboard")).to_contain_text("Bob")
    expect(page.get_by_text(re.compile("W / S"))).to_be_visible()

    # Hold W: the left paddle climbs to the top of its lane. Straight away, before the screenshot: one
    # missed ball ends this game, and on a busy machine the accessibility checks can outlast the countdown.
    assert page.evaluate(LEFT_PADDLE_TOP_PIXEL) < 60, "the lane starts empty"
    page.keyboard.down("w")
    for _ in range(200):  # polled (up to ~20 s on a busy machine): the CSP (rightly) forbids wait_for_function's eval
        if page.evaluate(LEFT_PADDLE_TOP_PIXEL) > 600:
            break
        page.wait_for_timeout(100)
    else:
        drawn = page.evaluate("() => document.querySelector('canvas.court').courtTrace?.drawn.slice(-3)")
        raise AssertionError(f"the left paddle did not move up (last frames drawn: {drawn}; "
                             f"console: {page.console.unexpected()}; screen: {page.inner_text('main')[:300]!r})")
    page.keyboard.up("w")
    screenshot(page, "game-local")

    # One point ends this game; the paddles stay put until someone misses.
    expect(page.get_by_role("heading", name=re.compile("wins!"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Longest rally")).to_be_visible()
    screenshot(page, "game-over")

    page.get_by_role("link", name="My matches").click()
    expect(page.get_by_role("heading", name="My matches")).to_be_visible()
    row = page.get_by_role("link", name=re.compile(rf"{name} \d – \d Bob"))
    expect(row).to_be_visible()
    screenshot(page, "my-matches")
    row.click()
    expect(page.get_by_role("heading", name="Score timeline")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Score over"))).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(re.compile(r"(1–0|0–1)"))
    # Each player's line is drawn in their own colour (another screen's chart CSS once made both one).
    drawn = pixels(page.locator("svg.score-chart").screenshot())
    for variable in ("--accent", "--accent-2"):
        colour = hex_colour(page.evaluate(f"() => getComputedStyle(document.documentElement).getPropertyValue('{variable}')"))
        assert count_near(drawn, colour) > 300, f"too few pixels of {variable} {colour} in the score chart"
    screenshot(page, "match-detail")
    assert page.console.unexpected(allowed_statuses=(400,)) == []


def test_game_against_the_ai_pause_resume_and_quit(new_page):
    page = new_page()
    name = unique("Solo")
    sign_up(page, name)
    open_setup(page, "Versus the AI")
    page.get_by_label("AI difficulty").select_option("hard")
    # A named look is saved as chosen and drawn in its colours (Neon's table is #0b1026).
    page.get_by_label("Look").select_option("neon")
    screenshot(page, "pre-game-ai")
    page.get_by_role("button", name="Start game").click()
    expect(page.get_by_role("region", name="Pong game").get_by_role("status")).to_contain_text("First to")
    table = page.evaluate("""async () => {
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const canvas = document.querySelector("canvas.court");
        return Array.from(canvas.getContext("2d").getImageData(Math.floor(canvas.width * 0.25), 4, 1, 1).data.slice(0, 3));
    }""")
    assert table == [11, 16, 38], table
    assert page.request.get("/api/me/game-settings").json()["look"]["theme"] == "neon"

    expect(page.locator(".scoreboard")).to_contain_text("AI (hard)")
    expect(page.get_by_text(re.compile(r"\d+ ms"))).to_be_visible(timeout=5000)
    page.wait_for_timeout(3500)  # past the countdown, into play
    # The keys of a game never scroll the page under it (Space included), even where the page is taller than the window.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.evaluate("window.scrollTo(0, 0)")
    for key in ("Space", "ArrowDown", "ArrowDown", "PageDown"):
        page.keyboard.press(key)
    page.keyboard.down("ArrowDown")
    page.wait_for_timeout(300)
    page.keyboard.up("ArrowDown")
    assert page.evaluate("window.scrollY") == 0

    # The whole court, the score and Pause/Quit fit every window, with nothing to scroll.
    for width, height in ((1366, 768), (1280, 720), (1920, 1080), (390, 844), (844, 390)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(250)
        boxes = {"court": page.locator("canvas.court").bounding_box(),
                 "pause": page.get_by_role("button", name="Pause").bounding_box(),
                 "quit": page.get_by_role("button", name="Quit game").bounding_box(),
                 "score": page.locator(".scoreboard").bounding_box()}
        for name, box in boxes.items():
            assert box["x"] >= 0 and box["y"] >= 0, (width, height, name, box)
            assert box["x"] + box["width"] <= width + 1 and box["y"] + box["height"] <= height + 1, (width, height, name, box)
        assert page.evaluate("document.documentElement.scrollHeight") <= height + 1, (width, height)
        # The chat never lies on the court: its button in the corner, or (narrow windows) in the game bar.
        toggle = page.get_by_role("button", name=re.compile(r"^Chat"))
        court = boxes["court"]
        for element in toggle.all():
            if element.is_visible():
                assert not overlaps(element.bounding_box(), court), (width, height)
    screenshot(page, "game-fits")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("button", name=re.compile(r"^Chat")).first.click()
    panel = page.get_by_role("region", name="Chat")
    expect(panel).to_be_visible()
    page.wait_for_timeout(250)
    assert not overlaps(panel.bounding_box(), page.locator("canvas.court").bounding_box())
    screenshot(page, "game-with-chat")
    page.get_by_role("button", name="Close chat").click()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.keyboard.press("p")
    expect(page.get_by_role("heading", name="Paused")).to_be_visible()
    screenshot(page, "game-paused")

    # Leaving the screen keeps the game: it waits under "Games in progress".
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    expect(page.get_by_role("heading", name="Games in progress")).to_be_visible()
    screenshot(page, "play-resume")
    page.get_by_role("link", name="Resume").click()
    expect(page.get_by_role("heading", name="Paused")).to_be_visible()
    page.get_by_role("button", name="Resume").first.click()
    expect(page.get_by_role("heading", name="Paused")).to_be_hidden()

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Quit game").click()
    expect(page.get_by_role("heading", name="Game abandoned")).to_be_visible()
    screenshot(page, "game-abandoned")

    # Two more games quit before their first point: such games fold into one row in My matches.
    for _ in range(2):
        page.get_by_role("button", name="Play again").click()
        expect(page.get_by_role("button", name="Quit game")).to_be_enabled()
        page.get_by_role("button", name="Quit game").click()
        expect(page.get_by_role("heading", name="Game abandoned")).to_be_visible()

    page.get_by_role("link", name="My matches").click()
    fold = page.locator(".match-fold").first
    summary = fold.get_by_text(re.compile(r"^\d+ abandoned games with no point played$"))
    expect(summary).to_be_visible()
    folded = fold.get_by_role("list", name="Abandoned games with no point played")
    expect(folded).to_be_hidden()
    summary.click()
    expect(folded.locator(".match-row").first).to_contain_text("Abandoned")
    expect(folded.locator(".match-row").first).to_contain_text("Vs AI (hard)")
    screenshot(page, "my-matches-folded")
    assert page.console.unexpected() == []
