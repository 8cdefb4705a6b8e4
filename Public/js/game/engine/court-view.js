// What the court shows at each display frame, from the server's snapshots and this browser's keys:
// - the ball where the server has it now (`carryBall` from the last snapshot to the present server
//   tick of the synchronised clock), a correction blended in over a few frames (`BallSmoother`);
// - my own paddle predicted (`PaddlePredictor`): it moves in the frame its key goes down;
// - the other paddle from the snapshots a little in the past, behind a buffer as deep as the
//   measured jitter (at least a tick), so it glides instead of stuttering.
// Paused, counting down or over, the court is the last snapshot.
import { Interpolator } from "./interpolator.js";
import { ServerClock, TICK_MS } from "./server-clock.js";
import { BallSmoother, carryBall } from "./ball-prediction.js";

/// A stall longer than this (ticks) stops the ball's prediction rather than guess further.
const MAX_CARRY_TICKS = 30;
const MAX_BUFFER_TICKS = 9;
const TRACE_KEPT = 1200;

export class CourtView {
  constructor(field, predictor = null) {
    this.field = field;
    this.predictor = predictor;
    this.clock = new ServerClock();
    this.snapshots = new Interpolator();
    this.smoother = new BallSmoother();
    this.base = null; // the snapshot the ball is carried from
    // What was drawn and what the server said (its tick, ball and whether it is in flight), for the browser
    // suite's checks (bounded).
    this.trace = { drawn: [], server: [] };
  }

  push(snapshot, receivedAt) {
    if (snapshot.phase === "paused" || snapshot.phase === "over") this.clock.reset();
    else this.clock.observe(snapshot.tick, receivedAt);
    this.snapshots.push(snapshot);
    this.predictor?.reconcile(snapshot, receivedAt);
    record(this.trace.server, [snapshot.tick, snapshot.ballX, snapshot.ballY, inFlight(snapshot)]);
    // The ball's base moves to the new snapshot; the prediction's jump is blended, not drawn.
    const present = this.clock.presentTick(receivedAt);
    if (this.base && present !== null && moving(this.base) && moving(snapshot)) {
      const paddles = this.contactPaddles(present, receivedAt);
      this.smoother.corrected(this.carry(this.base, present, paddles), this.carry(snapshot, present, paddles));
    }
    this.base = snapshot;
  }

  roundTrip(ms) {
    this.clock.roundTrip(ms);
  }

  /// The tick a key pressed now counts from on the server (null until the clock is synchronised).
  pressTick(now) {
    return this.clock.pressTick(now);
  }

  /// How far behind the present the other paddle is drawn, in ticks.
  get bufferTicks() {
    return Math.min(MAX_BUFFER_TICKS, 1 + this.clock.deliveryJitterMs / TICK_MS);
  }

  at(now) {
    const latest = this.snapshots.latest();
    if (!latest) return null;
    const present = this.clock.presentTick(now);
    const mine = this.predictor?.active ? this.predictor.side : null;
    let state;
    const inPlay = present !== null && moving(latest);
    if (!inPlay) {
      state = mine ? { ...latest, [`${mine}Y`]: this.predictor.at(now) } : latest;
    } else {
      const behind = this.snapshots.at(present - this.bufferTicks);
      state = { ...latest, leftY: behind.leftY, rightY: behind.rightY };
      if (mine) state[`${mine}Y`] = this.predictor.at(now);
      const ball = this.smoother.at(this.carry(latest, present, this.contactPaddles(present, now)), now);
      state.ballX = ball.x;
      state.ballY = ball.y;
    }
    // [local time, present server tick, ball x, y (null unless in play), correction pending, left, right]
    record(this.trace.drawn, [now, present, inPlay ? state.ballX : null, inPlay ? state.ballY : null,
      this.smoother.pending, state.leftY, state.rightY]);
    return state;
  }

  /// The paddles the ball may meet before the present: mine where I have it, the other carried
  /// on from its last snapshot at the speed it had.
  contactPaddles(present, now) {
    const latest = this.snapshots.latest();
    const paddles = {};
    for (const side of ["left", "right"]) {
      const carried = latest[`${side}Y`] + this.snapshots.paddleSpeed(side) * Math.max(0, present - latest.tick);
      paddles[side] = Math.min(Math.max(carried, 0), this.field.height - this.field.paddleHeight);
    }
    if (this.predictor?.active) paddles[this.predictor.side] = this.predictor.at(now);
    return paddles;
  }

  carry(snapshot, present, paddles) {
    const ticks = Math.min(MAX_CARRY_TICKS, Math.max(0, present - snapshot.tick));
    const ball = { x: snapshot.ballX, y: snapshot.ballY, vx: snapshot.ballVX, vy: snapshot.ballVY };
    return carryBall(ball, ticks, this.field, paddles);
  }
}

function moving(snapshot) {
  return snapshot.phase === "playing";
}

/// In play and not waiting in the middle to be served.
function inFlight(snapshot) {
  return moving(snapshot) && (snapshot.ballVX !== 0 || snapshot.ballVY !== 0);
}

function record(list, entry) {
  list.push(entry);
  if (list.length > TRACE_KEPT) list.shift();
}
