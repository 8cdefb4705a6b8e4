// Play by ear: the court as sound, for a player who can't see it. The ball is a continuous tone,
// panned left–right by where it is across the court and pitched by its height (higher on the
// court, higher note); my own paddle is a second, softer tone at my side, pitched by its height
// on the same scale. Steering is matching the two notes: when they sound the same, the paddle is
// where the ball is. The hits, walls and points keep their own sounds (game-sounds.js).
//
// It works on any BaseAudioContext, so a test can render it offline; `params` holds what the
// graph was last given (pan, pitch), which the browser suite's bot listens to instead of looking.

/// Two octaves: the bottom of the court is A3, the top A5.
const LOW_HZ = 220;
const OCTAVES = 2;
/// How quickly a tone follows the ball (s): smooth to the ear, still within a frame or two.
const GLIDE = 0.015;

/// The note for a height: 0 at the top of the court, `height` at the bottom.
export function pitchFor(y, height) {
  const up = 1 - Math.min(Math.max(y / height, 0), 1);
  return LOW_HZ * 2 ** (OCTAVES * up);
}

/// −1 (left) to 1 (right) for a place across the court.
export function panFor(x, width) {
  return Math.min(Math.max((x / width) * 2 - 1, -1), 1);
}

export class AudioCourt {
  /// `side`: the paddle I steer ("left", "right"), or null when I only listen (a spectator).
  constructor(context, destination, { side = null, ballLevel = 0.16, paddleLevel = 0.06 } = {}) {
    this.context = context;
    this.side = side;
    this.levels = { ball: ballLevel, paddle: paddleLevel };
    this.ball = voice(context, destination, "triangle");
    this.paddle = side ? voice(context, destination, "sine") : null;
    this.paddle?.panner.pan.setValueAtTime(side === "left" ? -0.8 : 0.8, context.currentTime);
    this.sounding = false;
    this.params = { active: false, ballPan: 0, ballHz: LOW_HZ, paddleHz: null, paddlePan: this.side === "left" ? -0.8 : 0.8 };
  }

  /// The court as drawn at `at` (the context's time; now by default). Silent between rallies.
  update(state, field, at = this.context.currentTime) {
    const inPlay = state?.phase === "playing";
    const { params } = this;
    params.active = inPlay;
    if (inPlay) {
      params.ballPan = panFor(state.ballX, field.width);
      params.ballHz = pitchFor(state.ballY, field.height);
      this.ball.panner.pan.setTargetAtTime(params.ballPan, at, GLIDE);
      this.ball.oscillator.frequency.setTargetAtTime(params.ballHz, at, GLIDE);
      if (this.paddle) {
        const top = this.side === "left" ? state.leftY : state.rightY;
        params.paddleHz = pitchFor(top + field.paddleHeight / 2, field.height);
        this.paddle.oscillator.frequency.setTargetAtTime(params.paddleHz, at, GLIDE);
      }
    }
    // The levels change only when a rally starts or stops: a frame adds no event to their timelines.
    if (inPlay === this.sounding) return;
    this.sounding = inPlay;
    this.ball.gain.gain.setTargetAtTime(inPlay ? this.levels.ball : 0, at, GLIDE);
    this.paddle?.gain.gain.setTargetAtTime(inPlay ? this.levels.paddle : 0, at, GLIDE);
  }

  dispose() {
    for (const part of [this.ball, this.paddle]) {
      if (!part) continue;
      try { part.oscillator.stop(); } catch (_) { /* never started */ }
      part.panner.disconnect();
    }
  }
}

/// One continuous tone: oscillator → gain (starts silent) → stereo panner → destination.
function voice(context, destination, type) {
  const oscillator = context.createOscillator();
  oscillator.type = type;
  oscillator.frequency.value = LOW_HZ;
  const gain = context.createGain();
  gain.gain.value = 0;
  const panner = context.createStereoPanner();
  oscillator.connect(gain).connect(panner).connect(destination);
  oscillator.start();
  return { oscillator, gain, panner };
}
