import { t } from "../../i18n/i18n.js";
// The end screen shown over the court: winner, score, rally figures, how a
// forfeit came about, the rating change of a rated game, what next.
import { h } from "../../components/dom.js";
import { RATING_NOTES, ratingMove } from "./match-format.js";
import { counted } from "../../components/words.js";
import { openReportDialog } from "../../moderation/report-dialog.js";

const FORFEIT = {
  quit: (loser) => t("endPanel.quitAWinByForfeit", { loser }),
  disconnected: (loser) => t("endPanel.lostTheConnectionAndDidnt", { loser }),
  no_show: (loser) => t("endPanel.neverArrivedAWinBy", { loser }),
};

/// `mySide` is the side this browser played in a remote game (for "You win" and its rating change);
/// a spectator (`spectating`) is offered another game to watch rather than their own history.
export function endPanel(summary, info, playAgain, mySide = null, { spectating = false } = {}) {
  const title = mySide ? (summary.winner === mySide ? t("endPanel.youWin") : t("endPanel.wins", { winnerName: summary.winnerName })) : t("endPanel.wins2", { winnerName: summary.winnerName });
  const loserSide = summary.winner === "left" ? "right" : "left";
  const note = summary.status === "forfeit" ? FORFEIT[summary.endReason]?.(info[loserSide].name) : null;
  return panel(title, summary, info, playAgain, note, [ratingLine(summary, info, mySide), reportOpponent(summary, info, mySide)], spectating);
}

/// A remote game's player may report the other (cheating, abuse, a name), about this game.
function reportOpponent(summary, info, mySide) {
  const other = mySide && info[mySide === "left" ? "right" : "left"];
  if (!other || other.kind !== "user") return null;
  const button = h("button", { type: "button", class: "link-button end-report" }, t("endPanel.report", { name: other.name }));
  button.addEventListener("click", () => openReportDialog(other.name, {
    matchID: summary.matchID, about: t("endPanel.theGame", { leftScore: summary.leftScore, rightScore: summary.rightScore }), reason: "cheating" }));
  return h("p", { class: "end-report-line" }, button);
}

/// "alice 1338 → 1176 (−162) · bob 1500 → 1662 (+162)", yours first, or nothing for a casual game.
function ratingLine(summary, info, mySide) {
  if (RATING_NOTES[summary.ratingNote]) return h("p", { class: "rating-note muted" }, RATING_NOTES[summary.ratingNote]);
  if (!summary.rated || summary.leftRatingChange == null) return null;
  const sides = mySide ? [mySide, mySide === "left" ? "right" : "left"] : ["left", "right"];
  return h("ul", { class: "rating-change", "aria-label": t("endPanel.ratings") }, sides.map((side) => {
    const text = ratingMove(summary[`${side}RatingChange`], summary[`${side}Rating`]);
    return h("li", {}, h("span", { class: "rating-name" }, info[side].name), " ", text);
  }));
}

/// `leaveQueue` ends the place in the queue a no-show's end screen offers.
export function abandonedPanel(summary, info, playAgain, leaveQueue = null, { spectating = false } = {}) {
  if (summary.backInQueue && !spectating) return backInQueuePanel(leaveQueue);
  return panel(t("common.gameAbandoned"), summary, info, playAgain, t("endPanel.recordedAsAbandonedNobodyWins"), null, spectating);
}

/// A quick match whose opponent never came: nothing counts, and the player is in the queue again.
function backInQueuePanel(leaveQueue) {
  const leave = h("button", { type: "button", class: "button button-ghost" }, t("endPanel.leaveTheQueue"));
  leave.addEventListener("click", () => leaveQueue?.());
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, t("common.quickMatch")),
    h("h2", {}, t("endPanel.yourOpponentNeverArrived")),
    h("p", { class: "muted" }, t("endPanel.nothingWasRecordedAndYour")),
    h("div", { class: "button-row" },
      h("a", { href: "/play/quick", class: "button button-primary" }, t("endPanel.backToTheQueue")),
      leave));
}

function panel(title, summary, info, playAgain, note, extra = null, spectating = false) {
  const again = playAgain ? h("button", { type: "button", class: "button button-primary" }, t("common.playAgain")) : null;
  again?.addEventListener("click", playAgain);
  // A tournament's game leads back to its bracket, where the next match waits.
  const tournament = summary.tournament
    ? h("a", { href: `/tournaments/${summary.tournament.id}`, class: "button button-primary" }, t("endPanel.backToTheTournament")) : null;
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, t("endPanel.gameOver")),
    h("h2", {}, title),
    h("p", { class: "final-score" }, `${info.left.name} ${summary.leftScore} – ${summary.rightScore} ${info.right.name}`),
    note ? h("p", { class: "muted" }, note) : null,
    extra,
    figures(summary),
    h("div", { class: "button-row" },
      tournament,
      again,
      h("a", { href: `/matches/${summary.matchID}`, class: `button ${again || tournament ? "button-ghost" : "button-primary"}` }, t("common.matchDetails")),
      h("a", { href: `/matches/${summary.matchID}/replay`, class: "button button-ghost" }, t("endPanel.watchTheReplay")),
      spectating
        ? h("a", { href: "/play", class: "button button-ghost" }, t("endPanel.watchAnotherGame"))
        : h("a", { href: "/matches", class: "button button-ghost" }, t("common.myMatches"))),
  );
}

/// A visitor's game (no account) was never stored: instead of its record, what an account adds.
export function visitorEndPanel(summary, info, playAgain) {
  const title = summary.status === "abandoned" ? t("common.gameAbandoned") : summary.winner === "left" ? t("endPanel.youWin") : t("endPanel.wins", { winnerName: summary.winnerName });
  const again = h("button", { type: "button", class: "button button-ghost" }, t("common.playAgain"));
  again.addEventListener("click", playAgain);
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, t("endPanel.gameOver")),
    h("h2", {}, title),
    h("p", { class: "final-score" }, `${info.left.name} ${summary.leftScore} – ${summary.rightScore} ${info.right.name}`),
    figures(summary),
    h("p", { class: "visitor-pitch" }, t("endPanel.signUpToKeepYour")),
    h("div", { class: "button-row" },
      h("a", { href: "/signup", class: "button button-primary" }, t("common.signUp")),
      again,
      h("a", { href: "/login", class: "button button-ghost" }, t("common.logIn"))));
}

function figures(summary) {
  return h("dl", { class: "stat-row" },
    stat(t("endPanel.duration"), formatSeconds(summary.durationSeconds)),
    stat(t("common.longestRally"), counted(summary.longestRally, "hit")),
    stat(t("endPanel.paddleHits"), summary.totalHits));
}

function stat(label, value) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, String(value)));
}

export function formatSeconds(seconds) {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
