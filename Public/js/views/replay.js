import { t } from "../i18n/i18n.js";
// Watching a finished game again: the court re-simulated from the game's stored key changes,
// with play/pause, four speeds, a scrubber marked at every point, and the keyboard:
// Space or K play/pause · ← → 5 s back/on · , . previous/next point · − + speed · Home/End.
import { h } from "../components/dom.js";
import * as matchesAPI from "../api/matches.js";
import { CourtRenderer } from "../game/engine/renderer.js";
import { ReplayTimeline } from "../game/replay/replay-timeline.js";
import { formatSeconds } from "../game/screen/end-panel.js";
import { modeName, formatWhen } from "../game/screen/match-format.js";

const SPEEDS = [0.5, 1, 2, 4];
const SEEK_SECONDS = 5;
const CLASSIC_LOOK = { theme: "classic", paddle: "#f5f5f5", ball: "#f5f5f5", table: "#050505" };

export async function render(main, { params }) {
  const { match, replay: availability } = await matchesAPI.detail(params.id);
  const title = `${match.left.name} ${match.leftScore} – ${match.rightScore} ${match.right.name}`;
  main.append(h("div", { class: "page-header" },
    h("div", {}, h("p", { class: "eyebrow" }, t("replay.replay", { value: modeName(match), value2: formatWhen(match.startedAt) })), h("h1", {}, title))));
  if (availability !== "available") {
    main.append(h("section", { class: "card empty-state replay-missing" },
      h("h2", {}, t("replay.noReplayForThisGame")),
      h("p", { class: "muted" }, availability === "host_only"
        ? t("replay.thisGameWasPlayedOn")
        : t("replay.thisGameWasPlayedBefore")),
      h("a", { href: `/matches/${match.id}`, class: "button button-primary" }, t("replay.backToTheMatch"))));
    return undefined;
  }
  const timeline = new ReplayTimeline(await matchesAPI.replay(params.id));
  const player = new ReplayPlayer(timeline, match);
  main.append(player.screen,
    h("div", { class: "button-row replay-links" },
      h("a", { href: `/matches/${match.id}`, class: "button button-ghost" }, t("common.matchDetails")),
      h("a", { href: "/play", class: "button button-primary" }, t("replay.playAGame"))));
  player.start();
  return () => player.stop();
}

class ReplayPlayer {
  constructor(timeline, match) {
    this.timeline = timeline;
    this.match = match;
    this.tick = 0;
    this.speed = 1;
    this.playing = false;
    this.lastFrame = null;
    this.frame = 0;
    this.build();
  }

  build() {
    const { timeline, match } = this;
    this.leftScore = h("span", { class: "score", "aria-label": t("replay.sScore", { name: match.left.name }) }, "0");
    this.rightScore = h("span", { class: "score", "aria-label": t("replay.sScore", { name: match.right.name }) }, "0");
    this.canvas = h("canvas", { class: "court", role: "img", "aria-label": t("replay.replayOfTheCourt") });
    this.playButton = h("button", { type: "button", class: "button button-primary replay-play" }, t("common.play"));
    this.playButton.addEventListener("click", () => this.toggle());
    this.clock = h("span", { class: "replay-clock muted", "aria-live": "off" });
    this.position = h("input", { type: "range", id: "replay-position", class: "replay-position", min: "0",
      max: String(timeline.endTick), step: "1", value: "0" });
    this.position.addEventListener("input", () => this.seek(Number(this.position.value)));
    const speeds = h("fieldset", { class: "replay-speeds" }, h("legend", { class: "visually-hidden" }, t("replay.playbackSpeed")),
      ...SPEEDS.map((speed) => {
        const input = h("input", { type: "radio", name: "replay-speed", value: String(speed), id: `replay-speed-${speed}` });
        input.checked = speed === this.speed;
        input.addEventListener("change", () => this.setSpeed(speed));
        return h("label", { class: "replay-speed", for: `replay-speed-${speed}` }, input, h("span", {}, `${speed}×`));
      }));
    this.speedInputs = speeds;
    const marks = h("ol", { class: "replay-marks", "aria-label": t("replay.points") },
      ...timeline.points.map((point) => {
        const scorer = match[point.scorer].name;
        const mark = h("button", { type: "button", class: `replay-mark replay-mark-${point.scorer}`,
          "aria-label": t("replay.point2", { number: point.number, scorer, leftScore: point.leftScore, rightScore: point.rightScore }),
          title: t("replay.point", { number: point.number, scorer, leftScore: point.leftScore, rightScore: point.rightScore }) });
        mark.addEventListener("click", () => this.seek(point.tick));
        const item = h("li", {}, mark);
        // Through the CSSOM: the site's CSP refuses inline style attributes.
        item.style.setProperty("--at", `${(point.tick / Math.max(timeline.endTick, 1)) * 100}%`);
        return item;
      }));
    const courtWrap = h("div", { class: "court-wrap" }, this.canvas);
    this.screen = h("section", { class: "game-screen replay-screen", "aria-label": t("common.replay") },
      h("div", { class: "scoreboard" },
        h("div", { class: "score-side left" }, h("span", { class: "player-name" }, match.left.name), this.leftScore),
        h("p", { class: "game-status", role: "status" }, this.clock),
        h("div", { class: "score-side right" }, this.rightScore, h("span", { class: "player-name" }, match.right.name))),
      courtWrap,
      h("div", { class: "replay-controls" },
        this.playButton,
        h("div", { class: "replay-scrubber" },
          h("label", { for: "replay-position", class: "visually-hidden" }, t("replay.positionInTheGame")),
          marks, this.position),
        speeds),
      h("p", { class: "key-hints muted small" },
        t("replay.spacePlayPause5S")));
    this.screen.style.setProperty("--court-aspect", `${timeline.field.width} / ${timeline.field.height}`);
  }

