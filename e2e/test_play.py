"""Two people in two separate browsers play each other: Alice invites Bob from
their conversation, Bob accepts from the message, both steer their own paddle
(each sees the other's move), and the rated result is in both histories. A
player who loses their connection gives the other a countdown, then the win."""
import re
import time

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import log_in, sign_up, unique
from test_social import friend_row

PADDLE_CENTRE = """(side) => {
  // Where a paddle is on this browser's canvas (0 top, 1 bottom): the bright rows of its strip.
  const canvas = document.querySelector("canvas.court");
  if (!canvas) return null;
  const { width, height } = canvas;
  const from = side === "left" ? 0 : Math.floor(width * 0.92);
  const strip = Math.ceil(width * 0.08);
  const data = canvas.getContext("2d").getImageData(from, 0, strip, height).data;
  let sum = 0, rows = 0;
  for (let y = 0; y < height; y++) {
    let bright = 0;
    for (let x = 0; x < strip; x++) {
      const i = (y * strip + x) * 4;
      if (data[i] + data[i + 1] + data[i + 2] > 500) bright++;
    }
    if (bright >= 2) { sum += y; rows++; }
  }
  return rows ? sum / rows / height : null;
}"""


def befriend(alice, bob, a, b):
    alice.get_by_label("Find players").fill(b[:6])
    alice.get_by_role("button", name="Search").click()
    alice.get_by_role("list", name="Search results").get_by_role("button", name=f"Add {b} as a friend").click()
    bob.get_by_role("button", name=f"Accept {a}").click()
    expect(friend_row(alice, b)).to_contain_text("Online")
    expect(friend_row(bob, a)).to_contain_text("Online")


def paddle(page, side):
    return page.evaluate(PADDLE_CENTRE, side)


def hold_until_seen(mover, key, watcher, side, direction):
    """`mover` holds `key` until `watcher`'s canvas shows `side`'s paddle moved in `direction` (-1 up, +1 down)."""
    start = None
    deadline = time.time() + 15
    mover.keyboard.down(key)
    try:
        while time.time() < deadline:
            now = paddle(watcher, side)
            if now is not None:
                start = now if start is None else start
                if (now - start) * direction > 0.08:
                    return
            watcher.wait_for_timeout(100)
        raise AssertionError(f"{side} paddle never moved on the other browser (from {start} to {paddle(watcher, side)})")
    finally:
        mover.keyboard.up(key)


def invite_from_chat(alice, b, points, rated):
    friend_row(alice, b).get_by_role("button", name=f"Message {b}").click()
    alice.get_by_role("region", name="Chat").get_by_role("button", name=f"Invite {b} to play").click()
    dialog = alice.get_by_role("dialog", name=f"Invite {b} to play")
    rated_box = dialog.get_by_label(re.compile("Rated game"))
    if rated:
        # A game to fewer than 5 points can't be rated: the box says so until the rules fit.
        dialog.get_by_label("Points to win").fill("3")
        expect(rated_box).to_be_disabled()
        expect(dialog.get_by_text("Rated games are played to at least 5 points.")).to_be_visible()
    dialog.get_by_label("Points to win").fill(str(points))
    if rated:
        expect(dialog.get_by_text("Rated games are played to at least 5 points.")).to_be_hidden()
        rated_box.check()
    screenshot(alice, "invitation-dialog")
    dialog.get_by_role("button", name="Send invitation").click()
    expect(dialog).to_be_hidden()


