"""Replays: a game against the AI played to the end, then watched again from the end screen —
played, paused, scrubbed to the third point, run at 4×, driven by the keyboard — and its last
frame shows the stored score."""
import re
import time

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import sign_up, unique
from test_games import open_setup


def replay_tick(page):
    return int(page.get_by_role("region", name="Replay").get_attribute("data-tick"))


def scores(page):
    board = page.get_by_role("region", name="Replay").locator(".scoreboard")
    return tuple(int(text) for text in board.locator(".score").all_inner_texts())


def test_a_finished_game_replayed_point_by_point(new_page):
    page = new_page()
    name = unique("Rewind")
    sign_up(page, name)
    open_setup(page, "Versus the AI")
    page.get_by_label("Points to win").fill("3")
    page.get_by_label("Ball speed").select_option("fast")
    page.get_by_label("AI difficulty").select_option("easy")
    page.get_by_role("button", name="Start game").click()
    expect(page.get_by_role("region", name="Pong game").get_by_role("status")).to_contain_text("First to")
    # Nobody steers the left paddle: three points come within a minute or two even on a busy machine.
    watch = page.get_by_role("link", name="Watch the replay")
    expect(watch).to_be_visible(timeout=180_000)
    watch.click()

    replay = page.get_by_role("region", name="Replay")
    expect(replay).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    marks = page.get_by_role("list", name="Points").get_by_role("button")
    total = marks.count()
    assert total >= 3, f"a game to 3 has at least 3 points, the scrubber marks {total}"
    assert scores(page) == (0, 0)
    screenshot(page, "replay")

    # Play, then pause: the court moves, then stands.
    page.get_by_role("button", name="Play").click()
    expect(replay).to_have_attribute("data-playing", "true")
    deadline = time.time() + 30
    while replay_tick(page) < 30 and time.time() < deadline:
        page.wait_for_timeout(100)
    assert replay_tick(page) >= 30, "the replay did not advance"
    page.get_by_role("button", name="Pause").click()
    expect(replay).to_have_attribute("data-playing", "false")
    paused_at = replay_tick(page)
    page.wait_for_timeout(400)
    assert replay_tick(page) == paused_at, "a paused replay moved"

    # Scrubbed to the third point: the score is the one the mark names.
    third = marks.nth(2)
    label = third.get_attribute("aria-label")
    left, right = (int(value) for value in re.search(r"(\d+)–(\d+)$", label).groups())
    third.click()
    assert scores(page) == (left, right), f"{label}: the page shows {scores(page)}"
    screenshot(page, "replay-third-point")

    # 4×: from the start, the replay runs faster than real time (60 ticks a second at 1×).
    page.keyboard.press("Home")
    assert replay_tick(page) == 0
    page.get_by_label("4×").check()
    expect(page.get_by_label("4×")).to_be_checked()
    page.get_by_role("button", name="Play").click()
    started = time.time()
    page.wait_for_timeout(2000)
    advanced = replay_tick(page)
    elapsed = time.time() - started
    # 240 ticks a second at 4× (fewer if the replay ends first or a busy machine draws few frames);
    # 1× would be 60.
    assert advanced / elapsed > 90, f"{advanced} ticks in {elapsed:.1f} s at 4×"

    # The keyboard: Space pauses, End goes to the last frame, which shows the stored score.
    page.keyboard.press("Space")
    expect(replay).to_have_attribute("data-playing", "false")
    page.keyboard.press("End")
    match_id = re.search(r"/matches/([^/]+)/replay", page.url).group(1)
    stored = page.request.get(f"/api/matches/{match_id}").json()["match"]
    assert scores(page) == (stored["leftScore"], stored["rightScore"])
    expect(page.get_by_role("button", name="Play again")).to_be_visible()
    page.keyboard.press(",")
    assert sum(scores(page)) < stored["leftScore"] + stored["rightScore"], "`,` goes back a point"

    # The match page and the history link to it too.
    page.get_by_role("link", name="Match details").click()
    expect(page.get_by_role("link", name="Watch the replay")).to_be_visible()
    page.goto("/matches")
    page.get_by_role("link", name=re.compile(r"^Replay of ")).first.click()
    expect(page.get_by_role("region", name="Replay")).to_be_visible()
    assert page.console.unexpected() == []
