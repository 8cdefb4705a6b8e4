"""The browser's clock against the server's tick (server-clock.js) and the ball's blending
(ball-prediction.js), in Chromium with made-up deliveries whose truth is known: a server whose
tick 0 was at local time 1000 ms, messages 60 ± 20 ms on their way, round trips of 120 ms."""
import random

from playwright.sync_api import expect


def load(new_page):
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    base = page.evaluate("document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')")
    return page, base


def test_the_present_tick_is_found_within_a_few_milliseconds_through_jitter(new_page):
    page, base = load(new_page)
    rng = random.Random(5)
    # Snapshots of ticks 0…299, each sent on its tick and 50–70 ms on the way (in order, as TCP keeps them).
    deliveries = []
    arrival = 0
    for tick in range(300):
        arrival = max(arrival, 1000 + tick * 1000 / 60 + 50 + rng.uniform(0, 20))
        deliveries.append([tick, arrival])
    result = page.evaluate("""async ([base, deliveries]) => {
        const { ServerClock, TICK_MS } = await import(base + "game/engine/server-clock.js");
        const clock = new ServerClock();
        const before = clock.pressTick(0);
        for (const trip of [130, 121, 125, 140]) clock.roundTrip(trip);
        for (const [tick, at] of deliveries) clock.observe(tick, at);
        const now = deliveries[deliveries.length - 1][1];
        const truth = (now - 1000) / TICK_MS;
        const present = clock.presentTick(now);
        const press = Math.floor(present) + 1 === clock.pressTick(now) || null;
        const jitter = clock.roundTripJitterMs;
        clock.reset();
        return { before, errorMs: (present - truth) * TICK_MS, press, jitter, afterPause: clock.presentTick(now) };
    }""", [base, deliveries])
    assert result["before"] is None, "no stamp before the clock has heard the server"
    # The least delayed delivery was ~50 ms; half the best round trip is 60.5: within ~12 ms of the truth.
    assert abs(result["errorMs"]) < 15, result
    assert result["press"], result
    assert 0 < result["jitter"] < 20, result
    assert result["afterPause"] is None, result
    assert page.console.unexpected() == []


def test_a_correction_is_blended_over_frames_and_a_serve_is_drawn_at_once(new_page):
    page, base = load(new_page)
    result = page.evaluate("""async (base) => {
        const { BallSmoother, SNAP_DISTANCE } = await import(base + "game/engine/ball-prediction.js");
        const smoother = new BallSmoother();
        const ball = { x: 400, y: 300 };
        smoother.at(ball, 0);
        smoother.corrected({ x: 410, y: 300 }, { x: 400, y: 300 });  // the prediction moved 10 units back
        const frames = [];
        for (let frame = 1; frame <= 12; frame += 1) frames.push(smoother.at(ball, frame * 1000 / 60).x - 400);
        smoother.corrected({ x: 700, y: 300 }, { x: 400, y: 300 });  // a serve from the middle
        return { frames, afterServe: smoother.at(ball, 13 * 1000 / 60).x - 400, snap: SNAP_DISTANCE };
    }""", base)
    frames = result["frames"]
    # No jump: the first frame still shows most of the old place, then it fades away for good.
    assert 4 < frames[0] < 10, frames
    assert all(later < earlier for earlier, later in zip(frames, frames[1:])), frames
    assert frames[-1] < 0.1, frames
    assert result["afterServe"] == 0
    assert page.console.unexpected() == []