def test_a_friend_invited_from_chat_plays_a_rated_game_on_another_machine(new_page):
    alice, bob = new_page(), new_page()
    a, b = unique("Alice"), unique("Bob")
    sign_up(alice, a)
    sign_up(bob, b)
    befriend(alice, bob, a, b)

    invite_from_chat(alice, b, points=5, rated=True)
    # Alice sees her invitation waiting; Bob sees it on any screen, with the seconds left.
    expect(alice.get_by_role("region", name="Game invitations")).to_contain_text(f"Waiting for {b} to answer")
    invitations = bob.get_by_role("region", name="Game invitations")
    expect(invitations).to_contain_text(f"{a} invites you to play")
    expect(invitations).to_contain_text("first to 5")
    expect(invitations).to_contain_text("rated")
    screenshot(bob, "invitation")

    # Bob answers from the message in their conversation.
    bob.get_by_role("button", name=re.compile(r"^Chat")).click()
    bob.get_by_role("list", name="Conversations").get_by_role("button", name=re.compile(a)).click()
    line = bob.get_by_role("log").locator(".chat-invitation")
    expect(line).to_contain_text(f"{a} invited {b} to a rated game, first to 5")
    screenshot(bob, "invitation-in-chat")
    line.get_by_role("button", name="Accept", exact=True).click()

    # Both browsers go straight into the game; each steers only their own paddle. Both ratings
    # (1500 for new players) stand beside the names.
    for page in (alice, bob):
        expect(page).to_have_url(re.compile(r"/games/"))
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
        expect(page.locator(".scoreboard")).to_contain_text(re.compile(rf"{a}\s*rating 1500"))
        expect(page.locator(".scoreboard")).to_contain_text(re.compile(rf"rating 1500\s*{b}"))
    expect(alice.get_by_text(re.compile(rf"You are {a} \(left\)"))).to_be_visible()
    expect(bob.get_by_text(re.compile(rf"You are {b} \(right\)"))).to_be_visible()
    hold_until_seen(alice, "w", bob, "left", -1)
    # Both paddles first: a first-to-1 game can end while the screenshot's accessibility checks run.
    hold_until_seen(bob, "ArrowDown", alice, "right", +1)
    screenshot(bob, "remote-game")

    # Five points end it (the shortest rated game): both see the result, each rating before and
    # after, and the change.
    for page in (alice, bob):
        ratings = page.get_by_role("list", name="Ratings")
        expect(ratings).to_be_visible(timeout=120000)
        for name in (a, b):
            expect(ratings).to_contain_text(re.compile(rf"{name} 1500 → \d+ \([+−]\d+\)"))
    expect(alice.get_by_role("heading", name=re.compile(r"(You win!|wins)$"))).to_be_visible()
    alice_won = alice.get_by_role("heading", name="You win!").is_visible()
    screenshot(alice, "remote-game-over")

    # The match is in both histories, online and rated, with the change.
    for page in (alice, bob):
        page.goto("/matches")
        row = page.get_by_role("list", name="My matches").get_by_role("listitem").first
        expect(row).to_contain_text("Online · rated")
        expect(row).to_contain_text(re.compile(r"[+−]\d+"))

    # On Bob's page every row is Bob's story, whoever looks: his result, his score first, his change.
    alice.goto(f"/users/{b}")
    row = alice.get_by_role("list", name=f"Matches of {b}").get_by_role("listitem").first
    expect(row.locator(".result")).to_have_text("Lost" if alice_won else "Won")
    expect(row.get_by_role("link", name=re.compile(rf"^{b} \d – \d {a}$"))).to_be_visible()
    expect(row.locator(".rating-delta")).to_contain_text("−" if alice_won else "+")
    screenshot(alice, "player-page-matches")

    # The invitation's card in the conversation tells how the game ended, folded to one line.
    alice.goto("/")
    friend_row(alice, b).get_by_role("button", name=f"Message {b}").click()
    card = alice.get_by_role("region", name="Chat").locator(".chat-invitation").last
    winner = a if alice_won else b
    expect(card).to_contain_text(re.compile(rf"{winner} won 5–\d · Match details"))
    expect(card).to_have_class(re.compile(r"\binvitation-settled\b"))
    expect(card.get_by_role("link", name="Match details")).to_have_attribute("href", re.compile(r"^/matches/"))
    for page in (alice, bob):
        assert page.console.unexpected() == []


