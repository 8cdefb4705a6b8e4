"""Challenge links: Alice makes one from Play and waits with the link, a copy button and its QR
code; Bob, who has no account yet, opens the link, is taken through sign-up and straight back to
the challenge, accepts, and both land in the same game. A used link then leads nowhere."""
import re

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import sign_up, unique


def test_a_challenge_link_opened_by_a_newcomer_who_signs_up_first(new_page):
    alice, bob = new_page(), new_page()
    a, b = unique("Caller"), unique("Newbie")
    sign_up(alice, a)
    alice.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    alice.get_by_role("link", name=re.compile("Challenge link")).click()
    expect(alice.get_by_role("heading", name="Challenge link")).to_be_visible()
    alice.get_by_label("Points to win").fill("0")
    alice.get_by_role("button", name="Create the link").click()
    expect(alice.get_by_text("Choose between 1 and 21 points.")).to_be_visible()
    alice.get_by_label("Points to win").fill("1")
    alice.get_by_role("button", name="Create the link").click()
    expect(alice.get_by_role("heading", name="Waiting for someone to accept")).to_be_visible()
    link = alice.get_by_label("Challenge link").input_value()
    assert re.search(r"/challenge/[A-Za-z0-9_-]{43}$", link), link
    expect(alice.get_by_role("img", name=re.compile("QR code of the challenge link"))).to_be_visible()
    expect(alice.get_by_role("button", name="Copy link")).to_be_visible()
    screenshot(alice, "challenge-waiting")

    # Bob has no account: the link asks him to log in or sign up, and brings him back after.
    path = "/challenge/" + link.rsplit("/challenge/", 1)[1]
    bob.goto(path)
    expect(bob.get_by_role("heading", name="You've been challenged to a game of Pong")).to_be_visible()
    expect(bob.get_by_role("main").get_by_role("link", name="Log in")).to_have_attribute(
        "href", "/login?next=" + path.replace("/", "%2F"))
    screenshot(bob, "challenge-visitor")
    bob.get_by_role("main").get_by_role("link", name="Create an account").click()
    expect(bob.get_by_role("heading", name="Create your account")).to_be_visible()
    sign_up(bob, b, from_here=True)
    expect(bob).to_have_url(re.compile(re.escape(path) + "$"))
    expect(bob.get_by_role("heading", name=f"{a} challenges you")).to_be_visible()
    expect(bob.get_by_role("region", name=f"Challenge from {a}")).to_contain_text("First to 1")
    screenshot(bob, "challenge-open")

    bob.get_by_role("button", name="Accept the challenge").click()
    for page in (alice, bob):
        expect(page).to_have_url(re.compile(r"/games/"))
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
    assert alice.url == bob.url
    expect(alice.get_by_text(re.compile(rf"You are {a} \(left\)"))).to_be_visible()

    # Used once: the same link now leads nowhere (the page says so without saying why).
    carol = new_page()
    sign_up(carol, unique("Late"))
    carol.goto(path)
    expect(carol.get_by_role("heading", name="This challenge doesn't exist any more")).to_be_visible()
    assert alice.console.unexpected(allowed_statuses=(400,)) == []  # the 0 points she tried first
    assert bob.console.unexpected() == []
    assert carol.console.unexpected(allowed_statuses=(404,)) == []
