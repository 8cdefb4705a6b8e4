"""Tournaments in the browser: three friends in separate browsers (the organiser invites
from the tournament screen, one joins from the chat message, one from the notification),
calls to each match on any screen, a bracket that updates live everywhere, and the recap;
then four players take turns at one keyboard."""
import re
import time

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, screenshot
from test_accounts import sign_up, unique
from test_play import befriend


def calls(page):
    return page.get_by_role("region", name="Tournament calls")


def ready_button(page):
    """The screen's one "I'm ready": the call's pop-up, or on the tournament's own page, the page's card."""
    return page.get_by_role("button", name=re.compile("^I'm ready"))


def wait_for_called(pages, count, timeout=90):
    """The pages that show a call, once `count` of them do; each shows it once."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        called = [page for page in pages if ready_button(page).count() > 0]
        if len(called) >= count:
            for page in called:
                expect(ready_button(page)).to_have_count(1)
            return called
        pages[0].wait_for_timeout(200)
    raise AssertionError("the players were not called")


def play_called_match(players):
    """Both called players say ready, go to the game, steer a little with the keys, and see it end."""
    for page in players:
        ready_button(page).click()
    for page in players:
        expect(page).to_have_url(re.compile(r"/games/"), timeout=15_000)
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
    players[0].keyboard.down("w")
    players[0].wait_for_timeout(300)
    players[0].keyboard.up("w")
    for page in players:
        expect(page.get_by_role("heading", name=re.compile(r"wins\b|You win!"))).to_be_visible(timeout=60_000)
        expect(page.get_by_role("link", name="Back to the tournament")).to_be_visible()


def test_three_friends_play_an_online_tournament_with_calls_and_a_live_bracket(new_page):
    host, bob, cat = new_page(), new_page(), new_page()
    h, b, c = unique("Host"), unique("Bob"), unique("Cat")
    for page, name in ((host, h), (bob, b), (cat, c)):
        sign_up(page, name)
    befriend(host, bob, h, b)
    befriend(host, cat, h, c)

    # Create: from Play, a tournament card.
    host.get_by_role("navigation", name="Main").get_by_role("link", name="Play").click()
    host.get_by_role("main").get_by_role("link", name=re.compile("^Tournament")).click()
    expect(host.get_by_role("heading", name="Create a tournament")).to_be_visible()
    host.get_by_label("Tournament name").fill("Friday <b>cup</b>")
    host.get_by_label("Players").fill("4")
    host.get_by_label("Points to win").fill("1")
    host.get_by_label("Seeding").select_option("random")
    screenshot(host, "tournament-create")
    host.get_by_role("button", name="Create tournament").click()
    # The name is text, never markup.
    expect(host.get_by_role("heading", level=1, name="Friday <b>cup</b>")).to_be_visible()
    tournament_url = host.url

    # Bad input first: starting alone.
    host.get_by_role("button", name="Start tournament").click()
    # Refused, said in a toast (the lobby says the same of itself).
    expect(host.locator(".toasts").get_by_text(re.compile("needs at least 3 players"))).to_be_visible()

    # Invite both friends from the tournament screen.
    for friend in (b, c):
        host.get_by_label("Friend to invite").select_option(friend)
        host.get_by_role("button", name="Invite", exact=True).click()
        expect(host.get_by_role("list", name="Players")).to_contain_text(friend)
    screenshot(host, "tournament-lobby")

    # Bob joins from the message in his conversation with the organiser.
    bob.get_by_role("button", name=re.compile(r"^Chat")).click()
    bob.get_by_role("list", name="Conversations").get_by_role("button", name=re.compile(h)).click()
    line = bob.get_by_role("log").locator(".chat-invitation")
    expect(line).to_contain_text(f"{h} invited {b} to the tournament Friday <b>cup</b>")
    line.get_by_role("button", name="Join Friday <b>cup</b>").click()
    expect(line).to_contain_text("Joined")
    bob.get_by_role("button", name=re.compile(r"^Chat")).click()

    # Cat joins from the notification.
    cat.get_by_role("button", name=re.compile("^Notifications")).click()
    cat.get_by_role("link", name=re.compile("invited you to the tournament")).click()
    expect(cat.get_by_role("heading", level=1, name="Friday <b>cup</b>")).to_be_visible()
    cat.get_by_role("button", name="Join tournament").click()

    # The organiser's lobby shows both joined without reloading.
    players_list = host.get_by_role("list", name="Players")
    expect(players_list.get_by_role("listitem").filter(has_text=b)).to_contain_text("Joined")
    expect(players_list.get_by_role("listitem").filter(has_text=c)).to_contain_text("Joined")
    host.get_by_role("button", name="Start tournament").click()
    expect(host.get_by_role("heading", name="Live bracket")).to_be_visible()
    for page in (bob, cat):
        page.goto(tournament_url)
        expect(page.get_by_role("heading", name="Live bracket")).to_be_visible()

    # Three players: the top seed waits (a bye); the other two are called at once, on any screen.
    everyone = [host, bob, cat]
    first = wait_for_called(everyone, 2)
    waiting = next(page for page in everyone if page not in first)
    # On the bracket's page the page's card has the call; anywhere else, the pop-up.
    expect(first[0].get_by_role("heading", name=re.compile("^Your semi-final against"))).to_be_visible()
    expect(calls(first[0]).get_by_role("button")).to_have_count(0)
    screenshot(first[0], "tournament-called-on-its-page")
    first[0].goto("/")
    expect(calls(first[0]).get_by_role("button", name=re.compile("^I'm ready"))).to_be_visible()
    expect(calls(first[0])).to_contain_text(re.compile("Your semi-final against .* is ready"))
    screenshot(first[0], "tournament-call")
    first[0].goto(tournament_url)
    play_called_match(first)

    # The bracket updates live for the player who waited: match 1 has a winner, the final is called.
    bracket = waiting.get_by_role("group", name=re.compile("^Bracket of"))
    expect(bracket.get_by_role("link", name=re.compile(r"^Match 1, Semi-final: .* finished, won by"))).to_be_visible()
    screenshot(waiting, "tournament-bracket-live")
    finalists = wait_for_called(everyone, 2)
    assert waiting in finalists
    play_called_match(finalists)

    # The recap: the winner, the ranking, the totals, every game with its record.
    for page in everyone:
        page.goto(tournament_url)
        expect(page.get_by_role("heading", name="Final ranking")).to_be_visible()
        expect(page.get_by_role("list", name="Final ranking").get_by_role("listitem")).to_have_count(3)
    games = host.get_by_role("list", name="Tournament games")
    expect(games.get_by_role("listitem")).to_have_count(2)
    expect(games.get_by_role("link")).to_have_count(2)
    expect(host.get_by_role("heading", name="Totals")).to_be_visible()
    screenshot(host, "tournament-recap")
    # A match in the bracket opens its record with the score chart.
    host.get_by_role("group", name=re.compile("^Bracket of")).get_by_role("link", name=re.compile("^Match 2, Final")).click()
    expect(host.get_by_role("heading", name="Score timeline")).to_be_visible()
    # Each player's page counts it.
    host.goto(f"/users/{b}")
    expect(host.get_by_text("Tournaments played")).to_be_visible()
    for page in everyone:
        assert page.console.unexpected(allowed_statuses=(409,)) == []


def test_four_players_take_turns_in_a_local_tournament(new_page):
    page = new_page()
    sign_up(page, unique("Sofa"))
    page.goto("/tournaments/new")
    page.get_by_role("radio", name=re.compile("On this keyboard")).check()
    page.get_by_label("Tournament name").fill("Sofa cup")
    # Bad input first: the same name twice.
    for index, name in enumerate(["Ann", "ann", "Cy", "Dee"], start=1):
        page.get_by_label(f"Player {index}", exact=True).fill(name)
    page.get_by_label("Points to win").fill("1")
    page.get_by_role("button", name="Draw and start").click()
    expect(page.get_by_text(re.compile("entered twice"))).to_be_visible()
    page.get_by_label("Player 2", exact=True).fill("Bob")
    screenshot(page, "local-tournament-create")
    page.get_by_role("button", name="Draw and start").click()

    for number in range(1, 4):
        heading = page.get_by_role("heading", name=re.compile("^Next match: .+ vs .+"))
        expect(heading).to_be_visible()
        if number == 1:
            screenshot(page, "local-tournament-next")
        names = re.match(r"Next match: (.+) vs (.+)", heading.inner_text()).groups()
        page.get_by_role("button", name="Play next match").click()
        expect(page.locator(".scoreboard")).to_contain_text(names[0])
        expect(page.locator(".scoreboard")).to_contain_text(names[1])
        # The game says which tournament and round it decides, with the way back to the bracket.
        context = page.locator(".game-context")
        expect(context).to_contain_text(re.compile(r"Sofa cup · (Semi-final|Final)", re.IGNORECASE))
        expect(context.get_by_role("link", name="Sofa cup")).to_have_attribute("href", re.compile(r"^/tournaments/"))
        if number == 1:
            screenshot(page, "local-tournament-game")
        page.keyboard.down("ArrowUp")
        page.wait_for_timeout(200)
        page.keyboard.up("ArrowUp")
        expect(page.get_by_role("heading", name=re.compile("wins!"))).to_be_visible(timeout=60_000)
        page.get_by_role("link", name="Back to the tournament").click()

    expect(page.get_by_role("heading", name="Final ranking")).to_be_visible()
    expect(page.get_by_role("list", name="Final ranking").get_by_role("listitem")).to_have_count(4)
    expect(page.get_by_role("list", name="Tournament games").get_by_role("link")).to_have_count(3)
    screenshot(page, "local-tournament-recap")

    # The bracket's card is as wide as its rounds, not a small drawing in a big empty box.
    card = page.get_by_role("region", name="Bracket", exact=True)
    drawing = card.get_by_role("group", name=re.compile("^Bracket of")).bounding_box()
    assert card.bounding_box()["width"] < drawing["width"] + 80, (card.bounding_box(), drawing)
    hint = card.get_by_text("Scroll sideways to see every round")
    expect(hint).to_be_hidden()
    # On a phone it is wider than the screen: it says it scrolls, and fades where more is hidden.
    page.set_viewport_size(PHONE)
    expect(hint).to_be_visible()
    scroller = card.get_by_label("Bracket, scrolls sideways")
    assert scroller.evaluate("element => element.scrollWidth > element.clientWidth")
    expect(scroller).to_have_class(re.compile(r"\bmore-after\b"))
    screenshot(page, "local-tournament-bracket-phone")
    scroller.evaluate("element => element.scrollTo(element.scrollWidth, 0)")
    expect(scroller).to_have_class(re.compile(r"\bmore-before\b"))
    expect(scroller).not_to_have_class(re.compile(r"\bmore-after\b"))
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="My tournaments").first.click()
    expect(page.get_by_role("list", name="My tournaments")).to_contain_text("Sofa cup")
    assert page.console.unexpected(allowed_statuses=(400,)) == []
