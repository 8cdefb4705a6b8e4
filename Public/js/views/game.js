import { t } from "../i18n/i18n.js";
// The game screen. The server runs the game; this page sends key changes, stamped with the server
// tick they were pressed at, and draws the court as it stands now on the server (CourtView).
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as gamesAPI from "../api/games.js";
import * as matchesAPI from "../api/matches.js";
import * as playAPI from "../api/play.js";
import { navigate } from "../router.js";
import * as realtime from "../realtime.js";
import { ServerEvents, SocketEvents } from "../realtime.js";
import { decodeSnapshot } from "../game/engine/protocol.js";
import { CourtView } from "../game/engine/court-view.js";
import { CourtRenderer } from "../game/engine/renderer.js";
import { PaddleKeys } from "../game/engine/keyboard.js";
import { PaddlePredictor } from "../game/engine/prediction.js";
import { endPanel, abandonedPanel, visitorEndPanel } from "../game/screen/end-panel.js";
import { RematchBox } from "../game/screen/rematch-box.js";
import { GameTalk } from "../game/screen/game-talk.js";
import { GameSounds, BallTurns } from "../game/sound/game-sounds.js";
import { setUpSoundControls } from "../game/screen/sound-controls.js";
import { spokenEnd } from "../game/screen/ear-mode.js";
import { GamepadSteering } from "../game/input/gamepad-steering.js";
import { CourtDrag } from "../game/input/court-drag.js";
import { fitCourt, screenModes } from "../game/screen/court-fit.js";
import { buildScreen, touchPad } from "../game/screen/game-screen.js";
import { counted, roundName } from "../components/words.js";
import { RATING_NOTES } from "../game/screen/match-format.js";

export async function render(main, context) {
  return renderGame(main, context, { spectate: false });
}

/// The screen for a player, or (`spectate`) for someone watching: same court, no controls; a
/// `visitor` (no account) plays the computer with nothing social on the screen.
export async function renderGame(main, { params, scope }, { spectate, visitor = false }) {
  const ui = buildScreen({ visitor });
  main.append(ui.screen);
  const session = new GameSession(params.id, ui, spectate, visitor);
  scope.add(() => session.dispose());
  // The whole court, the score and the controls fit the window, whatever its size.
  const fit = () => fitCourt(ui, session.aspect());
  scope.listen(window, "resize", fit);
  scope.listen(document, "fullscreenchange", fit);
  scope.add(screenModes(ui, fit));
  fit();
  await session.start();
  fit();
}

class GameSession {
  /// The court's width over its height (4:3 until the game says otherwise).
  aspect() {
    return this.info ? this.info.field.width / this.info.field.height : 4 / 3;
  }

  constructor(id, ui, spectate, visitor) {
    this.id = id;
    this.ui = ui;
    this.spectate = spectate;
    this.visitor = visitor;
    this.roundTrips = { left: null, right: null };
    this.info = null;
    this.view = null;
    this.renderer = null;
    this.keys = null;
    this.sequence = 0;
    this.phase = "connecting";
    this.ended = false;
    this.subscriptions = [];
    this.frame = 0;
    this.sounds = new GameSounds();
    this.turns = new BallTurns();
  }

