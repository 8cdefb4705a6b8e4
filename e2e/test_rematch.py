"""A rematch after a remote game: Alice offers it on the end screen, Bob sees the offer at once
with the seconds left, accepts, and both land in a new game with the sides swapped."""
import re

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import sign_up, unique
from test_play import befriend, invite_from_chat


def friends_in_a_game(new_page, a, b, points):
    """Two new players, friends; the first invites the second from chat, who accepts: both in the game."""
    alice, bob = new_page(), new_page()
    sign_up(alice, a)
    sign_up(bob, b)
    befriend(alice, bob, a, b)
    invite_from_chat(alice, b, points=points, rated=False)
    bob.get_by_role("region", name="Game invitations").get_by_role("button", name=f"Accept invitation from {a}").click()
    for page in (alice, bob):
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
    return alice, bob


def test_a_rematch_after_a_game_swaps_the_sides(new_page):
    a, b = unique("Alice"), unique("Bob")
    alice, bob = friends_in_a_game(new_page, a, b, points=1)
    expect(alice.get_by_text(re.compile(rf"You are {a} \(left\)"))).to_be_visible()
    first_game = alice.url

    # One point ends it; nobody steers. Alice asks for another.
    offer = alice.get_by_role("button", name="Offer a rematch")
    expect(offer).to_be_visible(timeout=60_000)
    expect(bob.get_by_role("region", name="Rematch")).to_contain_text("Same rules, sides swapped.", timeout=30_000)
    offer.click()
    expect(alice.get_by_role("region", name="Rematch")).to_contain_text(f"waiting for {b}")
    box = bob.get_by_role("region", name="Rematch")
    expect(box).to_contain_text(f"{a} offers a rematch")
    expect(box.locator(".rematch-countdown")).to_have_text(re.compile(r"^([12]?\d|30) s$"))
    screenshot(bob, "rematch-offer")

    box.get_by_role("button", name="Accept the rematch").click()
    for page in (alice, bob):
        expect(page).not_to_have_url(first_game)
        expect(page).to_have_url(re.compile(r"/games/"))
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
    assert alice.url == bob.url
    # Sides swapped: Bob serves from the left now.
    expect(bob.get_by_text(re.compile(rf"You are {b} \(left\)"))).to_be_visible()
    expect(alice.get_by_text(re.compile(rf"You are {a} \(right\)"))).to_be_visible()
    for page in (alice, bob):
        assert page.console.unexpected() == []


def test_the_two_players_talk_during_a_game_and_it_stays_in_their_conversation(new_page):
    a, b = unique("Talker"), unique("Hearer")
    alice, bob = friends_in_a_game(new_page, a, b, points=11)

    # Alice types; P is a letter in the field, not a pause; Enter sends and hands the keys back to the game.
    field = alice.get_by_label(f"Message to {b}")
    field.fill("Play nice, <b>please</b>")
    field.press("Enter")
    bob_log = bob.get_by_role("log", name=f"Messages with {a}")
    expect(bob_log).to_contain_text("Play nice, <b>please</b>")
    expect(bob.get_by_role("region", name="Pong game").locator(".game-talk-log b")).to_have_count(0)
    # Bob answers with a tap and a line of his own.
    bob.get_by_role("button", name="Say “gg”").click()
    bob.get_by_label(f"Message to {a}").fill("Good luck to you too")
    bob.get_by_role("button", name="Say it").click()
    alice_log = alice.get_by_role("log", name=f"Messages with {b}")
    expect(alice_log).to_contain_text("gg")
    expect(alice_log).to_contain_text("Good luck to you too")
    expect(alice.get_by_text("Paused")).to_have_count(0)
    screenshot(alice, "game-talk")

    # Nothing is lost: it is their direct conversation.
    conversations = alice.request.get("/api/chat/conversations").json()
    direct = next(item for item in conversations if item["kind"] == "direct" and item["other"]["username"] == b)
    texts = [message["text"] for message in alice.request.get(f"/api/chat/conversations/{direct['id']}/messages").json()["items"]]
    for text in ("Play nice, <b>please</b>", "gg", "Good luck to you too"):
        assert text in texts, texts
    for page in (alice, bob):
        assert page.console.unexpected() == []
