"""Play by ear: the ball as a tone panned by where it is and pitched by its height, my paddle as a
softer tone on the same scale, the serve, points and end announced. A bot that listens only to the
values the page gives its audio graph plays the easy AI about as well as the same bot looking at the
court; and the graph itself, rendered offline in Chromium, sounds from the side the ball is on."""
import re
import time

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import sign_up, unique
from test_games import open_setup

# The same simple bot twice, run by the page on every frame so that both see as often. "eye" reads
# the court as drawn (ball and paddle heights); "ear" reads only what the audio graph is given (the
# ball's and the paddle's pitch). Both hold W or S until their paddle is within 8 px of the ball,
# the ear's margin being the same 8 px as a pitch ratio (two octaves span the 600 px court).
BOT = """(mode) => {
  const canvas = document.querySelector("canvas.court");
  const counts = { returned: 0, missed: 0 };
  const trace = canvas.soundTrace;
  trace.push = function (entry) {
    if (entry.kind === "paddle" && entry.pan < 0) counts.returned += 1;
    if (entry.kind === "point" && entry.pan < 0) counts.missed += 1;
    return Array.prototype.push.call(this, entry);
  };
  let held = null;
  const hold = (code) => {
    if (code === held) return;
    if (held) window.dispatchEvent(new KeyboardEvent("keyup", { code: held }));
    if (code) window.dispatchEvent(new KeyboardEvent("keydown", { code }));
    held = code;
  };
  const margin = 8, octavesPerPixel = 2 / 600;
  const step = () => {
    if (mode === "ear") {
      const p = canvas.audioParams;
      const offset = p && p.active && p.paddleHz ? Math.log2(p.ballHz / p.paddleHz) / octavesPerPixel : 0;
      hold(offset > margin ? "KeyW" : offset < -margin ? "KeyS" : null);
    } else {
      const drawn = canvas.courtTrace.drawn, last = drawn[drawn.length - 1];
      const offset = last && last[3] != null ? (last[5] + 50) - last[3] : 0;
      hold(offset > margin ? "KeyW" : offset < -margin ? "KeyS" : null);
    }
    window.botFrame = requestAnimationFrame(step);
  };
  window.botCounts = counts;
  step();
}"""


def play_easy_ai(page, mode):
    open_setup(page, "Versus the AI")
    page.get_by_label("AI difficulty").select_option("easy")
    page.get_by_label("Points to win").fill("3")
    page.get_by_role("button", name="Start game").click()
    expect(page.locator(".scoreboard")).to_contain_text("AI (easy)")
    if mode == "ear":
        ear = page.get_by_role("button", name="Play by ear")
        if ear.get_attribute("aria-pressed") != "true":
            ear.click()
        expect(ear).to_have_attribute("aria-pressed", "true")
        page.wait_for_function("() => document.querySelector('canvas.court').audioParams !== null")
    page.evaluate(BOT, mode)
    expect(page.get_by_role("heading", name=re.compile("wins!"))).to_be_visible(timeout=240_000)
    counts = page.evaluate("() => { cancelAnimationFrame(window.botFrame); return window.botCounts; }")
    return counts


def test_a_bot_that_only_listens_returns_at_least_half_as_many_balls(new_page):
    page = new_page()
    sign_up(page, unique("Ears"))
    eye = play_easy_ai(page, "eye")
    ear = play_easy_ai(page, "ear")
    eye_rate = eye["returned"] / max(1, eye["returned"] + eye["missed"])
    ear_rate = ear["returned"] / max(1, ear["returned"] + ear["missed"])
    print(f"returned: eye {eye} ({eye_rate:.0%}), ear {ear} ({ear_rate:.0%})")
    assert eye["returned"] > 0, eye
    assert ear_rate >= 0.5 * eye_rate, f"listening returned {ear_rate:.0%} of its balls, looking {eye_rate:.0%}"


