// The game's sounds, made with the Web Audio API (no files): a paddle hit, a wall bounce, a point,
// the countdown's beeps and the end, each panned left–right to where the ball is. Browsers start
// audio only after the player has interacted with the page, so nothing plays until the first key
// or tap (`unlock`); muting suspends the audio context, unmuting resumes it.
import { AudioCourt } from "./audio-court.js";

const MUTED_KEY = "transcendence.sound.muted";
const EAR_KEY = "transcendence.sound.byEar";

export class GameSounds {
  constructor({ volume = 70 } = {}) {
    this.context = null;
    this.master = null;
    this.volume = volume / 100;
    this.muted = localStorage.getItem(MUTED_KEY) === "1";
    /// Told the audio context's state ("suspended", "running", "closed") whenever it changes.
    this.onState = null;
    /// What was played, newest last (bounded): for the page's tests.
    this.played = [];
    /// Play by ear (audio-court.js): the ball and my paddle as continuous tones.
    this.byEar = localStorage.getItem(EAR_KEY) === "1";
    this.earSide = null;
    this.ear = null;
  }

  /// Turns play by ear on or off; `side` is the paddle I steer (null for a spectator).
  setByEar(on, side = this.earSide) {
    this.byEar = on;
    this.earSide = side;
    localStorage.setItem(EAR_KEY, on ? "1" : "0");
    this.ear?.dispose();
    this.ear = on && this.context ? new AudioCourt(this.context, this.master, { side }) : null;
  }

  /// Each drawn frame, in play by ear: the tones follow the court.
  follow(state, field) {
    this.ear?.update(state, field);
  }

  get state() {
    return this.context?.state ?? "off";
  }

  /// The first interaction: the context may start now.
  unlock() {
    if (!this.context) {
      const Context = window.AudioContext ?? window.webkitAudioContext;
      if (!Context) return;
      this.context = new Context();
      this.master = this.context.createGain();
      this.master.gain.value = this.volume;
      this.master.connect(this.context.destination);
      this.context.addEventListener("statechange", () => this.onState?.(this.state));
      this.onState?.(this.state);
      if (this.byEar) this.setByEar(true);
    }
    if (this.muted) this.context.suspend().catch(() => {});
    else this.context.resume().catch(() => {});
  }

  setVolume(volume) {
    this.volume = Math.min(Math.max(volume, 0), 100) / 100;
    if (this.master) this.master.gain.value = this.volume;
  }

  setMuted(muted) {
    this.muted = muted;
    localStorage.setItem(MUTED_KEY, muted ? "1" : "0");
    if (!this.context) return;
    (muted ? this.context.suspend() : this.context.resume()).catch(() => {});
  }

  dispose() {
    this.ear?.dispose();
    this.ear = null;
    this.context?.close().catch(() => {});
    this.context = null;
  }

  /// `x` is the ball's place across the court, 0 (left) to 1 (right).
  paddle(x) { this.tone("paddle", x, { frequency: 480, duration: 0.07, type: "square", gain: 0.22 }); }
  wall(x) { this.tone("wall", x, { frequency: 240, duration: 0.05, type: "square", gain: 0.16 }); }
  point(x) { this.tone("point", x, { frequency: 560, slideTo: 180, duration: 0.38, type: "triangle", gain: 0.3 }); }
  countdown(last) { this.tone("countdown", 0.5, { frequency: last ? 880 : 660, duration: last ? 0.18 : 0.09, type: "sine", gain: 0.25 }); }
  over(won) {
    const notes = won ? [523, 659, 784] : [392, 330, 262];
    notes.forEach((frequency, index) => this.tone("over", 0.5, { frequency, duration: 0.16, type: "triangle", gain: 0.28, delay: index * 0.15 }));
  }

  tone(kind, x, { frequency, duration, type, gain, slideTo = null, delay = 0 }) {
    const pan = Math.min(Math.max(x * 2 - 1, -1), 1);
    this.played.push({ kind, pan });
    if (this.played.length > 200) this.played.shift();
    const context = this.context;
    if (!context || this.muted || context.state !== "running") return;
    const start = context.currentTime + delay;
    const oscillator = context.createOscillator();
    oscillator.type = type;
    oscillator.frequency.setValueAtTime(frequency, start);
    if (slideTo) oscillator.frequency.exponentialRampToValueAtTime(slideTo, start + duration);
    const envelope = context.createGain();
    envelope.gain.setValueAtTime(0.0001, start);
    envelope.gain.exponentialRampToValueAtTime(gain, start + 0.01);
    envelope.gain.exponentialRampToValueAtTime(0.0001, start + duration);
    const panner = context.createStereoPanner();
    panner.pan.setValueAtTime(pan, start);
    oscillator.connect(envelope).connect(panner).connect(this.master);
    oscillator.start(start);
    oscillator.stop(start + duration + 0.02);
  }
}

/// Follows the ball as drawn, frame after frame, and tells when it turned: horizontally (a paddle
/// sent it back) or vertically (a wall did). From the drawn positions, so the sounds follow what the
/// player sees, corrections and all; a jump (a serve from the middle) is not a turn.
export class BallTurns {
  constructor() {
    this.last = null;
  }

  /// `state` is the drawn court; returns which turns happened since the last frame.
  see(state) {
    const inPlay = state && state.phase === "playing";
    if (!inPlay) {
      this.last = null;
      return { paddle: false, wall: false };
    }
    const { ballX: x, ballY: y } = state;
    const last = this.last;
    this.last = { x, y, dx: last ? x - last.x : 0, dy: last ? y - last.y : 0 };
    if (!last) return { paddle: false, wall: false };
    const { dx, dy } = this.last;
    if (Math.abs(dx) > 60 || Math.abs(dy) > 60) return { paddle: false, wall: false };
    return {
      paddle: turned(last.dx, dx),
      wall: turned(last.dy, dy),
    };
  }
}

/// Moving one way by a visible step, then the other.
function turned(before, after) {
  return Math.abs(before) > 0.3 && Math.abs(after) > 0.3 && Math.sign(before) !== Math.sign(after);
}
