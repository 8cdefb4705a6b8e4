// The end screen shown over the court: winner, score, rally figures, what next.
import { h } from "../../components/dom.js";

export function endPanel(summary, info, playAgain) {
  return panel(`${summary.winnerName} wins!`, summary, info, playAgain);
}

export function abandonedPanel(summary, info, playAgain) {
  return panel("Game abandoned", summary, info, playAgain, "Recorded as abandoned: nobody wins an unfinished game.");
}

function panel(title, summary, info, playAgain, note) {
  const again = h("button", { type: "button", class: "button button-primary" }, "Play again");
  again.addEventListener("click", playAgain);
  return h("div", { class: "overlay-panel end-panel" },
    h("p", { class: "eyebrow" }, "Game over"),
    h("h2", {}, title),
    h("p", { class: "final-score" }, `${info.left.name} ${summary.leftScore} – ${summary.rightScore} ${info.right.name}`),
    note ? h("p", { class: "muted" }, note) : null,
    h("dl", { class: "stat-row" },
      stat("Duration", formatSeconds(summary.durationSeconds)),
      stat("Longest rally", `${summary.longestRally} hits`),
      stat("Paddle hits", summary.totalHits)),
    h("div", { class: "button-row" },
      again,
      h("a", { href: `/matches/${summary.matchID}`, class: "button button-ghost" }, "Match details"),
      h("a", { href: "/matches", class: "button button-ghost" }, "My matches")),
  );
}

function stat(label, value) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, String(value)));
}

export function formatSeconds(seconds) {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
