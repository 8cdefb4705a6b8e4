"""Two people in two separate browsers find each other, become friends, see
each other come online, chat live, block and unblock, and go offline."""
import re

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, screenshot
from test_games import overlaps
from test_accounts import sign_up, unique


def friends_list(page):
    return page.get_by_role("list", name="Friends")


def friend_row(page, name):
    return friends_list(page).get_by_role("listitem").filter(has_text=name)


def send_message(page, to, text):
    box = page.get_by_role("textbox", name=f"Message {to}")
    box.fill(text)
    box.press("Enter")


def test_two_players_befriend_chat_block_and_see_presence(new_page):
    alice, bob = new_page(), new_page()
    a, b = unique("Alice"), unique("Bob")
    sign_up(alice, a)
    sign_up(bob, b)
    for page in (alice, bob):
        page.on("dialog", lambda dialog: dialog.accept())

    # Alice finds Bob by the start of his name and asks.
    alice.get_by_label("Find players").fill(b[:6])
    alice.get_by_role("button", name="Search").click()
    results = alice.get_by_role("list", name="Search results")
    results.get_by_role("button", name=f"Add {b} as a friend").click()
    expect(results.get_by_role("listitem").filter(has_text=b).get_by_text("Requested")).to_be_visible()
    expect(alice.get_by_text("Waiting for an answer")).to_be_visible()

    # Bob's page hears about it live: a request to answer and a notification.
    expect(bob.get_by_role("button", name=re.compile(r"^Notifications, 1 unread"))).to_be_visible()
    bob.get_by_role("button", name=re.compile(r"^Notifications")).click()
    expect(bob.get_by_role("region", name="Notifications").get_by_text(f"{a} sent you a friend request")).to_be_visible()
    screenshot(bob, "notifications")
    # On a phone the list stays on the screen.
    bob.set_viewport_size(PHONE)
    box = bob.get_by_role("region", name="Notifications").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    bob.set_viewport_size(DESKTOP)
    bob.keyboard.press("Escape")
    bob.get_by_role("button", name=f"Accept {a}").click()

    # Both are online, for each other.
    expect(friend_row(alice, b)).to_contain_text("Online")
    expect(friend_row(bob, a)).to_contain_text("Online")
    # Alice's search result follows the answer live: no stale "Requested".
    expect(results.get_by_role("listitem").filter(has_text=b).get_by_text("Friends", exact=True)).to_be_visible()
    screenshot(alice, "home-friends")
    # The friend's name reads in full, and the buttons stay together (beside it or under it), on a
    # desktop and on a phone.
    for size in (DESKTOP, PHONE):
        alice.set_viewport_size(size)
        alice.wait_for_timeout(200)
        row = friend_row(alice, b)
        assert row.locator(".person-name").evaluate("name => name.scrollWidth <= name.clientWidth"), f"{b} is cut short at {size}"
        play_box = row.get_by_role("button", name=f"Invite {b} to play").bounding_box()
        message_box = row.get_by_role("button", name=f"Message {b}").bounding_box()
        assert abs((play_box["y"] + play_box["height"] / 2) - (message_box["y"] + message_box["height"] / 2)) < 4, (size, play_box, message_box)
    # On a phone the chat button sits in the top bar, where it covers nothing, and the sections
    # are behind a Menu button.
    expect(alice.get_by_role("banner").get_by_role("button", name=re.compile(r"^Chat"))).to_be_visible()
    menu = alice.get_by_role("button", name="Menu")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(alice.get_by_role("navigation", name="Main").get_by_role("link", name="Tournaments")).to_be_visible()
    alice.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(alice.get_by_role("navigation", name="Main").get_by_role("link", name="Tournaments")).to_be_hidden()
    alice.set_viewport_size(DESKTOP)
    expect(alice.get_by_role("button", name="Menu")).to_be_hidden()

    # Alice writes; Bob gets it live with an unread badge, and the link is a safe link.
    friend_row(alice, b).get_by_role("button", name=f"Message {b}").click()
    # The open chat never hides the friend list on a desktop; on a phone it is a full-screen sheet.
    chat_panel = alice.get_by_role("region", name="Chat")
    expect(chat_panel).to_be_visible()
    alice.wait_for_timeout(200)
    assert not overlaps(chat_panel.bounding_box(), alice.get_by_role("complementary", name="Friends").bounding_box())
    alice.set_viewport_size(PHONE)
    alice.wait_for_timeout(200)
    sheet = chat_panel.bounding_box()
    assert sheet["x"] <= 1 and sheet["y"] <= 1 and sheet["width"] >= PHONE["width"] - 2 and sheet["height"] >= PHONE["height"] - 2, sheet
    alice.set_viewport_size(DESKTOP)
    alice.wait_for_timeout(200)
    send_message(alice, b, "Hi Bob! The rules: https://example.com/rules.")
    chat_toggle = bob.get_by_role("button", name=re.compile(r"^Chat"))
    expect(chat_toggle).to_have_accessible_name("Chat, 1 unread")
    chat_toggle.click()
    bob.get_by_role("list", name="Conversations").get_by_role("button", name=re.compile(a)).click()
    bob_log = bob.get_by_role("log")
    expect(bob_log).to_contain_text("Hi Bob! The rules:")
    # Alice's account is minutes old: her link is shown as text, not a link (spam comes from new accounts).
    expect(bob_log).to_contain_text("https://example.com/rules.")
    expect(bob_log.get_by_role("link", name="https://example.com/rules")).to_have_count(0)
    # An older account's links are links, safe ones: the same module, given the same words.
    base = bob.evaluate("document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')")
    made = bob.evaluate("""async (base) => {
        const { linkify } = await import(base + "social/linkify.js");
        return linkify("The rules: https://example.com/rules.").map((node) => node.outerHTML ?? node);
    }""", base)
    assert made == ["The rules: ", '<a href="https://example.com/rules" target="_blank" rel="noopener noreferrer nofollow ugc" '
                    'class="chat-link">https://example.com/rules</a>', "."], made
    expect(chat_toggle).to_have_accessible_name("Chat")

    # Bob types (Alice sees it), then answers with markup, which arrives as plain text.
    bob.get_by_role("textbox", name=f"Message {a}").press_sequentially("Hel")
    expect(alice.get_by_text(f"{b} is typing…")).to_be_visible()
    send_message(bob, a, "Hello <b>Alice</b>")
    alice_log = alice.get_by_role("log")
    expect(alice_log).to_contain_text("Hello <b>Alice</b>")
    expect(alice_log.locator("b")).to_have_count(0)
    # A right-to-left override stays inside its own message: isolated, it can't reorder the page around it.
    # Sent straight after the last one: what is typed while a message is on its way is never wiped.
    send_message(bob, a, "tricky \u202egnp.exe")
    tricky = alice_log.locator(".chat-text", has_text="gnp.exe")
    expect(tricky).to_have_attribute("dir", "auto")
    assert tricky.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    screenshot(bob, "chat-conversation")

    # The dock stays open with the conversation while Alice moves around the site.
    alice.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    expect(alice.get_by_role("heading", level=1, name="Choose a game")).to_be_visible()
    expect(alice.get_by_role("log")).to_contain_text("Hello <b>Alice</b>")

    # Bob opens Alice's profile from her message and blocks her: her next message is refused.
    bob_log.get_by_role("link", name=a).first.click()
    expect(bob.get_by_role("heading", level=1, name=a)).to_be_visible()
    expect(bob.get_by_role("heading", name="Statistics")).to_be_visible()
    expect(bob.get_by_text("Friends · Online")).to_be_visible()
    screenshot(bob, "friend-profile")
    bob.get_by_role("button", name="Block").click()
    expect(bob.get_by_role("button", name="Unblock")).to_be_visible()
    send_message(alice, b, "Are you there?")
    expect(alice.get_by_role("alert").filter(has_text="could not be delivered")).to_be_visible()
    expect(alice.get_by_role("textbox", name=f"Message {b}")).to_have_value("Are you there?")
    expect(bob.get_by_role("log")).not_to_contain_text("Are you there?")

    # Unblocked, her messages come through again; they befriend again.
    bob.get_by_role("button", name="Unblock").click()
    bob.get_by_role("button", name="Add friend").click()
    expect(bob.get_by_text("Friend request sent", exact=True)).to_be_visible()
    alice.get_by_role("link", name="Home", exact=True).click()
    # The open dock covers part of the page, as on any site with one: she closes it, accepts, reopens it.
    alice.get_by_role("button", name="Close chat").click()
    alice.get_by_role("button", name=f"Accept {b}").click()
    alice.get_by_role("button", name=re.compile(r"^Chat")).click()
    alice.get_by_role("button", name="Send").click()
    expect(bob.get_by_role("log")).to_contain_text("Are you there?")

    # Alice starts a room with Bob: it appears in his list with her message and who joined.
    alice.get_by_role("button", name="All conversations").click()
    alice.get_by_role("button", name="New room").click()
    alice.get_by_label("Room name").fill("Pong club")
    alice.get_by_role("checkbox", name=b).check()
    alice.get_by_role("button", name="Create room").click()
    send_message(alice, "Pong club", "Welcome to the club")
    bob.get_by_role("button", name="All conversations").click()
    bob.get_by_role("list", name="Conversations").get_by_role("button", name=re.compile("Pong club")).click()
    room_log = bob.get_by_role("log")
    expect(room_log).to_contain_text("Welcome to the club")
    expect(room_log).to_contain_text(f"{a} added {b}")
    bob.get_by_role("button", name="Members").click()
    expect(bob.get_by_role("list", name="Members").get_by_role("link", name=a)).to_be_visible()
    screenshot(bob, "chat-room-members")

    # Bob closes his browser: Alice sees him go offline.
    expect(friend_row(alice, b)).to_contain_text("Online")
    bob.context.close()
    expect(friend_row(alice, b)).to_contain_text("Offline")

    # On a phone the open chat is a full-screen sheet: following a link from it closes it, so the
    # screen she chose is what she sees.
    alice.set_viewport_size(PHONE)
    expect(alice.get_by_role("region", name="Chat")).to_be_visible()
    alice.get_by_role("log").get_by_role("link", name=a).first.click()
    expect(alice.get_by_role("heading", level=1, name=a)).to_be_visible()
    expect(alice.get_by_role("region", name="Chat")).to_be_hidden()
    # So does a page loaded afresh on the phone with the chat left open (a desktop brings it back).
    alice.get_by_role("button", name=re.compile(r"^Chat")).click()
    expect(alice.get_by_role("region", name="Chat")).to_be_visible()
    alice.goto("/stats")
    expect(alice.get_by_role("heading", level=1, name="Statistics")).to_be_visible()
    expect(alice.get_by_role("button", name=re.compile(r"^Chat"))).to_be_visible()
    expect(alice.get_by_role("region", name="Chat")).to_be_hidden()
    alice.set_viewport_size(DESKTOP)
    assert alice.console.unexpected(allowed_statuses=(403,)) == []
