// My matches, newest first, a page at a time.
import { h } from "../components/dom.js";
import * as matchesAPI from "../api/matches.js";
import { counted } from "../components/words.js";
import { outcome, modeName, formatWhen, ratingChange, forfeitReason, scoreLine } from "../game/screen/match-format.js";

export async function render(main) {
  const list = h("ol", { class: "match-list", "aria-label": "My matches" });
  const more = h("button", { type: "button", class: "button button-ghost", hidden: true }, "Load more");
  const empty = h("div", { class: "card empty-state", hidden: true },
    h("h2", {}, "No matches yet"),
    h("p", { class: "muted" }, "Your finished games show up here, point by point."),
    h("a", { href: "/play", class: "button button-primary" }, "Play a game"));
  main.append(
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, "History"), h("h1", {}, "My matches")),
      h("div", { class: "button-row" },
        h("a", { href: "/tournaments", class: "button button-ghost" }, "My tournaments"),
        h("a", { href: "/play", class: "button button-primary" }, "Play"))),
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
          h("summary", {}, `${counted(run.length, "abandoned game")} with no point played`),
          h("ol", { class: "match-list", "aria-label": "Abandoned games with no point played" }, run.map(matchRow)))));
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
  const details = [modeName(match), `first to ${match.pointsToWin}`, forfeitReason(match), formatWhen(match.startedAt)].filter(Boolean);
  return h("li", { class: "card match-row" },
    h("span", { class: `result result-${result.tone}` }, result.label),
    h("div", { class: "match-players" },
      h("a", { href: `/matches/${match.id}`, class: "match-link" },
        scoreLine(match, side)),
      h("span", { class: "muted small" }, details.join(" · "),
        opponent && match.yourSide !== (side === "left" ? "right" : "left")
          ? [" · ", h("a", { href: `/users/${encodeURIComponent(opponent.name)}` }, `${opponent.name}'s page`)] : null,
        " · ", replayLink(match))),
    change ? h("span", { class: "rating-delta", title: "Rating change" }, h("span", { class: "visually-hidden" }, "Rating change "), change) : null,
  );
}

/// Every match links to its replay; one without (played before games were recorded) says so there.
export function replayLink(match) {
  return h("a", { href: `/matches/${match.id}/replay`,
    "aria-label": `Replay of ${match.left.name} ${match.leftScore}–${match.rightScore} ${match.right.name}` }, "Replay");
}