  start() {
    this.renderer = new CourtRenderer(this.canvas, this.timeline.field, CLASSIC_LOOK);
    // A resized canvas is a cleared one: a paused replay draws its frame again (after the renderer's
    // own observer, registered first, has sized the canvas).
    this.resized = new ResizeObserver(() => this.show());
    this.resized.observe(this.canvas);
    this.onKey = (event) => this.key(event);
    window.addEventListener("keydown", this.onKey);
    this.show();
  }

  stop() {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    window.removeEventListener("keydown", this.onKey);
    this.resized?.disconnect();
    this.renderer?.dispose();
  }

  toggle() {
    if (this.playing) return this.pause();
    // At the end, Play starts again from the first serve.
    if (this.tick >= this.timeline.endTick) this.tick = 0;
    this.playing = true;
    this.lastFrame = null;
    this.frame = requestAnimationFrame((now) => this.advance(now));
    this.show();
  }

  pause() {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.show();
  }

  advance(now) {
    if (!this.playing) return;
    if (this.lastFrame !== null) {
      // At most a tenth of a second per frame: a tab in the background does not leap on its return.
      const seconds = Math.min((now - this.lastFrame) / 1000, 0.1);
      this.tick = Math.min(this.tick + seconds * this.timeline.ticksPerSecond * this.speed, this.timeline.endTick);
    }
    this.lastFrame = now;
    if (this.tick >= this.timeline.endTick) this.playing = false;
    this.show();
    if (this.playing) this.frame = requestAnimationFrame((next) => this.advance(next));
  }

  seek(tick) {
    this.tick = Math.min(Math.max(tick, 0), this.timeline.endTick);
    this.lastFrame = null;
    this.show();
  }

  setSpeed(speed) {
    this.speed = speed;
    for (const input of this.speedInputs.querySelectorAll("input")) input.checked = Number(input.value) === speed;
  }

  key(event) {
    if (event.target.closest?.("input:not([type=range]):not([type=radio]), textarea, select, [contenteditable]")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const { timeline } = this;
    const seconds = SEEK_SECONDS * timeline.ticksPerSecond;
    const actions = {
      " ": () => this.toggle(),
      k: () => this.toggle(),
      ArrowLeft: () => this.seek(this.tick - seconds),
      ArrowRight: () => this.seek(this.tick + seconds),
      ",": () => this.seek(timeline.neighbourPoint(this.tick, -1)?.tick ?? 0),
      ".": () => this.seek(timeline.neighbourPoint(this.tick, 1)?.tick ?? timeline.endTick),
      "-": () => this.setSpeed(SPEEDS[Math.max(SPEEDS.indexOf(this.speed) - 1, 0)]),
      "+": () => this.setSpeed(SPEEDS[Math.min(SPEEDS.indexOf(this.speed) + 1, SPEEDS.length - 1)]),
      "=": () => this.setSpeed(SPEEDS[Math.min(SPEEDS.indexOf(this.speed) + 1, SPEEDS.length - 1)]),
      Home: () => this.seek(0),
      End: () => this.seek(timeline.endTick),
    };
    const action = actions[event.key];
    // A button or radio with focus takes Space itself; everything else is the replay's.
    if (!action || (event.key === " " && event.target.closest?.("button, input[type=radio]"))) return;
    event.preventDefault();
    action();
  }

  show() {
    const { timeline, match } = this;
    const state = timeline.stateAt(this.tick);
    this.renderer.draw(state);
    this.leftScore.textContent = String(state.leftScore);
    this.rightScore.textContent = String(state.rightScore);
    this.position.value = String(Math.round(this.tick));
    const time = `${formatSeconds(this.tick / timeline.ticksPerSecond)} / ${formatSeconds(timeline.duration)}`;
    this.clock.textContent = time;
    this.position.setAttribute("aria-valuetext",
      `${time}, ${match.left.name} ${state.leftScore}–${state.rightScore} ${match.right.name}`);
    this.playButton.textContent = this.playing ? t("common.pause") : this.tick >= timeline.endTick ? t("common.playAgain") : t("common.play");
    this.screen.dataset.tick = String(Math.floor(this.tick));
    this.screen.dataset.playing = String(this.playing);
  }
}
