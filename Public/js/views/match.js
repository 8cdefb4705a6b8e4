// One match: the result, its figures and the score timeline as a chart.
import { h } from "../components/dom.js";
import * as matchesAPI from "../api/matches.js";
import { outcome, modeName, formatWhen, forfeitReason, ratingMove, RATING_NOTES } from "../game/screen/match-format.js";
import { scoreChart } from "../game/screen/score-chart.js";
import { formatSeconds } from "../game/screen/end-panel.js";
import { counted } from "../components/words.js";

export async function render(main, { params }) {
  const { match, points, replay } = await matchesAPI.detail(params.id);
  const result = outcome(match);
  // The game's own clock, the same figure the end screen showed.
  const duration = match.durationSeconds;
  main.append(...[
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, `${modeName(match)} · ${formatWhen(match.startedAt)}`),
        h("h1", {}, `${match.left.name} ${match.leftScore} – ${match.rightScore} ${match.right.name}`)),
      h("span", { class: `result result-${result.tone} result-large` }, result.label)),
    h("div", { class: "match-grid" },
      h("section", { class: "card", "aria-labelledby": "timeline-title" },
        h("h2", { id: "timeline-title" }, "Score timeline"),
        points.length ? scoreChart(match, points) : h("p", { class: "muted" }, "No points were scored."),
      ),
      h("section", { class: "card", "aria-labelledby": "figures-title" },
        h("h2", { id: "figures-title" }, "Figures"),
        h("dl", { class: "stat-list" },
          stat("Result", match.status === "abandoned" ? "Abandoned (no winner)"
            : `${match[match.winner].name} won${match.status === "forfeit" ? ` by forfeit (${forfeitReason(match)})` : ""}`),
          ...(match.rated && match.leftRatingChange != null ? [
            stat(`${match.left.name}'s rating`, ratingMove(match.leftRatingChange, match.leftRatingAfter)),
            stat(`${match.right.name}'s rating`, ratingMove(match.rightRatingChange, match.rightRatingAfter))] : []),
          ...(RATING_NOTES[match.ratingNote] ? [stat("Rating", RATING_NOTES[match.ratingNote])] : []),
          stat("First to", match.pointsToWin),
          stat("Ball speed", match.ballSpeed),
          stat("Paddle size", match.paddleSize),
          stat("Longest rally", counted(match.longestRally, "hit")),
          stat("Paddle hits", match.totalHits),
          stat("Time", formatSeconds(duration))),
      ),
    ),
    points.length ? h("section", { class: "card", "aria-labelledby": "points-title" },
      h("h2", { id: "points-title" }, "Point by point"),
      h("div", { class: "table-wrap" }, h("table", { class: "points-table" },
        h("thead", {}, h("tr", {}, ["#", "Time", "Won by", "Rally", "Score"].map((title) => h("th", { scope: "col" }, title)))),
        h("tbody", {}, points.map((point) => h("tr", {},
          h("td", {}, point.number),
          h("td", {}, formatSeconds(point.atMilliseconds / 1000)),
          h("td", {}, match[point.scorer].name),
          h("td", {}, counted(point.rally, "hit")),
          h("td", {}, `${point.leftScore}–${point.rightScore}`))))))) : null,
    h("div", { class: "button-row" },
      replay === "available" ? h("a", { href: `/matches/${match.id}/replay`, class: "button button-primary" }, "Watch the replay")
        : h("p", { class: "muted replay-missing" }, replay === "host_only"
          ? "Only the host of a game on one keyboard can watch its replay."
          : "No replay for this game: it was played before games were recorded."),
      h("a", { href: "/matches", class: "button button-ghost" }, "All my matches"),
      h("a", { href: "/play", class: "button button-ghost" }, "Play again")),
  ].filter(Boolean)); // DOM append would print a null as text
}


function stat(label, value) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, String(value)));
}
