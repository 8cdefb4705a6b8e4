"""The whole site in French, Spanish and Arabic (right to left): each screen a player reaches shows
its own words, no English and no raw key (`languages.assert_in_language`, run by `screenshot`
with axe in both themes and the phone-width overflow check); the server's errors and emails come
in the same language; the choice is stored and follows the player to another device."""
import re

import pytest
from playwright.sync_api import expect

import mail
from conftest import screenshot, server_command
from languages import tr
from mail import code_in
from test_accounts import PASSWORD, unique


def choose(page, server, language):
    page.context.add_cookies([{"name": "lang", "value": language, "url": server}])


def sign_up_in(page, language, username):
    address = f"{username.lower()}@example.com"
    before = mail.SINK.count()
    page.goto("/signup")
    page.get_by_label(tr(language, "common.username")).fill(username)
    page.get_by_label(tr(language, "common.email")).fill(address)
    page.get_by_label(tr(language, "common.password"), exact=True).fill(PASSWORD)
    page.get_by_label(tr(language, "signup.confirmPassword")).fill(PASSWORD)
    page.get_by_role("button", name=tr(language, "signup.createAccount")).click()
    expect(page.get_by_role("heading", name=tr(language, "common.checkYourEmail"))).to_be_visible()
    # One sentence in the language's own order, the address in bold inside it (not fragments around it).
    sentence = page.locator("p", has=page.locator("strong", has_text=address))
    expect(sentence).to_have_text(tr(language, "signupConfirm.weSentAMessageTo", email=address))
    expect(page.get_by_role("link", name=tr(language, "signupConfirm.signUpAgainLink"))).to_be_visible()
    screenshot(page, f"{language}-signup-check-email")
    message = mail.SINK.wait_for(address, "Transcendence", after=before)
    assert tr("en", "common.signUp") not in message["Subject"] and "sign-up" not in message["Subject"]
    page.get_by_label(tr(language, "signupConfirm.signUpCode")).fill(code_in(message))
    page.get_by_role("button", name=tr(language, "signupConfirm.verifyAndCreateAccount")).click()
    expect(page.get_by_role("heading", level=1, name=username)).to_be_visible()
    return message