def test_play_by_ear_announces_the_game_and_stays_on(new_page):
    page = new_page()
    sign_up(page, unique("Hear"))
    open_setup(page, "Versus the AI")
    page.get_by_label("Points to win").fill("2")
    page.get_by_label("Ball speed").select_option("fast")
    page.get_by_role("button", name="Start game").click()
    ear = page.get_by_role("button", name="Play by ear")
    expect(ear).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("e")
    expect(ear).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=re.compile(r"^Sound (on|off)$"))).to_have_text("Sound on")
    announcer = page.locator("[data-ear-announcer]")
    expect(announcer).to_have_attribute("aria-live", "assertive")
    expect(page.locator(".game-status")).to_have_attribute("aria-live", "off")
    expect(announcer).to_contain_text("Play by ear on")
    # Nobody steers: the AI serves and scores; each is said.
    expect(announcer).to_contain_text(re.compile(r"Serve to|scores")), "the serve or a point is announced"
    expect(announcer).to_contain_text("scores", timeout=90_000)
    params = page.evaluate("() => document.querySelector('canvas.court').audioParams")
    assert 220 <= params["ballHz"] <= 880 and -1 <= params["ballPan"] <= 1 and params["paddleHz"] is not None
    screenshot(page, "game-play-by-ear")
    expect(announcer).to_contain_text("Game over", timeout=120_000)
    # The choice is kept for the next game.
    page.get_by_role("button", name="Play again").click()
    expect(page.get_by_role("button", name="Play by ear")).to_have_attribute("aria-pressed", "true")
    assert page.console.unexpected() == []


# The graph alone, in an OfflineAudioContext: the ball crosses the court from left to right at mid
# height, then falls from the top to the bottom in the middle. Each half second's energy on the left
# and right channels, and its pitch (zero crossings), are measured from the rendered samples.
RENDER = """async () => {
  const { AudioCourt } = await import("/js/game/sound/audio-court.js");
  const rate = 22050, seconds = 6, field = { width: 800, height: 600, paddleHeight: 100 };
  const context = new OfflineAudioContext(2, rate * seconds, rate);
  const court = new AudioCourt(context, context.destination, { side: null });
  for (let t = 0; t < seconds; t += 0.01) {
    const across = t < 3, f = across ? t / 3 : (t - 3) / 3;
    const state = { phase: "playing", ballX: across ? f * 800 : 400, ballY: across ? 300 : f * 600, leftY: 250, rightY: 250 };
    court.update(state, field, t);
  }
  const buffer = await context.startRendering();
  const left = buffer.getChannelData(0), right = buffer.getChannelData(1);
  const windows = [];
  for (let start = 0; start < buffer.length; start += rate / 2) {
    let l = 0, r = 0, crossings = 0;
    for (let i = start + 1; i < start + rate / 2; i++) {
      l += left[i] * left[i];
      r += right[i] * right[i];
      const mono = left[i] + right[i], before = left[i - 1] + right[i - 1];
      if ((mono >= 0) !== (before >= 0)) crossings += 1;
    }
    windows.push({ left: l, right: r, hz: crossings / 2 / 0.5 });
  }
  return windows;
}"""


def test_the_rendered_audio_follows_the_ball(new_page):
    page = new_page()
    page.goto("/")
    windows = page.evaluate(RENDER)
    across, falling = windows[:6], windows[6:]
    share = [w["left"] / (w["left"] + w["right"]) for w in across]
    print("left share while crossing:", [f"{s:.2f}" for s in share])
    assert share[0] > 0.85 and share[-1] < 0.15, share
    assert all(a > b for a, b in zip(share, share[1:])), f"the left share falls as the ball goes right: {share}"
    balance = [w["left"] / (w["left"] + w["right"]) for w in falling]
    assert all(0.4 < b < 0.6 for b in balance), f"in the middle both sides are even: {balance}"
    pitch = [w["hz"] for w in falling]
    print("pitch while falling:", [f"{p:.0f}" for p in pitch])
    assert pitch[0] > 650 and pitch[-1] < 300, pitch
    assert all(a > b for a, b in zip(pitch, pitch[1:])), f"the tone goes down as the ball falls: {pitch}"