def test_quick_match_pairs_two_strangers_and_a_dropout_loses_by_forfeit(new_page, mail_sink):
    alice, bob = new_page(), new_page()
    a, b = unique("Alice"), unique("Bob")
    sign_up(alice, a)
    sign_up(bob, b)

    # Alice waits, seeing the time waited and the rating range; Bob's click pairs them.
    alice.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    alice.get_by_role("link", name=re.compile("^Quick match")).click()
    expect(alice.get_by_role("heading", name="Looking for an opponent")).to_be_visible()
    expect(alice.get_by_role("timer", name="Time waited")).to_have_text(re.compile(r"0:0[1-9]"))
    expect(alice.get_by_text("Your rating: 1500")).to_be_visible()
    screenshot(alice, "quick-match-queue")
    bob.goto("/play/quick")
    for page in (alice, bob):
        expect(page).to_have_url(re.compile(r"/games/"))
    expect(alice.get_by_text(re.compile(rf"You are {a}"))).to_be_visible()
    expect(bob.get_by_text(re.compile(rf"You are {b}"))).to_be_visible()

    # Carol watches from the list of live games; the players see her counted, and both round trips.
    carol = new_page()
    sign_up(carol, unique("Carol"))
    carol.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    carol.get_by_role("list", name="Live games").get_by_role("link", name=f"Watch {a} vs {b}").click()
    expect(carol.get_by_text(f"You are watching {a} and {b}.")).to_be_visible()
    expect(carol.get_by_role("button", name="Quit game")).to_be_hidden()
    expect(alice.get_by_text("1 watching")).to_be_visible()
    expect(carol.locator(".latency")).to_contain_text(re.compile(rf"{a} \d+ ± \d+ ms · {b} \d+ ± \d+ ms"), timeout=10000)
    screenshot(carol, "spectator-view")

    # Bob's browser goes away mid-game: Alice sees who and how long is left.
    bob.context.close()
    # The headline names who dropped ("Connection lost" is for one's own connection only).
    expect(alice.get_by_text(re.compile(rf"{b} lost connection — \d+ s to come back"))).to_be_visible(timeout=15000)
    expect(alice.get_by_role("heading", name=f"{b} lost connection")).to_be_visible()
    expect(alice.get_by_text("Connection lost")).to_have_count(0)
    expect(carol.get_by_text(f"If they are not back in time, {a} wins by forfeit.")).to_be_visible()
    screenshot(alice, "disconnect-countdown")
    expect(alice.get_by_role("heading", name="You win!")).to_be_visible(timeout=40000)
    # The spectator is offered another game to watch, not a history of their own.
    expect(carol.get_by_role("link", name="Watch another game")).to_be_visible()
    expect(carol.get_by_role("link", name="My matches")).to_have_count(0)
    expect(alice.get_by_text(re.compile("lost the connection and didn't come back in time"))).to_be_visible()
    # A forfeit in the first 20 s of play decides nothing about skill: no rating moves.
    expect(alice.get_by_text(re.compile("Not rated: the game ended in its first 20 seconds"))).to_be_visible()
    alice.goto("/matches")
    expect(alice.get_by_role("list", name="My matches").get_by_role("listitem").first).to_contain_text("Won by forfeit")
    assert alice.console.unexpected() == []

    # Bob comes back later: the bell tells him how the game he wasn't there for ended.
    bob = new_page()
    bob.goto("/login")
    log_in(bob, b, f"{b.lower()}@example.com", mail_sink)
    bell = bob.get_by_role("button", name=re.compile(r"^Notifications, \d+ unread$"))
    expect(bell).to_be_visible()
    bell.click()
    told = bob.get_by_role("region", name="Notifications").get_by_role("link", name=re.compile(
        rf"You lost to {a} by forfeit: you didn't come back in time · not rated: it ended too early"))
    expect(told).to_be_visible()
    screenshot(bob, "notification-unseen-result")
    told.click()
    expect(bob).to_have_url(re.compile(r"/matches/"))
    assert bob.console.unexpected() == []