def visit(page, language, path, name):
    page.goto(path)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{language}-{name}")


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_screen_speaks_the_chosen_language(new_page, server, language):
    page = new_page()
    choose(page, server, language)
    page.goto("/")
    direction = "rtl" if language == "ar" else "ltr"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    screenshot(page, f"{language}-landing")

    # The server's own words: a form sent empty comes back with each field's problem in this language.
    page.goto("/login")
    page.get_by_role("button", name=tr(language, "common.logIn"), exact=True).click()
    expect(page.locator(".field-error").first).to_be_visible()
    screenshot(page, f"{language}-login-errors")
    for path, name in (("/forgot-password", "forgot-password"), ("/stats", "stats-visitor")):
        visit(page, language, path, name)

    username = unique(language.capitalize())
    message = sign_up_in(page, language, username)
    body = mail.text_of(message)
    assert "Hi " not in body and username in body, "the sign-up email is in the chosen language"
    screenshot(page, f"{language}-home")

    for path, name in (("/play", "play"), ("/play/ai", "play-ai"), ("/play/local", "play-local"),
                       ("/play/challenge", "challenge-new"), ("/profile", "profile"), ("/matches", "matches-empty"),
                       ("/tournaments", "tournaments"), ("/tournaments/new", "tournament-new"), ("/stats", "stats"),
                       (f"/users/{username}", "player"), ("/nowhere-at-all", "not-found")):
        visit(page, language, path, name)

    # A game against the AI, quit half-way: the game screen, its end, the history and the match.
    page.goto("/play/ai")
    page.get_by_role("button", name=tr(language, "playSetup.startGame")).click()
    game = page.get_by_role("region", name=tr(language, "gameScreen.pongGame"))
    expect(game).to_be_visible()
    expect(page.locator(".key-hints")).to_contain_text(tr(language, "game.moveWithWSOr")[:6])
    screenshot(page, f"{language}-game")
    # Quit once the court has settled (it is sized to the window as the game starts).
    expect(page.locator(".court-countdown")).to_be_hidden(timeout=15000)
    page.once("dialog", lambda dialog: dialog.accept())
    quit_button = page.get_by_role("button", name=tr(language, "gameScreen.quitGame"))
    # The screenshot's phone width resized the court; a click during the resize presses and
    # releases on different spots. Wait until the button stays put for a few frames.
    quit_button.evaluate("""(button) => new Promise((done) => {
      let last = "", still = 0;
      const look = () => { const now = JSON.stringify(button.getBoundingClientRect());
        still = now === last ? still + 1 : 0; last = now; still >= 5 ? done() : requestAnimationFrame(look); };
      look();
    })""")
    quit_button.click()
    expect(page.get_by_role("heading", name=tr(language, "common.gameAbandoned"))).to_be_visible()
    screenshot(page, f"{language}-game-abandoned")
    page.get_by_role("link", name=tr(language, "common.matchDetails")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{language}-match")
    page.go_back()
    page.get_by_role("link", name=tr(language, "endPanel.watchTheReplay")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{language}-replay")
    visit(page, language, "/matches", "matches")

    # The direction follows the language; the court does not: the left player stays on the left.
    if language == "ar":
        page.goto("/play/ai")
        page.get_by_role("button", name=tr(language, "playSetup.startGame")).click()
        expect(game).to_be_visible()
        left, right = page.locator(".scoreboard > *").first, page.locator(".scoreboard > *").last
        assert left.bounding_box()["x"] < right.bounding_box()["x"], "the scoreboard keeps the court's left and right"
        expect(page.locator(".court-wrap")).to_have_css("direction", "ltr")

    # The quick-match queue, the chat dock and a tournament lobby.
    visit(page, language, "/play/quick", "quick-match")
    page.goto("/")
    page.locator(".chat-toggle").click()
    expect(page.get_by_role("region", name=tr(language, "common.chat"))).to_be_visible()
    screenshot(page, f"{language}-chat")
    # Closed again: left open, it is the whole of a phone's screen in the screenshots that follow.
    page.locator(".chat-toggle").click()
    expect(page.get_by_role("region", name=tr(language, "common.chat"))).to_be_hidden()
    page.goto("/tournaments/new")
    page.get_by_label(tr(language, "tournamentNew.tournamentName")).fill(f"Coupe {language}")
    page.get_by_role("button", name=tr(language, "tournamentNew.createTournament")).click()
    expect(page.get_by_role("heading", level=1, name=f"Coupe {language}")).to_be_visible()
    screenshot(page, f"{language}-tournament-lobby")

    # A challenge link waiting, the notifications, the moderation screen (as staff).
    page.goto("/play/challenge")
    page.get_by_role("button", name=tr(language, "challengeNew.createTheLink")).click()
    expect(page.get_by_role("button", name=tr(language, "challengeNew.copyLink"))).to_be_visible()
    screenshot(page, f"{language}-challenge-waiting")
    page.get_by_role("button", name=re.compile("^" + re.escape(tr(language, "notificationBell.notifications")))).click()
    expect(page.get_by_role("heading", name=tr(language, "notificationBell.notifications"))).to_be_visible()
    screenshot(page, f"{language}-notifications")
    server_command("role", "grant", username, "moderator")
    visit(page, language, "/moderation", "moderation")

    # Signing out, and in again with the second step, in this language.
    page.goto("/profile")
    page.get_by_role("button", name=tr(language, "profile.signOut"), exact=True).click()
    expect(page.get_by_label(tr(language, "login.usernameOrEmail"))).to_be_visible()
    before = mail.SINK.count()
    page.get_by_label(tr(language, "login.usernameOrEmail")).fill(username)
    page.get_by_label(tr(language, "common.password")).fill(PASSWORD)
    page.get_by_role("button", name=tr(language, "common.logIn"), exact=True).click()
    expect(page.get_by_label(tr(language, "loginVerify.loginCode"))).to_be_visible()
    screenshot(page, f"{language}-login-second-step")
    code = code_in(mail.SINK.wait_for(f"{username.lower()}@example.com", "Transcendence", after=before))
    page.get_by_label(tr(language, "loginVerify.loginCode")).fill(code)
    page.get_by_role("button", name=tr(language, "loginVerify.verifyAndLogIn")).click()
    expect(page.get_by_role("heading", level=1, name=username)).to_be_visible()
    for path, name in (("/reset-password?token=nothing", "reset-password"), ("/confirm-email?token=nothing", "confirm-email")):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        screenshot(page, f"{language}-{name}")
    assert page.console.unexpected(allowed_statuses=(400, 404)) == [], page.console.errors


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_visitor_plays_the_computer_in_the_chosen_language(new_page, server, language):
    page = new_page()
    choose(page, server, language)
    page.goto("/")
    page.get_by_role("button", name=tr(language, "landing.playTheComputerNow")).first.click()
    expect(page.get_by_role("region", name=tr(language, "gameScreen.pongGame"))).to_be_visible()
    screenshot(page, f"{language}-visitor-game")


def test_the_choice_is_made_in_the_header_and_follows_the_player(new_page, server):
    page = new_page()
    username = unique("Polyglot")
    from test_accounts import sign_up
    sign_up(page, username)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    with page.expect_navigation():
        page.get_by_label("Language").select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name=tr("fr", "nav.home"), exact=True)).to_be_visible()
    stored = page.evaluate("fetch('/api/me').then((response) => response.json())")
    assert stored["language"] == "fr"

    # Another device, in English: signing in brings the player's French with it.
    other = new_page()
    other.goto("/login")
    before = mail.SINK.count()
    other.get_by_label("Username or email").fill(username)
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Log in").click()
    message = mail.SINK.wait_for(f"{username.lower()}@example.com", "Transcendence", after=before)
    assert "Votre code de connexion" in message["Subject"], "the login code comes in the player's language"
    other.get_by_label("Login code").fill(code_in(message))
    other.get_by_role("button", name="Verify and log in").click()
    expect(other.locator("html")).to_have_attribute("lang", "fr", timeout=15000)
    expect(other.get_by_role("heading", level=1, name=username)).to_be_visible()

    # On My profile, the same choice: Spanish, stored, and the page in Spanish.
    other.goto("/profile")
    picker = other.get_by_role("group", name=tr("fr", "profile.settings")).get_by_role("combobox", name=tr("fr", "languagePicker.language"))
    with other.expect_navigation():
        picker.select_option("es")
    expect(other.locator("html")).to_have_attribute("lang", "es")
    expect(other.get_by_role("heading", level=1, name=tr("es", "profile.myProfile"))).to_be_visible()
    assert other.evaluate("fetch('/api/me').then((response) => response.json())")["language"] == "es"
