import { t } from "../../i18n/i18n.js";
// The game screen's side of play by ear: the "Play by ear" and "Voice" toggles, and what is said.
// The serve, each point and the end are announced in an assertive live region (a screen reader
// reads them at once) and, with Voice on, spoken by the browser (Web Speech API) for a player
// without a screen reader. While it is on, the score line stops announcing itself, so nothing is
// said twice.
import { h } from "../../components/dom.js";

const VOICE_KEY = "transcendence.sound.voice";

export class EarMode {
  /// `soundChanged`: told when turning the mode on turned the sound on too.
  constructor(sounds, statusLine, soundChanged = () => {}) {
    this.sounds = sounds;
    this.soundChanged = soundChanged;
    this.statusLine = statusLine;
    this.voice = localStorage.getItem(VOICE_KEY) === "1";
    this.side = null;
    this.names = { left: t("earMode.left"), right: t("earMode.right") };
    this.serve = null;
    this.toggle = h("button", { type: "button", class: "button button-ghost button-small", "aria-pressed": "false",
      title: t("earMode.theBallAndYourPaddle") }, t("earMode.playByEar"));
    this.voiceToggle = h("button", { type: "button", class: "button button-ghost button-small", "aria-pressed": "false",
      hidden: true, title: t("earMode.sayTheScoreAloud") }, t("earMode.voice"));
    this.region = h("p", { class: "visually-hidden", "aria-live": "assertive", "data-ear-announcer": "" });
    this.toggle.addEventListener("click", () => this.set(!this.sounds.byEar));
    this.voiceToggle.addEventListener("click", () => {
      this.voice = !this.voice;
      localStorage.setItem(VOICE_KEY, this.voice ? "1" : "0");
      if (!this.voice) window.speechSynthesis?.cancel();
      this.show();
    });
    this.onKey = (event) => {
      if (event.code !== "KeyE" || event.repeat || event.target.closest?.("input, textarea, select")) return;
      this.toggle.click();
    };
    window.addEventListener("keydown", this.onKey);
    this.show();
  }

  get on() { return this.sounds.byEar; }

  /// The game is known: which paddle is mine, and the players' names.
  setUp(info, side) {
    this.side = side;
    this.names = { left: info.left.name, right: info.right.name };
    this.sounds.setByEar(this.on, side);
    this.show();
  }

  set(on) {
    this.sounds.setByEar(on, this.side);
    // Listening needs sound: turning the mode on unmutes and starts the audio.
    if (on) { this.sounds.setMuted(false); this.sounds.unlock(); this.soundChanged(); }
    this.show();
    if (on) {
      const mine = this.side ? t("earMode.youAreMatchYourPaddles", { side: t(`side.${this.side}`) }) : "";
      this.say(t("earMode.playByEarOnThe", { mine }));
    } else {
      this.say(t("earMode.playByEarOff"));
    }
  }

  show() {
    const on = this.on;
    this.toggle.setAttribute("aria-pressed", String(on));
    this.voiceToggle.hidden = !on || !("speechSynthesis" in window);
    this.voiceToggle.setAttribute("aria-pressed", String(this.voice));
    // The score line would repeat what is announced here.
    this.statusLine.setAttribute("aria-live", on ? "off" : "polite");
  }

  /// Each drawn frame: a new rally's first move says where the ball goes.
  frame(state) {
    const playing = state?.phase === "playing";
    if (!playing) { this.serve = null; return; }
    if (this.serve === "said") return;
    if (this.serve === null) { this.serve = state.ballX; return; }
    const towards = state.ballX < this.serve ? "left" : state.ballX > this.serve ? "right" : null;
    if (!towards) return;
    this.serve = "said";
    if (this.on) this.say(t("earMode.serveTo", { name: this.names[towards], you: towards === this.side ? t("earMode.you") : "" }));
  }

  point(point) {
    if (this.on) this.say(t("earMode.scoresTo", { value: this.names[point.scorer], leftScore: point.leftScore, rightScore: point.rightScore }));
  }

  over(text) {
    if (this.on) this.say(text);
  }

  say(text) {
    // The same words twice in a row are still announced: the region is emptied first.
    this.region.textContent = "";
    requestAnimationFrame(() => { this.region.textContent = text; });
    if (this.voice && this.on && "speechSynthesis" in window) {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    }
  }

  dispose() {
    window.removeEventListener("keydown", this.onKey);
    window.speechSynthesis?.cancel();
  }
}

/// The end, as play by ear says it.
export function spokenEnd(summary, info) {
  if (summary.status === "abandoned" || !summary.winner) return t("earMode.gameOver");
  const winner = info?.[summary.winner]?.name ?? summary.winner;
  return t("earMode.gameOverWinsTo", { winner, leftScore: summary.leftScore, rightScore: summary.rightScore });
}
