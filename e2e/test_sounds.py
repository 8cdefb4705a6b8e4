"""The game's sounds: silent until the player's first key (the browser's rule), then a tone for the
countdown, the walls, the paddles and each point, panned to where the ball is; the toggle (or M)
suspends and resumes the page's audio context; the volume is a setting in My profile."""
import re
import time

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import sign_up, unique
from test_games import open_setup

SOUNDS = "() => document.querySelector('canvas.court').soundTrace.map((sound) => [sound.kind, sound.pan])"


def audio_state(page):
    return page.get_by_role("region", name="Pong game").get_attribute("data-audio")


def test_sounds_start_with_the_first_key_and_the_toggle_suspends_them(new_page):
    page = new_page()
    sign_up(page, unique("Ears"))
    page.goto("/profile")
    volume = page.get_by_label("Sound volume")
    volume.fill("40")
    page.get_by_role("button", name="Save customisation").click()
    expect(page.get_by_text("Customisation saved.")).to_be_visible()
    assert page.request.get("/api/me/game-settings").json()["soundVolume"] == 40

    open_setup(page, "Versus the AI")
    page.get_by_label("Points to win").fill("2")
    page.get_by_label("Ball speed").select_option("fast")
    page.get_by_role("button", name="Start game").click()
    toggle = page.get_by_role("button", name=re.compile(r"^Sound (on|off)$"))
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("region", name="Pong game")).to_have_attribute("data-audio", "off")

    page.keyboard.press("ArrowUp")  # the first interaction: the audio context starts
    expect(page.get_by_role("region", name="Pong game")).to_have_attribute("data-audio", "running")
    expect(toggle).to_have_text("Sound on")
    expect(toggle).to_have_attribute("aria-pressed", "true")

    # Nobody steers: walls, the AI's returns and points come within seconds.
    deadline = time.time() + 90
    kinds = set()
    while time.time() < deadline and not {"point"} <= kinds:
        kinds = {kind for kind, _ in page.evaluate(SOUNDS)}
        page.wait_for_timeout(200)
    played = page.evaluate(SOUNDS)
    assert {"countdown", "point"} <= {kind for kind, _ in played}, played
    assert all(-1 <= pan <= 1 for _, pan in played)
    assert any(kind == "point" and abs(pan) == 1 for kind, pan in played), "a point sounds from the side the ball left"
    screenshot(page, "game-sound-on")

    toggle.click()
    expect(page.get_by_role("region", name="Pong game")).to_have_attribute("data-audio", "suspended")
    expect(toggle).to_have_text("Sound off")
    page.keyboard.press("m")
    expect(page.get_by_role("region", name="Pong game")).to_have_attribute("data-audio", "running")
    assert page.console.unexpected() == []
