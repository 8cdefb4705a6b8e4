import { t } from "../i18n/i18n.js";
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
        h("h2", { id: "timeline-title" }, t("match.scoreTimeline")),
        points.length ? scoreChart(match, points) : h("p", { class: "muted" }, t("match.noPointsWereScored")),
      ),
      h("section", { class: "card", "aria-labelledby": "figures-title" },
        h("h2", { id: "figures-title" }, t("match.figures")),
        h("dl", { class: "stat-list" },
          stat(t("match.result"), match.status === "abandoned" ? t("match.abandonedNoWinner")
            : t("common.won", { name: match[match.winner].name, how: match.status === "forfeit" ? t("match.byForfeit", { reason: forfeitReason(match) }) : "" })),
          ...(match.rated && match.leftRatingChange != null ? [
            stat(t("match.sRating", { name: match.left.name }), ratingMove(match.leftRatingChange, match.leftRatingAfter)),
            stat(t("match.sRating", { name: match.right.name }), ratingMove(match.rightRatingChange, match.rightRatingAfter))] : []),
          ...(RATING_NOTES[match.ratingNote] ? [stat(t("common.rating"), RATING_NOTES[match.ratingNote])] : []),
          stat(t("match.firstTo"), match.pointsToWin),
          stat(t("match.ballSpeed"), t(`settingsForm.${match.ballSpeed}`)),
          stat(t("match.paddleSize"), t(`settingsForm.${match.paddleSize}`)),
          stat(t("common.longestRally"), counted(match.longestRally, "hit")),
          stat(t("match.paddleHits"), match.totalHits),
          stat(t("match.time"), formatSeconds(duration))),
      ),
    ),
    points.length ? h("section", { class: "card", "aria-labelledby": "points-title" },
      h("h2", { id: "points-title" }, t("match.pointByPoint")),
      h("div", { class: "table-wrap" }, h("table", { class: "points-table" },
        h("thead", {}, h("tr", {}, ["#", t("match.time"), t("match.wonBy"), t("match.rally"), t("match.score")].map((title) => h("th", { scope: "col" }, title)))),
        h("tbody", {}, points.map((point) => h("tr", {},
          h("td", {}, point.number),
          h("td", {}, formatSeconds(point.atMilliseconds / 1000)),
          h("td", {}, match[point.scorer].name),
          h("td", {}, counted(point.rally, "hit")),
          h("td", {}, `${point.leftScore}–${point.rightScore}`))))))) : null,
    h("div", { class: "button-row" },
      replay === "available" ? h("a", { href: `/matches/${match.id}/replay`, class: "button button-primary" }, t("match.watchTheReplay"))
        : h("p", { class: "muted replay-missing" }, replay === "host_only"
          ? t("match.onlyTheHostOfA")
          : t("match.noReplayForThisGame")),
      h("a", { href: "/matches", class: "button button-ghost" }, t("match.allMyMatches")),
      h("a", { href: "/play", class: "button button-ghost" }, t("common.playAgain"))),
  ].filter(Boolean)); // DOM append would print a null as text
}


function stat(label, value) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, String(value)));
}