  async start() {
    const on = (type, handler) => this.subscriptions.push(realtime.on(type, handler));
    on(ServerEvents.game, (info) => info.id === this.id && this.setUp(info));
    on(SocketEvents.binary, (data) => this.snapshot(data));
    on(ServerEvents.point, (point) => this.point(point));
    on(ServerEvents.paused, (event) => this.showPaused(event));
    on(ServerEvents.resumed, () => this.hideOverlay());
    on(ServerEvents.over, (summary) => summary.matchID === this.id && this.finish(summary));
    on(ServerEvents.error, (error) => this.serverError(error));
    on(ServerEvents.pong, ({ at }) => this.measured(performance.now() - at));
    on(ServerEvents.latency, (event) => this.showRoundTrips(event));
    on(ServerEvents.spectators, ({ count }) => this.showWatchers(count));
    on(SocketEvents.open, () => this.join());
    on(SocketEvents.close, () => { if (!this.ended) this.say(t("game.connectionLostReconnecting")); });
    on(ServerEvents.gameReplaced, () => this.elsewhere());
    // Back in the queue after a no-show: the next pairing goes straight to its game.
    on(ServerEvents.matchFound, (found) => { if (this.backInQueue) navigate(`/games/${found.game}`); });
    this.ui.pause.addEventListener("click", () => this.togglePause());
    this.ui.quit.addEventListener("click", () => this.quit());
    // Once a second: the clock that stamps my keys follows the round trip as it changes.
    this.pingTimer = setInterval(() => realtime.send("ping", { at: performance.now() }), 1000);
    this.onKey = (event) => {
      // Mid-game the page under the court must not move: Space and the paging keys don't scroll it
      // (unless a button, link or field has the focus, where they do their own job).
      const scrolling = ["Space", "PageDown", "PageUp", "Home", "End"].includes(event.code);
      if (scrolling && this.info && !this.ended && !event.target.closest?.("button, a, input, select, textarea")) {
        event.preventDefault();
      }
      // Typing to the other player is typing: P is a letter there, and Escape leaves the field.
      if (event.target.closest?.("input, textarea, select")) {
        if (event.code === "Escape") event.target.blur();
        return;
      }
      if ((event.code === "KeyP" || event.code === "Escape") && this.info && !this.ended && !this.spectate) {
        event.preventDefault();
        this.togglePause();
      }
    };
    window.addEventListener("keydown", this.onKey);
    setUpSoundControls(this);
    await realtime.connect();
    this.join();
  }

  join() {
    if (!this.ended) realtime.send(this.spectate ? "watch" : "join", { game: this.id });
  }

  /// My round trip: it keeps the clock in step; shown here, and in a remote game told to the other
  /// player and the spectators, with its jitter.
  measured(elapsed) {
    this.view?.roundTrip(elapsed);
    if (this.spectate) return; // a spectator sees the players' round trips, not their own
    const ms = Math.round(elapsed);
    const jitter = Math.round(this.view?.clock.roundTripJitterMs ?? 0);
    if (this.remote) realtime.send("latency", { ms, jitter });
    else this.ui.latency.textContent = t("game.ms", { ms, jitter });
  }

  showRoundTrips(event) {
    this.roundTrips = event;
    if (!this.info) return;
    const part = (side) => {
      const ms = event[side], jitter = event[`${side}Jitter`];
      return `${this.info[side].name} ${ms == null ? "—" : jitter == null ? t("game.milliseconds", { ms }) : t("game.plusMinusMs", { value: ms, value2: jitter })}`;
    };
    this.ui.latency.textContent = `${part("left")} · ${part("right")}`;
    this.ui.latency.title = t("game.eachPlayersRoundTripTo");
  }

  showWatchers(count) {
    this.ui.watchers.hidden = count === 0;
    this.ui.watchers.textContent = t("game.watching", { count });
  }

  dispose() {
    clearTimeout(this.queueTimer);
    // Leaving the end screen ends the rematch: my offer is withdrawn, theirs lapses.
    this.rematch?.leave();
    this.talk?.dispose();
    this.sounds.dispose();
    this.ear?.dispose();
    window.removeEventListener("pointerdown", this.unlockSound);
    window.removeEventListener("keydown", this.unlockSound);
    window.removeEventListener("keydown", this.soundKey);
    if (this.spectate) {
      realtime.send("unwatch");
    } else if (!this.ended && this.phase !== "paused" && !this.remote) {
      // Leaving the screen mid-game pauses a game on one keyboard; it waits in "Games in progress".
      // A remote game goes on: the other player isn't kept waiting by a click elsewhere.
      realtime.send("pause");
    }
    this.ended = true;
    this.subscriptions.forEach((off) => off());
    clearInterval(this.pingTimer);
    clearInterval(this.pauseTimer);
    cancelAnimationFrame(this.frame);
    window.removeEventListener("keydown", this.onKey);
    this.keys?.dispose();
    this.drag?.dispose();
    this.renderer?.dispose();
  }

