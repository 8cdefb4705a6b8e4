// My tournaments: the ones I created, played or am invited to, newest first, live or
// finished, a page at a time.
import { h, formatRelative } from "../components/dom.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { counted } from "../components/words.js";

const STATUS_TEXT = { lobby: "In the lobby", running: "Live", finished: "Finished", cancelled: "Cancelled" };
const FILTERS = [["all", "All"], ["live", "Live"], ["finished", "Finished"]];

export function tournamentRow(item) {
  const players = item.kind === "online" ? `${item.players} of ${counted(item.capacity, "player")}` : `${counted(item.players, "player")}, one keyboard`;
  const result = item.status === "finished"
    ? `${item.winner ?? "—"} won${item.placement ? ` · you: ${item.placement === 1 ? "winner" : `place ${item.placement}`}` : ""}`
    : STATUS_TEXT[item.status];
  return h("li", { class: "card match-row tournament-row" },
    h("span", { class: `status-pill status-${item.status}` }, STATUS_TEXT[item.status]),
    h("div", { class: "match-players" },
      h("a", { href: `/tournaments/${item.id}`, class: "match-link" }, item.name),
      h("span", { class: "muted small" }, [players, result, `by ${item.creator}`, formatRelative(item.startedAt ?? item.createdAt)].join(" · "))));
}

export async function render(main) {
  const params = new URLSearchParams(window.location.search);
  let filter = FILTERS.some(([value]) => value === params.get("status")) ? params.get("status") : "all";
  const list = h("ol", { class: "match-list", "aria-label": "My tournaments" });
  const more = h("button", { type: "button", class: "button button-ghost", hidden: true }, "Load more");
  const empty = h("div", { class: "card empty-state", hidden: true },
    h("h2", {}, "No tournaments here yet"),
    h("p", { class: "muted" }, "Create one and invite your friends, or run one for everyone at this keyboard."),
    h("a", { href: "/tournaments/new", class: "button button-primary" }, "Create a tournament"));
  const tabs = h("div", { class: "segmented", role: "group", "aria-label": "Show" }, FILTERS.map(([value, label]) =>
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
      h("div", {}, h("p", { class: "eyebrow" }, "History"), h("h1", {}, "My tournaments")),
      h("div", { class: "button-row" },
        h("a", { href: "/matches", class: "button button-ghost" }, "My matches"),
        h("a", { href: "/tournaments/new", class: "button button-primary" }, "Create a tournament"))),
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
