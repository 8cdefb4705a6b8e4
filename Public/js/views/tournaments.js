import { t } from "../i18n/i18n.js";
// My tournaments: the ones I created, played or am invited to, newest first, live or
// finished, a page at a time.
import { h, formatRelative } from "../components/dom.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { counted } from "../components/words.js";

const STATUS_TEXT = { lobby: t("tournaments.inTheLobby"), running: t("tournaments.live"), finished: t("tournaments.finished"), cancelled: t("common.cancelled") };
const FILTERS = [["all", t("tournaments.all")], ["live", t("tournaments.live")], ["finished", t("tournaments.finished")]];

export function tournamentRow(item) {
  const players = item.kind === "online" ? t("tournaments.of", { players: item.players, capacity: counted(item.capacity, "player") }) : t("tournaments.oneKeyboard", { players: counted(item.players, "player") });
  const result = item.status === "finished"
    ? t("common.won", { name: item.winner ?? "—", how: item.placement ? t("tournaments.you", { place: item.placement === 1 ? t("tournaments.winner") : t("tournaments.place", { place: item.placement }) }) : "" })
    : STATUS_TEXT[item.status];
  return h("li", { class: "card match-row tournament-row" },
    h("span", { class: `status-pill status-${item.status}` }, STATUS_TEXT[item.status]),
    h("div", { class: "match-players" },
      h("a", { href: `/tournaments/${item.id}`, class: "match-link" }, item.name),
      h("span", { class: "muted small" }, [players, result, t("tournaments.by", { creator: item.creator }), formatRelative(item.startedAt ?? item.createdAt)].join(" · "))));
}

export async function render(main) {
  const params = new URLSearchParams(window.location.search);
  let filter = FILTERS.some(([value]) => value === params.get("status")) ? params.get("status") : "all";
  const list = h("ol", { class: "match-list", "aria-label": t("common.myTournaments") });
  const more = h("button", { type: "button", class: "button button-ghost", hidden: true }, t("tournaments.loadMore"));
  const empty = h("div", { class: "card empty-state", hidden: true },
    h("h2", {}, t("tournaments.noTournamentsHereYet")),
    h("p", { class: "muted" }, t("tournaments.createOneAndInviteYour")),
    h("a", { href: "/tournaments/new", class: "button button-primary" }, t("tournaments.createATournament")));
  const tabs = h("div", { class: "segmented", role: "group", "aria-label": t("tournaments.show") }, FILTERS.map(([value, label]) =>
    h("button", { type: "button", class: "button button-small chip", "aria-pressed": String(value === filter), onclick: async () => {
      filter = value;
      tabs.querySelectorAll("button").forEach((button, index) => button.setAttribute("aria-pressed", String(FILTERS[index][0] === filter)));
      history.replaceState({}, "", value === "all" ? "/tournaments" : `/tournaments?status=${value}`);
      list.replaceChildren();
      page = 0;
      await load();
    } }, label)));
  main.append(
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, t("common.history")), h("h1", {}, t("common.myTournaments"))),
      h("div", { class: "button-row" },
        h("a", { href: "/matches", class: "button button-ghost" }, t("common.myMatches")),
        h("a", { href: "/tournaments/new", class: "button button-primary" }, t("tournaments.createATournament")))),
    tabs, empty, list, h("div", { class: "load-more" }, more));

  let page = 0;
  const load = async () => {
    const result = await tournamentsAPI.mine({ page: ++page, per: 20, status: filter });
    list.append(...result.items.map(tournamentRow));
    empty.hidden = result.total > 0;
    more.hidden = page * result.per >= result.total;
  };
  more.addEventListener("click", () => load().then(() => list.lastElementChild?.querySelector("a")?.focus()));
  await load();
}
