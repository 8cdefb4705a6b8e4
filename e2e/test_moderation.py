"""Moderation in the browser: a player reports a chat message; a moderator (the role granted by the
operator's command) sees it in context on the moderation screen and mutes the player for 10
minutes; the muted player's next message is refused with the time left. A player never finds the
moderation screen."""
import re
import time

from playwright.sync_api import expect

from conftest import screenshot, server_command
from test_accounts import log_in, sign_up, unique
from test_play import befriend
from test_social import friend_row, send_message


def test_a_reported_message_is_seen_in_context_and_its_author_muted(new_page):
    alice, bob, mia = new_page(), new_page(), new_page()
    a, b, m = unique("Rude"), unique("Kind"), unique("Mod")
    sign_up(alice, a)
    sign_up(bob, b)
    sign_up(mia, m)
    befriend(alice, bob, a, b)

    # A player has no moderation screen: no link, and the address is the site's 404.
    expect(alice.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation")).to_have_count(0)
    alice.goto("/moderation")
    expect(alice.get_by_role("heading", name="Out of bounds")).to_be_visible()
    alice.get_by_role("link", name="Back home").click()

    # Alice is rude to Bob in their conversation.
    friend_row(alice, b).get_by_role("button", name=f"Message {b}").click()
    send_message(alice, b, "good luck, you will need it")
    send_message(alice, b, "you play like a broken toaster")
    expect(alice.get_by_role("log").get_by_text("you play like a broken toaster")).to_be_visible()

    # Bob reports that line from the conversation.
    friend_row(bob, a).get_by_role("button", name=f"Message {a}").click()
    line = bob.get_by_role("log").get_by_role("listitem").filter(has_text="you play like a broken toaster")
    expect(line).to_be_visible()
    line.get_by_role("button", name=f"Report {a}'s message").click()
    dialog = bob.get_by_role("dialog", name=f"Report {a}")
    expect(dialog.get_by_label("Abuse in chat")).to_be_checked()
    dialog.get_by_label("Anything a moderator should know (optional)").fill("Insults after every point.")
    screenshot(bob, "report-dialog")
    dialog.get_by_role("button", name="Send report").click()
    expect(dialog.get_by_role("status")).to_have_text("Thanks, a moderator will look.")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    # The operator makes Mia a moderator; after a reload her menu has the screen.
    assert f"{m.lower()} is now a moderator" in server_command("role", "grant", m, "moderator").lower()
    mia.reload()
    mia.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation").click()
    expect(mia.get_by_role("heading", name="Moderation", level=1)).to_be_visible()
    report = mia.get_by_role("article", name=re.compile(rf"{a} · Abuse in chat"))
    expect(report).to_contain_text(f"Reported by {b}")
    expect(report).to_contain_text("Insults after every point.")
    context = report.get_by_role("list", name="Conversation around the reported message")
    expect(context.get_by_role("listitem")).to_have_count(2)
    expect(context.locator(".reported-line")).to_contain_text("you play like a broken toaster")
    screenshot(mia, "moderation-screen")

    # Mia mutes Alice for 10 minutes, with a reason; the report leaves the queue, the log keeps it.
    actions = report.get_by_role("form", name=f"Act on the report about {a}")
    actions.get_by_label("Why (kept in the audit log)").fill("Insults in chat")
    actions.get_by_label("Mute for").select_option("10")
    actions.get_by_role("button", name="Mute in chat").click()
    expect(mia.get_by_text("No open reports. All quiet.")).to_be_visible()
    log = mia.get_by_role("table")
    expect(log.get_by_role("row").filter(has_text="Muted in chat")).to_contain_text(re.compile(rf"{m}.*Muted in chat.*{a}.*Insults in chat"))
    screenshot(mia, "moderation-log")

    # Alice's next message is refused with the time left, and stays in her box.
    send_message(alice, b, "sorry")
    expect(alice.get_by_role("alert").filter(has_text="A moderator muted you in chat")).to_contain_text(
        re.compile(r"You can write again in (10|9) minutes"))
    expect(alice.get_by_role("textbox", name=f"Message {b}")).to_have_value("sorry")
    screenshot(alice, "muted-message")

    # Mia takes the mute back from "A player": Alice's message goes through.
    card = mia.get_by_role("form", name="A player")
    card.get_by_label("Username").fill(a)
    card.get_by_label("Why (kept in the audit log)").fill("Apologised to Bob")
    card.get_by_role("button", name="Unmute").click()
    expect(log.get_by_role("row").filter(has_text="Unmuted")).to_contain_text("Apologised to Bob")
    alice.get_by_role("textbox", name=f"Message {b}").press("Enter")
    expect(alice.get_by_role("log").get_by_text("sorry", exact=True)).to_be_visible()
    for page in (bob, mia):
        assert page.console.unexpected() == []
    # Alice's console has the 404 of the moderation screen she tried, and the 403 of her refused message.
    assert alice.console.unexpected(allowed_statuses=(403, 404)) == []


def test_leaving_three_rated_games_earns_a_playban_shown_where_play_starts(server, new_page, mail_sink):
    """Alice quits three rated games at once: none moves a rating (too short), Bob, who was left,
    pays nothing, and Alice is paused for 5 minutes — told by the API, on My profile and at the queue."""
    from test_shaped_play import signed_up
    from wsclient import ListeningWebSocket as WebSocket

    a, b = unique("Quit"), unique("Left")
    alice, bob = signed_up(server, mail_sink, a), signed_up(server, mail_sink, b)
    alice.send("POST", "/api/friends/requests", {"username": b})
    bob.send("POST", f"/api/friends/requests/{a}/accept")
    port = int(server.rsplit(":", 1)[1])
    alice_tab, bob_tab = WebSocket(port, alice.cookie), WebSocket(port, bob.cookie)
    try:
        alice_tab.next("hello")
        bob_tab.next("hello")
        for _ in range(3):
            # The last game's end frees both players a moment after its `over`: ask again until then.
            deadline = time.time() + 30
            while True:
                status, invitation = alice.call("POST", "/api/invitations", {"username": b, "pointsToWin": 5, "rated": True})
                if status == 201 or time.time() > deadline:
                    break
                time.sleep(0.2)
            assert status == 201, invitation
            game = bob.send("POST", f"/api/invitations/{invitation['id']}/accept")["gameID"]
            for tab in (alice_tab, bob_tab):
                tab.send("join", {"game": game})
                tab.next("game")
            alice_tab.send("leave")
            over = bob_tab.next("over")
            assert over["status"] == "forfeit" and over["endReason"] == "quit"
            assert not over["rated"] and over["ratingNote"] == "too_short"
    finally:
        alice_tab.close()
        bob_tab.close()

    refused_status, refused = alice.call("POST", "/api/invitations", {"username": b, "pointsToWin": 5})
    assert refused_status == 403 and refused["error"]["code"] == "playban" and refused["error"]["until"]
    assert bob.send("GET", "/api/me").get("playban") is None, "the player who was left pays nothing"

    page = new_page()
    page.goto("/login")
    log_in(page, a, f"{a.lower()}@example.com", mail_sink, password="a quiet paddle 42 on the wall")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Play")).to_be_visible()
    page.goto("/profile")
    notice = page.get_by_role("status").filter(has=page.get_by_role("heading", name="You can't start online games for now"))
    expect(notice).to_contain_text("You left 3 rated games in 24 hours")
    screenshot(page, "playban-profile")
    page.goto("/play/quick")
    expect(page.get_by_role("heading", name="Not now")).to_be_visible()
    expect(page.get_by_text(re.compile(r"You left too many rated games. You can start online games again in [1-5] minutes?\."))).to_be_visible()
    expect(page.get_by_text(re.compile(r"You can join the quick match again at"))).to_be_visible()
    assert page.console.unexpected(allowed_statuses=(403,)) == []
