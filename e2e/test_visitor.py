"""A visitor plays the computer from the landing page in one click, with no account: the same
court and controls, nothing social, and an end screen that offers to sign up."""
import re
import time

from playwright.sync_api import expect

from conftest import OUTPUT, screenshot

COURT_FINGERPRINT = """() => {
  // A cheap digest of the court's pixels: it changes while the ball moves.
  const canvas = document.querySelector("canvas.court");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 16) sum = (sum * 31 + data[i]) % 1000000007;
  return sum;
}"""


def ball_in_play(page, deadline_seconds=30):
    """Waits (polling: the CSP forbids wait_for_function's eval) until the countdown is over and the court moves."""
    deadline = time.monotonic() + deadline_seconds
    countdown = page.locator(".court-countdown")
    while time.monotonic() < deadline:
        if countdown.is_hidden():
            before = page.evaluate(COURT_FINGERPRINT)
            page.wait_for_timeout(100)
            if page.evaluate(COURT_FINGERPRINT) != before:
                return
        page.wait_for_timeout(50)
    raise AssertionError("the ball never came into play")


def test_a_visitor_plays_the_computer_in_one_click_and_is_offered_an_account(new_page):
    page = new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/")
    hero = page.get_by_role("region", name="Play Pong against anyone")
    expect(hero.get_by_role("button", name="Play the computer now")).to_be_visible()

    clicks = 0
    started = time.monotonic()
    hero.get_by_role("button", name="Play the computer now").click()
    clicks += 1
    expect(page).to_have_url(re.compile(r"/try/[0-9A-Fa-f-]{36}$"))
    expect(page.get_by_role("status").filter(has_text="First to 5")).to_be_visible()
    ball_in_play(page)
    seconds = time.monotonic() - started
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "visitor-first-game.txt").write_text(f"landing → ball in play: {clicks} click(s), {seconds:.1f} s\n")
    assert clicks <= 2
    assert seconds < 20, f"{seconds:.1f} s from the landing page to the ball in play"

    # The same court and controls as a player's; nothing social on the screen.
    expect(page.locator(".scoreboard")).to_contain_text("You")
    expect(page.locator(".scoreboard")).to_contain_text("AI (easy)")
    expect(page.get_by_text(re.compile("Move with W / S"))).to_be_visible()
    game = page.get_by_role("region", name="Pong game")
    expect(game.get_by_role("button", name="Chat")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Notifications"))).to_have_count(0)
    screenshot(page, "visitor-game")

    # Quitting ends the game; nothing was kept, and an account is what keeps games.
    page.get_by_role("button", name="Quit game").click()
    expect(page.get_by_role("heading", name="Game abandoned")).to_be_visible()
    expect(page.get_by_text("Sign up to keep your games and play people")).to_be_visible()
    screenshot(page, "visitor-game-over")
    page.get_by_role("button", name="Play again").click()
    expect(page.get_by_role("status").filter(has_text="First to 5")).to_be_visible()
    page.get_by_role("button", name="Quit game").click()
    expect(page.get_by_role("heading", name="Game abandoned")).to_be_visible()
    game.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1, name="Create your account")).to_be_visible()

    # A visitor's game is nobody else's business: a reload after its end finds nothing to show.
    page.go_back()
    expect(page.get_by_role("heading", name="This game is over")).to_be_visible()
    assert page.console.unexpected() == []
