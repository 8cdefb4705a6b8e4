"""The browser's reconstruction of a tick from a keyframe (Public/js/game/engine/keyframes.js)
against the Swift engine's own states: seeded games printed by the `keyframefixtures` program
(the engine, the keyframe schedule and random keys), every tick rebuilt in Chromium."""
import json
import subprocess
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / ".build" / "debug" / "keyframefixtures"


def test_every_tick_rebuilt_in_the_browser_equals_the_engine(new_page):
    assert PROGRAM.exists(), "build first: swift build"
    fixtures = json.loads(subprocess.run([str(PROGRAM), "6"], capture_output=True, check=True, timeout=120).stdout)
    games = fixtures["games"]
    assert len(games) == 6 and all(len(game["states"]) > 300 for game in games)
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    base = page.evaluate("document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')")
    results = page.evaluate("""async ([base, fixtures]) => {
        const { stateAtTick, stateAtTime } = await import(base + "game/engine/keyframes.js");
        return fixtures.games.map(({ keyframes, states }) => {
            let next = 0;
            let latest = keyframes[0];
            let worst = 0;
            let fractionalOutside = 0;
            for (const [tick, ballX, ballY, leftY, rightY] of states) {
                while (next < keyframes.length && keyframes[next].tick <= tick) latest = keyframes[next++];
                const state = stateAtTick(latest, tick, fixtures.field);
                if (state.tick !== tick) return { error: `tick ${tick} rebuilt as ${state.tick}` };
                const errors = [state.ballX - ballX, state.ballY - ballY, state.leftY - leftY, state.rightY - rightY];
                worst = Math.max(worst, ...errors.map(Math.abs));
                // Between ticks the ball stays on the court (walls are bounced within the fraction).
                const between = stateAtTime(latest, tick + 0.5, fixtures.field);
                const half = fixtures.field.ballSize / 2;
                if (between.ballY < half - 1e-9 || between.ballY > fixtures.field.height - half + 1e-9) fractionalOutside += 1;
            }
            return { worst, keyframes: keyframes.length, ticks: states.length, fractionalOutside,
                     keyframeLeftAlone: keyframes.every((frame, index) => index === 0 || frame.tick >= keyframes[index - 1].tick) };
        });
    }""", [base, fixtures])
    for game, result in zip(games, results):
        assert "error" not in result, (game["seed"], result)
        assert result["worst"] <= 1e-6, (game["seed"], result)
        assert result["fractionalOutside"] == 0, (game["seed"], result)
        assert result["keyframeLeftAlone"]
        # Far fewer messages than the 60 a second of full snapshots.
        assert result["keyframes"] * 4 < result["ticks"], (game["seed"], result)
    assert page.console.unexpected() == []


def test_the_browser_predicts_every_paddle_return_as_the_engine_plays_it(new_page):
    """`carryBall` (ball-prediction.js) carries the ball through a paddle hit with the engine's
    return rule: from the tick before each hit, rebuilt from the keyframe before it, one tick on
    against the paddles where the engine had them gives the hit's keyframe (position and velocity)."""
    fixtures = json.loads(subprocess.run([str(PROGRAM), "6"], capture_output=True, check=True, timeout=120).stdout)
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    base = page.evaluate("document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')")
    results = page.evaluate("""async ([base, fixtures]) => {
        const { stateAtTick } = await import(base + "game/engine/keyframes.js");
        const { carryBall } = await import(base + "game/engine/ball-prediction.js");
        return fixtures.games.map(({ keyframes, serveSpeed }) => {
            let hits = 0, worst = 0;
            for (let index = 1; index < keyframes.length; index += 1) {
                const frame = keyframes[index], previous = keyframes[index - 1];
                if (frame.phase !== "playing" || previous.tick >= frame.tick) continue;
                const before = stateAtTick(previous, frame.tick - 1, fixtures.field);
                if (before.phase !== "playing" || Math.sign(before.ballVX) === Math.sign(frame.ballVX)) continue;
                hits += 1;
                const field = { ...fixtures.field, paddleHeight: frame.paddleHeight, serveSpeed };
                const ball = carryBall({ x: before.ballX, y: before.ballY, vx: before.ballVX, vy: before.ballVY }, 1, field,
                    { left: frame.leftY, right: frame.rightY });
                worst = Math.max(worst, Math.abs(ball.x - frame.ballX), Math.abs(ball.y - frame.ballY),
                    Math.abs(ball.vx - frame.ballVX), Math.abs(ball.vy - frame.ballVY));
            }
            return { hits, worst };
        });
    }""", [base, fixtures])
    assert sum(result["hits"] for result in results) > 20, results
    for game, result in zip(fixtures["games"], results):
        assert result["worst"] <= 1e-9, (game["seed"], result)
    assert page.console.unexpected() == []
