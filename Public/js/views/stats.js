import { t, locale } from "../i18n/i18n.js";
// Statistics: the site's all-time figures and right now, and the leaderboard (players by
// rating with at least 5 rated games, provisional ratings marked, my own rank shown even
// when I'm not on the page, friends only on request).
import { h } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import * as statsAPI from "../api/stats.js";
import { user } from "../session.js";
import { counted } from "../components/words.js";

const number = (value) => Number(value).toLocaleString(locale);
const hits = (count) => counted(count, "hit");

function totals(site) {
  const figures = [
    [t("common.players"), site.players], [t("stats.matchesPlayed"), site.matches.total], [t("stats.onlineMatches"), site.matches.online],
    [t("stats.onOneKeyboard"), site.matches.local], [t("stats.againstTheAi"), site.matches.ai], [t("common.tournaments"), site.tournaments],
    [t("common.pointsScored"), site.points], [t("stats.playersOnlineNow"), site.playersOnline], [t("stats.gamesLiveNow"), site.gamesLive],
  ];
  return h("section", { class: "card", "aria-labelledby": "totals-title" },
    h("h2", { id: "totals-title" }, t("stats.allTime")),
    h("dl", { class: "stat-grid site-totals" }, figures.map(([label, value]) =>
      h("div", { class: "stat" }, h("dt", { class: "muted" }, label), h("dd", {}, number(value))))),
    h("p", { class: "muted" }, t("stats.longestRallyEver"),
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
      h("td", {}, String(entry.rating), entry.provisional ? h("span", { class: "status-pill provisional", title: t("stats.fewGamesYetTheRating") }, "provisional") : null),
      h("td", {}, String(entry.ratedGames))));
    const me = result.me;
    board.replaceChildren(...[
      me ? h("p", { class: "my-rank" }, me.rank
        ? t("stats.yourRankRating", { rank: me.rank, among: friends ? t("stats.amongYourFriends") : "", rating: me.rating, provisional: me.provisional ? t("stats.provisional") : "" })
        : qualifyHint(me)) : null,
      result.items.length
        ? h("div", { class: "table-scroll" }, h("table", { class: "leaderboard-table" },
          h("caption", { class: "visually-hidden" }, t("stats.leaderboardPage", { page: result.page })),
          h("thead", {}, h("tr", {}, [t("stats.rank"), t("common.player"), t("common.rating"), t("stats.ratedGames")].map((cell) => h("th", { scope: "col" }, cell)))),
          h("tbody", {}, rows)))
        : h("p", { class: "muted" }, t("stats.nobodyHasPlayed5Rated")),
    ].filter(Boolean));
    more.replaceChildren(...[
      page > 1 ? h("button", { type: "button", class: "button button-ghost", onclick: () => { page -= 1; draw(); } }, t("stats.previousPage")) : null,
      page * result.per < result.total ? h("button", { type: "button", class: "button button-ghost", onclick: () => { page += 1; draw(); } }, t("stats.nextPage")) : null,
    ].filter(Boolean)); // replaceChildren would print a null as text
  };
  const toggle = signedIn ? h("label", { class: "check" },
    h("input", { type: "checkbox", onchange: (event) => { friends = event.target.checked; page = 1; draw(); } }), t("stats.friendsOnly")) : null;
  main.append(
    h("div", { class: "page-header" }, h("div", {}, h("p", { class: "eyebrow" }, t("common.statistics")), h("h1", {}, t("common.statistics")))),
    totals(site),
    h("section", { class: "card", "aria-labelledby": "board-title" },
      h("div", { class: "section-head" }, h("h2", { id: "board-title" }, t("stats.leaderboard")), toggle),
      h("p", { class: "muted small" }, t("stats.playersWithAtLeast5")),
      board, more));
  await draw();
}

/** What still keeps me off the board: rated games, and (a rating won from one opponent only is not
 * shown) a rated game against someone new. */
function qualifyHint(me) {
  if (me.gamesToQualify > 0) return t("stats.playToJoinTheBoard", { games: counted(me.gamesToQualify, "more rated game"), rating: me.rating });
  return t("stats.playARatedGameAgainst", { opponents: me.opponentsToQualify > 1 ? t("stats.moreOpponents", { opponentsToQualify: me.opponentsToQualify }) : t("stats.someoneNew"), rating: me.rating });
}
