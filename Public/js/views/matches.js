import { t } from "../i18n/i18n.js";
// My matches, newest first, a page at a time.
import { h } from "../components/dom.js";
import * as matchesAPI from "../api/matches.js";
import { counted } from "../components/words.js";
import { outcome, modeName, formatWhen, ratingChange, forfeitReason, scoreLine } from "../game/screen/match-format.js";

export async function render(main) {
  const list = h("ol", { class: "match-list", "aria-label": t("common.myMatches") });
  const more = h("button", { type: "button", class: "button button-ghost", hidden: true }, t("matches.loadMore"));
  const empty = h("div", { class: "card empty-state", hidden: true },
    h("h2", {}, t("matches.noMatchesYet")),
    h("p", { class: "muted" }, t("matches.yourFinishedGamesShowUp")),
    h("a", { href: "/play", class: "button button-primary" }, t("matches.playAGame")));
  main.append(
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, t("common.history")), h("h1", {}, t("common.myMatches"))),
      h("div", { class: "button-row" },
        h("a", { href: "/tournaments", class: "button button-ghost" }, t("common.myTournaments")),
        h("a", { href: "/play", class: "button button-primary" }, t("common.play")))),
    empty, list, h("div", { class: "load-more" }, more));

  let page = 0;
  const load = async () => {
    const result = await matchesAPI.mine({ page: ++page, per: 20 });
    list.append(...withEmptyGamesFolded(result.items));
    empty.hidden = result.total > 0;
    more.hidden = page * result.per >= result.total;
  };
  more.addEventListener("click", () => load().then(() => list.lastElementChild?.querySelector("a")?.focus()));
  await load();
}

/// A game left before any point was played says nothing: a run of them folds into one row to open.
const pointless = (match) => match.status === "abandoned" && match.leftScore === 0 && match.rightScore === 0;

function withEmptyGamesFolded(matches) {
  const rows = [];
  let run = [];
  const flush = () => {
    if (run.length === 1) rows.push(matchRow(run[0]));
    if (run.length > 1) {
      rows.push(h("li", { class: "match-fold" },
        h("details", {},
          h("summary", {}, t("count.abandonedGameWithNoPoint", { count: run.length })),
          h("ol", { class: "match-list", "aria-label": t("matches.abandonedGamesWithNoPoint") }, run.map(matchRow)))));
    }
    run = [];
  };
  for (const match of matches) {
    if (pointless(match)) run.push(match);
    else { flush(); rows.push(matchRow(match)); }
  }
  flush();
  return rows;
}

// A row tells the match from the list owner's side (a player's page), else from the viewer's.
export function matchRow(match) {
  const side = match.playerSide ?? match.yourSide;
  const result = outcome(match, side);
  const change = ratingChange(match, side);
  // Online: the opponent's page is a link away.
  const opponent = match.mode === "remote" && side ? match[side === "left" ? "right" : "left"] : null;
  const details = [modeName(match), t("matches.firstTo", { pointsToWin: match.pointsToWin }), forfeitReason(match), formatWhen(match.startedAt)].filter(Boolean);
  return h("li", { class: "card match-row" },
    h("span", { class: `result result-${result.tone}` }, result.label),
    h("div", { class: "match-players" },
      h("a", { href: `/matches/${match.id}`, class: "match-link" },
        scoreLine(match, side)),
      h("span", { class: "muted small" }, details.join(" · "),
        opponent && match.yourSide !== (side === "left" ? "right" : "left")
          ? [" · ", h("a", { href: `/users/${encodeURIComponent(opponent.name)}` }, t("matches.sPage", { name: opponent.name }))] : null,
        " · ", replayLink(match))),
    change ? h("span", { class: "rating-delta", title: t("matches.ratingChange") }, h("span", { class: "visually-hidden" }, t("matches.ratingChange2")), change) : null,
  );
}

/// Every match links to its replay; one without (played before games were recorded) says so there.
export function replayLink(match) {
  return h("a", { href: `/matches/${match.id}/replay`,
    "aria-label": t("matches.replayOf", { name: match.left.name, leftScore: match.leftScore, rightScore: match.rightScore, name2: match.right.name }) }, t("common.replay"));
}