  setUp(info) {
    this.info = info;
    const { ui } = this;
    ui.leftName.textContent = info.left.name;
    ui.context.hidden = !info.tournament;
    ui.context.replaceChildren(...(info.tournament ? [
      h("a", { href: `/tournaments/${info.tournament.id}` }, info.tournament.name), ` · ${roundName(info.tournament.roundName)}`] : []));
    ui.rightName.textContent = info.right.name;
    ui.ratingNote.hidden = info.ratingNote !== "pair_limit";
    ui.ratingNote.textContent = info.ratingNote === "pair_limit" ? RATING_NOTES.pair_limit : "";
    for (const side of ["left", "right"]) {
      const rating = info[side].rating, label = ui[`${side}Rating`];
      label.hidden = rating == null;
      label.replaceChildren(...(rating == null ? [] : [h("span", { class: "visually-hidden" }, t("game.rating")), String(rating)]));
    }
    ui.screen.style.setProperty("--court-aspect", `${info.field.width} / ${info.field.height}`);
    this.renderer?.dispose();
    this.renderer = new CourtRenderer(ui.canvas, info.field, info.settings.look);
    // The two players of a remote game can talk under the court; spectators see none of it.
    if (info.mode === "remote" && !this.spectate && !this.visitor && !this.talk && info.controls.length === 1) {
      const opponent = info[info.controls[0] === "left" ? "right" : "left"].name;
      this.talk = new GameTalk(opponent);
      ui.screen.querySelector(".game-bar")?.after(this.talk.element);
      requestAnimationFrame(() => window.dispatchEvent(new Event("resize"))); // the court makes room for it
    }
    this.keys?.dispose();
    // In a remote game my own paddle is predicted: it moves the moment a key goes down.
    this.predictor = info.mode === "remote" && info.controls.length === 1 ? new PaddlePredictor(info.controls[0], info.field) : null;
    this.view = new CourtView(info.field, this.predictor);
    this.keys = info.controls.length ? new PaddleKeys(info.controls, (side, key) => {
      const now = performance.now();
      // The server counts the key from the tick it was pressed at (up to 150 ms back).
      const tick = this.view.pressTick(now);
      realtime.send("input", tick === null ? { seq: ++this.sequence, side, key } : { seq: ++this.sequence, side, key, tick });
      this.predictor?.input(key, this.sequence, now);
    }) : null;
    // Gamepads and a finger (or the mouse) on the court steer through the same keys.
    this.pads = this.keys ? new GamepadSteering(info.controls, this.keys, () => this.togglePause()) : null;
    this.drag?.dispose();
    this.drag = this.keys ? new CourtDrag(ui.canvas, info.controls, this.keys, info.field) : null;
    ui.canvas.courtTrace = this.view.trace;
    ui.canvas.soundTrace = this.sounds.played; // what the sounds played, for the browser suite
    this.ear.setUp(info, !this.spectate && info.controls.length === 1 ? info.controls[0] : null);
    this.showWatchers(info.spectators ?? 0);
    this.remote = info.mode === "remote";
    this.pausesLeft = info.pausesLeft ?? null;
    ui.hints.textContent = this.spectate
      ? t("game.youAreWatchingAnd", { name: info.left.name, name2: info.right.name })
      : info.controls.length === 2
      ? t("game.wSPOrEsc", { name: info.left.name, name2: info.right.name })
      : this.remote
        ? t("game.youAreMoveWithW", { value: info[info.controls[0]].name, value2: t(`side.${info.controls[0]}`) })
        : t("game.moveWithWSOr");
    if (!this.spectate) ui.hints.textContent += t("game.aGamepadOrADrag");
    this.updatePauseButton();
    ui.touch.replaceChildren(...info.controls.map((side) => touchPad(side, info[side].name, this.keys)));
    ui.pause.disabled = this.spectate;
    ui.quit.disabled = this.spectate;
    ui.pause.hidden = this.spectate;
    ui.quit.hidden = this.spectate;
    this.say(t("game.firstTo", { pointsToWin: info.settings.pointsToWin }));
    if (info.paused) this.showPaused();
    cancelAnimationFrame(this.frame);
    // Drawn for the moment the frame is painted, not the frame's start time (which can come before
    // a key handled in the same frame): a key pressed before this frame moves my paddle in it.
    const draw = () => {
      const state = this.view.at(performance.now());
      this.renderer.draw(state);
      if (state) this.showCountdown(state);
      const turns = this.turns.see(state);
      if (turns.paddle) this.sounds.paddle(state.ballX / info.field.width);
      if (turns.wall) this.sounds.wall(state.ballX / info.field.width);
      this.sounds.follow(state, info.field);
      if (!this.ended) { this.pads?.poll(); this.drag?.steer(state); }
      this.ear.frame(state);
      this.frame = requestAnimationFrame(draw);
    };
    this.frame = requestAnimationFrame(draw);
  }

