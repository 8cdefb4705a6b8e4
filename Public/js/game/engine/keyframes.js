// State at tick t from a keyframe: the browser's twin of PongCore's `Keyframe.state(atTick:)`
// (Sources/PongCore/Keyframe.swift). Between two keyframes nothing happens that the receiver
// cannot compute (the server sends one at every key change, serve, paddle hit and point), so the
// same steps as the engine's, in the same order with the same IEEE doubles, give the engine's
// own positions. A keyframe is
//   { tick, phase: "serving" | "playing" | "finished", serveTicksLeft, ballX, ballY, ballVX, ballVY,
//     leftY, rightY, paddleHeight, leftKey, rightKey }   (keys: "up" | "down" | "none")
// and `field` is the game's field ({ width, height, ballSize, paddleSpeed }).
const DIRECTION = { up: -1, down: 1, none: 0 };

function movedPaddle(y, key, paddleHeight, field) {
  return Math.min(Math.max(y + (DIRECTION[key] ?? 0) * field.paddleSpeed, 0), field.height - paddleHeight);
}

/// The first wall contact within `limit` of a tick, or null (as `nextContact` without paddles).
function wallContact(state, limit, field) {
  const half = field.ballSize / 2;
  let time = null;
  if (state.ballVY < 0) time = (half - state.ballY) / state.ballVY;
  if (state.ballVY > 0) time = (field.height - half - state.ballY) / state.ballVY;
  return time !== null && time >= 0 && time <= limit ? time : null;
}

/// The ball through `duration` (a tick or less), bouncing off the walls at their exact time.
function fly(state, duration, field) {
  let remaining = duration;
  for (let step = 0; step < 8 && remaining > 0; step += 1) {
    const time = wallContact(state, remaining, field);
    if (time === null) {
      state.ballX += state.ballVX * remaining;
      state.ballY += state.ballVY * remaining;
      return;
    }
    state.ballX += state.ballVX * time;
    state.ballY += state.ballVY * time;
    remaining -= time;
    state.ballVY = -state.ballVY;
  }
}

/// One tick of the engine without the events that make a keyframe (`coast` in Swift).
function coast(state, field) {
  state.tick += 1;
  state.leftY = movedPaddle(state.leftY, state.leftKey, state.paddleHeight, field);
  state.rightY = movedPaddle(state.rightY, state.rightKey, state.paddleHeight, field);
  if (state.phase === "serving") {
    // The serve itself arrives as a keyframe: its slope is the server's.
    if (state.serveTicksLeft > 1) state.serveTicksLeft -= 1;
  } else if (state.phase === "playing") {
    fly(state, 1, field);
  }
}

/// The state at `tick` (a whole tick) from `keyframe`, which is left as it was. Ticks before the
/// keyframe's give the keyframe; a finished game stands still.
export function stateAtTick(keyframe, tick, field) {
  const state = { ...keyframe };
  if (state.phase === "finished") return state;
  while (state.tick < tick) coast(state, field);
  return state;
}

/// The state at a fractional server tick, for drawing between ticks: the whole tick before it,
/// then the ball carried on along its path (walls included) for the fraction; paddles keep the
/// tick's position (they move in whole ticks on the server too).
export function stateAtTime(keyframe, tick, field) {
  const whole = Math.floor(tick);
  const state = stateAtTick(keyframe, whole, field);
  const fraction = tick - whole;
  if (state.phase !== "playing" || fraction <= 0 || whole < keyframe.tick) return state;
  fly(state, fraction, field);
  return state;
}
