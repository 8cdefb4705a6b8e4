// Statistics: the site's all-time figures and right now, and the leaderboard (players by
// rating with at least 5 rated games, provisional ratings marked, my own rank shown even
// when I'm not on the page, friends only on request).
import { h } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import * as statsAPI from "../api/stats.js";
import { user } from "../session.js";
import { counted } from "../components/words.js";

const number = (value) => Number(value).toLocaleString();
const hits = (count) => counted(count, "hit");

function totals(site) {
  const figures = [
    ["Players", site.players], ["Matches played", site.matches.total], ["Online matches", site.matches.online],
    ["On one keyboard", site.matches.local], ["Against the AI", site.matches.ai], ["Tournaments", site.tournaments],
    ["Points scored", site.points], ["Players online now", site.playersOnline], ["Games live now", site.gamesLive],
  ];
  return h("section", { class: "card", "aria-labelledby": "totals-title" },
    h("h2", { id: "totals-title" }, "All time"),
    h("dl", { class: "stat-grid site-totals" }, figures.map(([label, value]) =>
      h("div", { class: "stat" }, h("dt", { class: "muted" }, label), h("dd", {}, number(value))))),
    h("p", { class: "muted" }, "Longest rally ever: ",
      site.longestRally.match ? h("a", { href: `/matches/${site.longestRally.match}` }, hits(site.longestRally.hits)) : hits(site.longestRally.hits)));
}

export async function render(main) {
  const signedIn = Boolean(user());
  const site = await statsAPI.site();
  const board = h("div", { class: "leaderboard" });
  const more = h("div", { class: "button-row" });
  let friends = false;
  let page = 1;
  const draw = async () => {
    const result = await statsAPI.leaderboard({ page, per: 20, friends });
    const rows = result.items.map((entry) => h("tr", { class: entry.username === user()?.username ? "is-me" : "" },
      h("td", { class: "rank" }, String(entry.rank)),
      h("td", {}, h("a", { href: `/users/${encodeURIComponent(entry.username)}`, class: "person-link" },
        avatar(entry.avatarURL, entry.username, "sm"), h("span", {}, entry.username))),
      h("td", {}, String(entry.rating), entry.provisional ? h("span", { class: "status-pill provisional", title: "Few games yet: the rating can still move a lot" }, "provisional") : null),
      h("td", {}, String(entry.ratedGames))));
    const me = result.me;
    board.replaceChildren(...[
      me ? h("p", { class: "my-rank" }, me.rank
        ? `Your rank: ${me.rank}${friends ? " among your friends" : ""} · rating ${me.rating}${me.provisional ? " (provisional)" : ""}`
        : qualifyHint(me)) : null,
      result.items.length
        ? h("div", { class: "table-scroll" }, h("table", { class: "leaderboard-table" },
          h("caption", { class: "visually-hidden" }, `Leaderboard, page ${result.page}`),
          h("thead", {}, h("tr", {}, ["Rank", "Player", "Rating", "Rated games"].map((cell) => h("th", { scope: "col" }, cell)))),
          h("tbody", {}, rows)))
        : h("p", { class: "muted" }, "Nobody has played 5 rated games against two opponents yet."),
    ].filter(Boolean));
    more.replaceChildren(...[
      page > 1 ? h("button", { type: "button", class: "button button-ghost", onclick: () => { page -= 1; draw(); } }, "Previous page") : null,
      page * result.per < result.total ? h("button", { type: "button", class: "button button-ghost", onclick: () => { page += 1; draw(); } }, "Next page") : null,
    ].filter(Boolean)); // replaceChildren would print a null as text
  };
  const toggle = signedIn ? h("label", { class: "check" },
    h("input", { type: "checkbox", onchange: (event) => { friends = event.target.checked; page = 1; draw(); } }), " Friends only") : null;
  main.append(
    h("div", { class: "page-header" }, h("div", {}, h("p", { class: "eyebrow" }, "Statistics"), h("h1", {}, "Statistics"))),
    totals(site),
    h("section", { class: "card", "aria-labelledby": "board-title" },
      h("div", { class: "section-head" }, h("h2", { id: "board-title" }, "Leaderboard"), toggle),
      h("p", { class: "muted small" }, "Players with at least 5 rated games, by rating."),
      board, more));
  await draw();
}

/** What still keeps me off the board: rated games, and (a rating won from one opponent only is not
 * shown) a rated game against someone new. */
function qualifyHint(me) {
  if (me.gamesToQualify > 0) return `Play ${counted(me.gamesToQualify, "more rated game")} to join the board (rating ${me.rating}).`;
  return `Play a rated game against ${me.opponentsToQualify > 1 ? `${me.opponentsToQualify} more opponents` : "someone new"} to join the board: a rating won from one opponent only is not listed (rating ${me.rating}).`;
}