  /// A keyframe (or, on a test server, a tick's true state, which only the view's trace keeps).
  snapshot(data) {
    const snapshot = decodeSnapshot(data);
    if (!snapshot || !this.info) return;
    this.view.push(snapshot, performance.now());
    if (snapshot.kind !== "keyframe") return;
    const { ui } = this;
    ui.leftScore.textContent = snapshot.leftScore;
    ui.rightScore.textContent = snapshot.rightScore;
    ui.canvas.setAttribute("aria-label", t("game.pongCourt", { name: this.info.left.name, leftScore: snapshot.leftScore, name2: this.info.right.name, rightScore: snapshot.rightScore }));
    this.showCountdown(snapshot);
    const playing = snapshot.phase === "playing" || (this.remote && snapshot.phase === "countdown");
    if (playing && this.phase === "paused") this.hideOverlay();
    this.phase = snapshot.phase;
  }

  /// The seconds before play, counted down between keyframes from the present server tick.
  showCountdown(state) {
    const seconds = state.phase === "countdown" ? Math.ceil(state.countdown / 60) : 0;
    if (seconds === this.countdownShown) return;
    this.countdownShown = seconds;
    this.ui.countdown.hidden = seconds === 0;
    if (seconds) this.ui.countdown.textContent = seconds;
    if (seconds) this.sounds.countdown(seconds === 1);
  }

  point(point) {
    // The ball left on the loser's side.
    this.sounds.point(point.scorer === "left" ? 1 : 0);
    const scorer = this.info?.[point.scorer]?.name ?? point.scorer;
    const rally = counted(point.rally, "hit");
    this.say(t("game.scores", { scorer, rally, leftScore: point.leftScore, rightScore: point.rightScore }));
    this.ear.point(point);
  }

  togglePause() {
    if (this.ended || !this.info) return;
    if (this.phase === "paused") realtime.send("resume");
    else realtime.send("pause");
  }

  updatePauseButton() {
    if (!this.remote || this.pausesLeft == null) return;
    this.ui.pause.textContent = t("game.pauseLeft", { pausesLeft: this.pausesLeft });
    this.ui.pause.disabled = this.pausesLeft === 0 || this.ended;
  }

