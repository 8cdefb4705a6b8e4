import { t } from "../../i18n/i18n.js";
// The game screen's parts: the score line, the court, the bar of controls, the touch pads. Built
// once per screen; `GameSession` (views/game.js) fills them in and drives them.
import { h } from "../../components/dom.js";
import { setOpen as setChatOpen } from "../../social/chat-dock.js";

export function buildScreen({ visitor }) {
  const leftName = h("span", { class: "player-name" }, "…");
  const rightName = h("span", { class: "player-name" }, "…");
  // Online players' ratings beside their names, as lichess shows them.
  const leftRating = h("span", { class: "player-rating", hidden: true });
  const rightRating = h("span", { class: "player-rating", hidden: true });
  const leftScore = h("span", { class: "score" }, "0");
  const rightScore = h("span", { class: "score" }, "0");
  const status = h("p", { class: "game-status", role: "status", "aria-live": "polite" }, t("gameScreen.connecting"));
  const canvas = h("canvas", { class: "court", role: "img", "aria-label": t("gameScreen.pongCourt") });
  const countdown = h("div", { class: "court-countdown", "aria-hidden": "true", hidden: true });
  const overlay = h("div", { class: "court-overlay", hidden: true });
  const latency = h("span", { class: "latency", title: t("gameScreen.roundTripToTheServer") }, t("gameScreen.ms"));
  const watchers = h("span", { class: "watchers muted small", hidden: true });
  const fullscreen = h("button", { type: "button", class: "button button-ghost button-small", "aria-pressed": "false" }, t("gameScreen.fullscreen"));
  const zen = h("button", { type: "button", class: "button button-ghost button-small", "aria-pressed": "false",
    title: t("gameScreen.onlyTheCourtZ") }, t("gameScreen.zenMode"));
  // Sound is a toggle: pressed means on (it starts with the first key or tap, as browsers require).
  const sound = h("button", { type: "button", class: "button button-ghost button-small sound-toggle", "aria-pressed": "false",
    title: t("gameScreen.gameSoundsM") }, t("gameScreen.sound"));
  const chat = visitor ? null : h("button", { type: "button", class: "button button-ghost button-small game-chat" }, t("common.chat"));
  chat?.addEventListener("click", () => setChatOpen(true));
  const courtWrap = h("div", { class: "court-wrap" }, canvas, countdown, overlay);
  const pause = h("button", { type: "button", class: "button button-ghost button-small", disabled: true }, t("common.pause"));
  const quit = h("button", { type: "button", class: "button button-ghost button-small danger-text", disabled: true }, t("gameScreen.quitGame"));
  const hints = h("p", { class: "key-hints muted small" });
  const touch = h("div", { class: "touch-controls" });
  // A tournament's game says which tournament and round it decides, and leads back to its bracket.
  const context = h("p", { class: "game-context", hidden: true });
  // Said before play starts: a game asked for rated that is played casual, and why.
  const ratingNote = h("p", { class: "game-rating-note", role: "note", hidden: true });
  const screen = h("section", { class: "game-screen", "aria-label": t("gameScreen.pongGame") },
    context,
    ratingNote,
    h("div", { class: "scoreboard" },
      h("div", { class: "score-side left" }, leftName, leftRating, leftScore),
      status,
      h("div", { class: "score-side right" }, rightScore, rightRating, rightName)),
    courtWrap,
    h("div", { class: "game-bar" }, hints,
      h("div", { class: "game-actions" }, watchers, latency, chat, sound, zen, fullscreen, pause, quit)),
    touch,
  );
  return { screen, context, ratingNote, leftName, rightName, leftRating, rightRating, leftScore, rightScore, status, canvas, countdown, overlay, latency, watchers, pause, quit,
    hints, touch, courtWrap, fullscreen, zen, sound };
}

export function touchPad(side, name, keys) {
  const button = (direction, label) => {
    const element = h("button", { type: "button", class: "touch-button", "aria-label": t(direction === "up" ? "gameScreen.moveUp" : "gameScreen.moveDown", { name }) }, label);
    const press = (down) => (event) => { event.preventDefault(); keys.press(side, direction, down); };
    element.addEventListener("pointerdown", press(true));
    element.addEventListener("pointerup", press(false));
    element.addEventListener("pointerleave", press(false));
    element.addEventListener("pointercancel", press(false));
    return element;
  };
  return h("div", { class: `touch-pad ${side}` }, button("up", "▲"), button("down", "▼"));
}
