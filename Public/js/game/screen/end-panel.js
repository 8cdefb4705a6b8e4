// The end screen shown over the court: winner, score, rally figures, how a
// forfeit came about, the rating change of a rated game, what next.
import { h } from "../../components/dom.js";
import { RATING_NOTES, ratingMove } from "./match-format.js";
import { counted } from "../../components/words.js";
import { openReportDialog } from "../../moderation/report-dialog.js";

const FORFEIT = {
  quit: (loser) => `${loser} quit: a win by forfeit.`,
  disconnected: (loser) => `${loser} lost the connection and didn't come back in time: a win by forfeit.`,
  no_show: (loser) => `${loser} never arrived: a win by forfeit.`,
};

/// `mySide` is the side this browser played in a remote game (for "You win" and its rating change);
/// a spectator (`spectating`) is offered another game to watch rather than their own history.
export function endPanel(summary, info, playAgain, mySide = null, { spectating = false } = {}) {
  const title = mySide ? (summary.winner === mySide ? "You win!" : `${summary.winnerName} wins`) : `${summary.winnerName} wins!`;
  const loserSide = summary.winner === "left" ? "right" : "left";
  const note = summary.status === "forfeit" ? FORFEIT[summary.endReason]?.(info[loserSide].name) : null;
  return panel(title, summary, info, playAgain, note, [ratingLine(summary, info, mySide), reportOpponent(summary, info, mySide)], spectating);
}

/// A remote game's player may report the other (cheating, abuse, a name), about this game.
function reportOpponent(summary, info, mySide) {
  const other = mySide && info[mySide === "left" ? "right" : "left"];
  if (!other || other.kind !== "user") return null;
  const button = h("button", { type: "button", class: "link-button end-report" }, `Report ${other.name}`);
  button.addEventListener("click", () => openReportDialog(other.name, {
    matchID: summary.matchID, about: `the game ${summary.leftScore}–${summary.rightScore}`, reason: "cheating" }));
  return h("p", { class: "end-report-line" }, button);
}

/// "alice 1338 → 1176 (−162) · bob 1500 → 1662 (+162)", yours first, or nothing for a casual game.
function ratingLine(summary, info, mySide) {
  if (RATING_NOTES[summary.ratingNote]) return h("p", { class: "rating-note muted" }, RATING_NOTES[summary.ratingNote]);
  if (!summary.rated || summary.leftRatingChange == null) return null;
  const sides = mySide ? [mySide, mySide === "left" ? "right" : "left"] : ["left", "right"];
  return h("ul", { class: "rating-change", "aria-label": "Ratings" }, sides.map((side) => {
    const text = ratingMove(summary[`${side}RatingChange`], summary[`${side}Rating`]);
    return h("li", {}, h("span", { class: "rating-name" }, info[side].name), " ", text);
  }));
}

/// `leaveQueue` ends the place in the queue a no-show's end screen offers.
export function abandonedPanel(summary, info, playAgain, leaveQueue = null, { spectating = false } = {}) {
  if (summary.backInQueue && !spectating) return backInQueuePanel(leaveQueue);
  return panel("Game abandoned", summary, info, playAgain, "Recorded as abandoned: nobody wins an unfinished game.", null, spectating);
}

/// A quick match whose opponent never came: nothing counts, and the player is in the queue again.
function backInQueuePanel(leaveQueue) {
  const leave = h("button", { type: "button", class: "button button-ghost" }, "Leave the queue");
  leave.addEventListener("click", () => leaveQueue?.());
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, "Quick match"),
    h("h2", {}, "Your opponent never arrived"),
    h("p", { class: "muted" }, "Nothing was recorded and your rating is unchanged. You are back in the queue, where you were."),
    h("div", { class: "button-row" },
      h("a", { href: "/play/quick", class: "button button-primary" }, "Back to the queue"),
      leave));
}

function panel(title, summary, info, playAgain, note, extra = null, spectating = false) {
  const again = playAgain ? h("button", { type: "button", class: "button button-primary" }, "Play again") : null;
  again?.addEventListener("click", playAgain);
  // A tournament's game leads back to its bracket, where the next match waits.
  const tournament = summary.tournament
    ? h("a", { href: `/tournaments/${summary.tournament.id}`, class: "button button-primary" }, "Back to the tournament") : null;
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, "Game over"),
    h("h2", {}, title),
    h("p", { class: "final-score" }, `${info.left.name} ${summary.leftScore} – ${summary.rightScore} ${info.right.name}`),
    note ? h("p", { class: "muted" }, note) : null,
    extra,
    figures(summary),
    h("div", { class: "button-row" },
      tournament,
      again,
      h("a", { href: `/matches/${summary.matchID}`, class: `button ${again || tournament ? "button-ghost" : "button-primary"}` }, "Match details"),
      h("a", { href: `/matches/${summary.matchID}/replay`, class: "button button-ghost" }, "Watch the replay"),
      spectating
        ? h("a", { href: "/play", class: "button button-ghost" }, "Watch another game")
        : h("a", { href: "/matches", class: "button button-ghost" }, "My matches")),
  );
}

/// A visitor's game (no account) was never stored: instead of its record, what an account adds.
export function visitorEndPanel(summary, info, playAgain) {
  const title = summary.status === "abandoned" ? "Game abandoned" : summary.winner === "left" ? "You win!" : `${summary.winnerName} wins`;
  const again = h("button", { type: "button", class: "button button-ghost" }, "Play again");
  again.addEventListener("click", playAgain);
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, "Game over"),
    h("h2", {}, title),
    h("p", { class: "final-score" }, `${info.left.name} ${summary.leftScore} – ${summary.rightScore} ${info.right.name}`),
    figures(summary),
    h("p", { class: "visitor-pitch" }, "Sign up to keep your games and play people: friends, strangers of your level, tournaments."),
    h("div", { class: "button-row" },
      h("a", { href: "/signup", class: "button button-primary" }, "Sign up"),
      again,
      h("a", { href: "/login", class: "button button-ghost" }, "Log in")));
}

function figures(summary) {
  return h("dl", { class: "stat-row" },
    stat("Duration", formatSeconds(summary.durationSeconds)),
    stat("Longest rally", counted(summary.longestRally, "hit")),
    stat("Paddle hits", summary.totalHits));
}

function stat(label, value) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, String(value)));
}

export function formatSeconds(seconds) {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