  /// A remote game stopped: who stopped it and the seconds until it resumes or is decided.
  showRemotePause(event) {
    clearInterval(this.pauseTimer);
    const mine = !this.spectate && event.by === this.info[this.info.controls[0]]?.name;
    if (mine && event.reason === "player") {
      this.pausesLeft = Math.max(0, (this.pausesLeft ?? 1) - 1);
    }
    let seconds = event.secondsLeft ?? 0;
    const line = h("p", { class: "pause-countdown", role: "timer" });
    const describe = () => {
      if (event.reason === "moving") return t("game.itsServerStoppedTheGame");
      if (event.reason === "waiting") return t("game.waitingForToJoinS", { name: event.by ?? t("common.yourOpponent"), seconds });
      if (event.reason === "disconnected") return t("game.lostConnectionSToCome", { by: event.by, seconds });
      return t("game.pausedPlayResumesInS", { name: mine ? t("game.you") : event.by, seconds });
    };
    line.textContent = describe();
    this.pauseTimer = setInterval(() => {
      seconds = Math.max(0, seconds - 1);
      line.textContent = describe();
    }, 1000);
    // The player still connected is told who dropped; "Connection lost" is kept for this browser's own socket.
    const title = { moving: t("game.movingTheGameToAnother"), waiting: t("game.waitingForYourOpponent"), disconnected: t("game.lostConnection", { name: event.by ?? t("game.yourOpponent") }), player: t("game.paused") }[event.reason] ?? t("game.paused");
    const other = (["left", "right"].map((side) => this.info[side].name).find((name) => name !== event.by)) ?? t("game.theOtherPlayer");
    const resume = mine && event.reason === "player"
      ? h("button", { type: "button", class: "button button-primary", onclick: () => realtime.send("resume") }, t("game.resumeNow")) : null;
    const note = event.reason === "moving" ? t("game.nothingIsLostTheScore")
      : event.reason === "disconnected"
      ? (this.spectate ? t("game.ifTheyAreNotBack", { other }) : t("game.ifTheyAreNotBack2"))
      : event.reason === "waiting" ? (this.spectate ? t("game.ifTheyDontComeWins", { other }) : t("game.ifTheyDontComeYou")) : t("game.eachPlayerMayPauseTwice");
    this.ui.pause.textContent = mine && event.reason === "player" ? t("game.resume") : this.ui.pause.textContent;
    this.showOverlay(h("div", { class: "overlay-panel" }, h("h2", {}, title), line, h("p", { class: "muted" }, note), resume));
    resume?.focus();
    // Said once (the live region would read every second out); the timer shows the countdown.
    this.say(title);
  }

  showPaused(event = {}) {
    this.phase = "paused";
    this.keys?.release();
    if (this.remote) return this.showRemotePause(event);
    this.ui.pause.textContent = t("game.resume");
    const resume = h("button", { type: "button", class: "button button-primary" }, t("game.resume"));
    resume.addEventListener("click", () => realtime.send("resume"));
    this.showOverlay(h("div", { class: "overlay-panel" },
      h("h2", {}, t("game.paused")),
      h("p", { class: "muted" }, t("game.theGameWaitsForYou")),
      resume));
    resume.focus();
    this.say(t("game.paused"));
  }

  quit() {
    if (this.ended) return;
    const question = this.remote ? t("game.quitThisGameYouLose")
      : this.visitor ? t("game.quitThisGame") : t("game.quitThisGameItWill");
    if (!window.confirm(question)) return;
    realtime.send("leave");
  }

  finish(summary) {
    this.ended = true;
    const mySide = this.remote && !this.spectate ? this.info?.controls[0] : null;
    if (summary.status !== "abandoned") this.sounds.over(!mySide || summary.winner === mySide);
    this.ear.over(spokenEnd(summary, this.info));
    this.keys?.release();
    this.keys?.dispose();
    this.drag?.dispose();
    this.ui.pause.disabled = true;
    this.ui.quit.disabled = true;
    this.ui.countdown.hidden = true;
    clearInterval(this.pauseTimer);
    const again = this.remote || this.spectate || summary.tournament ? null : () => this.playAgain();
    this.backInQueue = Boolean(summary.backInQueue);
    const leaveQueue = async () => {
      this.backInQueue = false;
      await playAPI.leaveQueue().catch(() => {});
      navigate("/play");
    };
    const panel = this.visitor ? visitorEndPanel(summary, this.info, again)
      : summary.status === "abandoned"
      ? abandonedPanel(summary, this.info, again, leaveQueue, { spectating: this.spectate })
      : endPanel(summary, this.info, again, this.remote && !this.spectate ? this.info.controls[0] : null, { spectating: this.spectate });
    // Either player of a remote game outside a tournament may ask for another, sides swapped.
    if (this.remote && !this.spectate && !this.visitor && !summary.tournament && summary.status !== "abandoned") {
      const mine = this.info.controls[0];
      this.rematch = new RematchBox(summary.matchID, this.info[mine].name, this.info[mine === "left" ? "right" : "left"].name,
        (game) => navigate(`/games/${game}`));
      panel.querySelector(".button-row")?.before(this.rematch.element);
    }
    this.showOverlay(panel);
    panel.querySelector("button, a")?.focus();
    // The queue screen owns a place in the queue (it shows the wait; leaving it leaves the queue).
    if (this.backInQueue) this.queueTimer = setTimeout(() => { if (this.backInQueue) navigate("/play/quick"); }, 4000);
    this.say(summary.backInQueue ? t("game.yourOpponentNeverArrivedYou")
      : summary.status === "abandoned" ? t("common.gameAbandoned") : t("game.wins", { winnerName: summary.winnerName, leftScore: summary.leftScore, rightScore: summary.rightScore }));
  }

