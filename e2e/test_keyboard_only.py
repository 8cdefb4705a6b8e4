"""Every flow by keyboard alone (Tab, Shift+Tab, Enter, Space and typing), each stop with a visible
focus: sign up, log in with the emailed second factor, a friend's invitation from the chat and the
game it starts, the quick-match queue, a tournament, and the chat."""
import re
import uuid

from playwright.sync_api import expect

from keyboard import activate, tab_to, type_into
import mail
from mail import code_in

PASSWORD = "a quiet paddle 42"
API = {"X-Requested-With": "transcendence"}


def keyboard_sign_up(page, name):
    page.goto("/signup")
    type_into(page, "Username", name)
    type_into(page, "Email", f"{name.lower()}@example.com")
    type_into(page, "Password", PASSWORD)
    type_into(page, "Confirm password", PASSWORD)
    before = mail.SINK.count()
    activate(page, "Create account")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    code = code_in(mail.SINK.wait_for(f"{name.lower()}@example.com", "sign-up code", after=before))
    type_into(page, "Sign-up code", code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()


def test_sign_up_sign_out_and_log_in_with_the_code(new_page):
    page = new_page()
    name = f"keys{uuid.uuid4().hex[:6]}"
    keyboard_sign_up(page, name)
    # To My profile from the header, and out.
    activate(page, re.compile(rf"^(My profile|{name})$"))
    expect(page.get_by_role("heading", name="My profile")).to_be_visible()
    activate(page, "Sign out")
    expect(page.get_by_role("heading", name=re.compile("Log in|Welcome back"))).to_be_visible()
    type_into(page, "Username or email", name)
    type_into(page, "Password", PASSWORD)
    before = mail.SINK.count()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    code = code_in(mail.SINK.wait_for(f"{name.lower()}@example.com", "login code", after=before))
    type_into(page, "Login code", code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert page.console.unexpected() == []


def friends(page_a, page_b):
    """Two players signed up by keyboard and made friends through the API (not the flow under test here)."""
    a, b = f"ka{uuid.uuid4().hex[:6]}", f"kb{uuid.uuid4().hex[:6]}"
    keyboard_sign_up(page_a, a)
    keyboard_sign_up(page_b, b)
    assert page_a.request.post("/api/friends/requests", data={"username": b}, headers=API).status == 201
    assert page_b.request.post(f"/api/friends/requests/{a}/accept", headers=API).ok
    for page in (page_a, page_b):
        page.reload()
    return a, b


def test_chat_and_an_invitation_accepted_then_played(new_page):
    alice, bob = new_page(), new_page()
    a, b = friends(alice, bob)
    activate(alice, f"Message {b}")
    # The conversation opens once the server has it, and puts the focus in its message field: a
    # person waits for that before typing (a Tab pressed while it loads was overtaken by it on CI).
    expect(alice.get_by_role("textbox", name=f"Message {b}", exact=True)).to_be_focused()
    type_into(alice, f"Message {b}", "ready for a game?")
    alice.keyboard.press("Enter")
    expect(alice.get_by_role("log")).to_contain_text("ready for a game?")
    activate(alice, f"Invite {b} to play")
    dialog = alice.get_by_role("dialog", name=f"Invite {b} to play")
    expect(dialog).to_be_visible()
    type_into(alice, "Points to win", "1")
    activate(alice, "Send invitation")
    expect(bob.get_by_role("region", name="Game invitations")).to_contain_text(f"{a} invites you to play")
    activate(bob, f"Accept invitation from {a}")
    for page in (alice, bob):
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
    # Steering is the keys; the end screen's buttons are reached by Tab.
    alice.keyboard.down("w")
    expect(alice.get_by_role("heading", name=re.compile(r"(You win!|wins)$"))).to_be_visible(timeout=60_000)
    alice.keyboard.up("w")
    tab_to(alice, re.compile(r"^(Rematch|Offer a rematch)"))


def test_quick_match_from_the_play_menu_then_quit(new_page):
    alice, bob = new_page(), new_page()
    keyboard_sign_up(alice, f"kq{uuid.uuid4().hex[:6]}")
    keyboard_sign_up(bob, f"kr{uuid.uuid4().hex[:6]}")
    activate(alice, "Play")
    expect(alice.get_by_role("heading", name="Choose a game")).to_be_visible()
    activate(alice, re.compile("^Quick match"))
    expect(alice.get_by_role("heading", name="Looking for an opponent")).to_be_visible()
    activate(bob, "Play")
    activate(bob, re.compile("^Quick match"))
    for page in (alice, bob):
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
    expect(alice.get_by_role("button", name="Quit game")).to_be_enabled()
    alice.once("dialog", lambda dialog: dialog.accept())
    activate(alice, "Quit game")
    expect(bob.get_by_role("heading", name="You win!")).to_be_visible(timeout=30_000)


def test_a_tournament_created_joined_and_started(new_page):
    host, guest, third = new_page(), new_page(), new_page()
    h, g = friends(host, guest)
    t = f"kt{uuid.uuid4().hex[:6]}"
    keyboard_sign_up(third, t)
    assert host.request.post("/api/friends/requests", data={"username": t}, headers=API).status == 201
    assert third.request.post(f"/api/friends/requests/{h}/accept", headers=API).ok
    host.reload()
    activate(host, "Play")
    activate(host, re.compile("^Tournament(?!s)"))
    expect(host.get_by_role("heading", name="Create a tournament")).to_be_visible()
    type_into(host, "Tournament name", "Keyboard cup")
    type_into(host, "Players", "3")
    type_into(host, "Points to win", "1")
    activate(host, "Create tournament")
    expect(host.get_by_role("heading", level=1, name="Keyboard cup")).to_be_visible()
    for friend in (g, t):
        tab_to(host, "Friend to invite")
        host.keyboard.type(friend[:3])  # a select picks by typing
        host.keyboard.press("Tab")
        host.keyboard.press("Enter")
        expect(host.get_by_role("list", name="Players")).to_contain_text(friend)
    for page in (guest, third):
        page.goto(host.url)
        activate(page, "Join tournament")
        expect(page.get_by_role("button", name="Leave tournament")).to_be_visible()
    activate(host, "Start tournament")
    expect(host.get_by_role("heading", name="Live bracket")).to_be_visible()