  async playAgain() {
    try {
      if (this.visitor) {
        const game = await gamesAPI.startAsVisitor(this.info?.right.aiLevel);
        return navigate(`/try/${game.id}`);
      }
      const { mode, left, right } = this.info;
      const game = await gamesAPI.start({ mode, difficulty: right.aiLevel, rightName: right.name,
        leftName: left.kind === "guest" ? left.name : undefined });
      navigate(`/games/${game.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.say(error.message);
    }
  }

  async serverError(error) {
    if (error.code !== "game_not_found" || this.info) {
      if (error.code === "rate_limited") this.say(error.message);
      return;
    }
    // Finished already (a reload after the end), or not a game of ours.
    this.ended = true;
    if (this.visitor) return this.visitorGameGone();
    try {
      const detail = await matchesAPI.detail(this.id);
      navigate(`/matches/${detail.match.id}`, { replace: true });
    } catch (_) {
      this.showOverlay(h("div", { class: "overlay-panel" },
        h("h2", {}, t("game.noSuchGame")),
        h("p", { class: "muted" }, t("game.thisGameDoesNotExist")),
        h("a", { href: "/play", class: "button button-primary" }, t("game.startAGame"))));
      this.say(t("game.noSuchGame"));
    }
  }

  /// A visitor's game is kept nowhere: once over (or never theirs) there is only a new one to start.
  visitorGameGone() {
    const again = h("button", { type: "button", class: "button button-primary" }, t("game.playTheComputer"));
    again.addEventListener("click", () => this.playAgain());
    this.showOverlay(h("div", { class: "overlay-panel" },
      h("h2", {}, t("game.thisGameIsOver")),
      h("p", { class: "muted" }, t("game.gamesPlayedWithoutAnAccount")),
      h("div", { class: "button-row" }, again, h("a", { href: "/signup", class: "button button-ghost" }, t("common.signUp")))));
    this.say(t("game.thisGameIsOver"));
  }

  elsewhere() {
    this.ended = true;
    this.keys?.dispose();
    cancelAnimationFrame(this.frame);
    const here = h("button", { type: "button", class: "button button-primary" }, t("game.playHere"));
    here.addEventListener("click", () => { this.ended = false; this.hideOverlay(); this.join(); });
    this.showOverlay(h("div", { class: "overlay-panel" },
      h("h2", {}, t("game.playingInAnotherTab")), h("p", { class: "muted" }, t("game.thisGameWasOpenedSomewhere")), here));
  }

  showOverlay(content) {
    this.ui.overlay.replaceChildren(content);
    this.ui.overlay.hidden = false;
  }

  hideOverlay() {
    clearInterval(this.pauseTimer);
    this.ui.overlay.hidden = true;
    this.ui.overlay.replaceChildren();
    this.ui.pause.textContent = t("common.pause");
    this.updatePauseButton();
    if (this.phase === "paused") this.phase = "countdown";
  }

  say(text) {
    this.ui.status.textContent = text;
  }
}

