import { t } from "../i18n/i18n.js";
// The home screen's friend list: search to add, requests to answer, and
// friends with a live presence dot. It redraws itself from the social store.
import { h } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { ApiError } from "../api/client.js";
import * as friendsAPI from "../api/friends.js";
import * as gamesAPI from "../api/games.js";
import { navigate } from "../router.js";
import { toast } from "../components/toast.js";
import { social, onSocial, act as storeAct } from "./store.js";
import { openDirect } from "./chat-dock.js";
import { openInviteDialog } from "../play/invite-dialog.js";
import { presenceDot, PRESENCE_LABEL } from "./presence.js";


function profileLink(user, ...extra) {
  return h("a", { href: `/users/${encodeURIComponent(user.username)}`, class: "person-link" },
    avatar(user.avatarURL, user.username, "sm"), h("span", { class: "person-name" }, user.username), ...extra);
}

function friendLink(friend) {
  const { user, presence } = friend;
  return h("a", { href: `/users/${encodeURIComponent(user.username)}`, class: "person-link" },
    avatar(user.avatarURL, user.username, "sm"), h("span", { class: "presence-slot", "aria-hidden": "true" }, presenceDot(presence)),
    h("span", { class: "person-text" }, h("span", { class: "person-name" }, user.username),
      h("span", { class: "presence-text muted" }, PRESENCE_LABEL[presence])));
}

async function act(action, name, success) {
  try {
    await storeAct(action, name);
    if (success) toast(success, "success");
  } catch (error) {
    toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
  }
}

function button(label, name, onclick, style = "button-ghost") {
  return h("button", { type: "button", class: `button button-small ${style}`, "aria-label": name, onclick }, label);
}

function requestRow(request, incoming) {
  const name = request.user.username;
  const actions = incoming
    ? [button(t("common.accept"), t("friendsPanel.accept", { name }), () => act("accept", name, t("friendsPanel.youAndAreFriends", { name })), "button-primary"),
       button(t("common.decline"), t("friendsPanel.decline", { name }), () => act("decline", name))]
    : [button(t("common.cancel"), t("friendsPanel.cancelRequestTo", { name }), () => act("cancel", name))];
  return h("li", { class: "person-row request-row" }, profileLink(request.user), h("div", { class: "row-actions" }, actions));
}

/// Opens the friend's live game as a spectator (their own AI or keyboard games included).
async function watch(name) {
  const game = await gamesAPI.liveGameOf(name).catch(() => null);
  if (game) navigate(`/games/${game.id}/watch`);
  else toast(t("friendsPanel.isNotInAGame", { name }));
}

function friendRow(friend) {
  const name = friend.user.username;
  return h("li", { class: "person-row" },
    friendLink(friend),
    h("div", { class: "row-actions" },
      friend.presence === "in_game" ? button(t("common.watch"), t("friendsPanel.watchSGame", { name }), () => watch(name))
        : friend.presence === "offline" ? null : button(t("common.play"), t("friendsPanel.inviteToPlay", { name }), () => openInviteDialog(name), "button-primary"),
      button(t("friendsPanel.message"), t("friendsPanel.message2", { name }), () => openDirect(name))));
}

const SEARCH_PAGE = 8;

/// Where a search result stands with me now: the store follows accepts and requests live, so a
/// result never says "Requested" after the other player said yes.
function relationNow(user, fallback) {
  const { friends, incoming, outgoing } = social();
  const same = (entry) => entry.user.username === user.username;
  if (friends.some(same)) return "friends";
  if (outgoing.some(same)) return "outgoing";
  if (incoming.some(same)) return "incoming";
  return social().friendsLoaded ? null : fallback;
}

function searchResults(items, total, query, rerun, more) {
  if (!items.length) return [h("p", { class: "muted small" }, t("friendsPanel.nobodysNameStartsWith", { query }))];
  const rows = items.map(({ user, relation }) => {
    const name = user.username;
    const status = { friends: t("friendsPanel.friends"), outgoing: t("friendsPanel.requested"), incoming: t("friendsPanel.askedYou") }[relationNow(user, relation)];
    const add = button(t("friendsPanel.addFriend"), t("friendsPanel.addAsAFriend", { name }), () =>
      act("request", name, t("friendsPanel.friendRequestSentTo", { name })).then(rerun), "button-primary");
    return h("li", { class: "person-row" }, profileLink(user), status ? h("span", { class: "badge" }, status) : add);
  });
  return [
    h("ul", { class: "person-list", "aria-label": t("friendsPanel.searchResults") }, rows),
    items.length < total ? h("button", { type: "button", class: "link-button", onclick: more }, t("friendsPanel.showMore", { value: total - items.length })) : null,
  ];
}

function searchForm() {
  const results = h("div", { class: "search-results", "aria-live": "polite" });
  const input = h("input", { id: "friend-search", name: "q", type: "search", autocomplete: "off", maxlength: 20, placeholder: t("common.username"), required: true });
  let current = "";
  let shown = [];
  let total = 0;
  const redraw = () => {
    if (current) results.replaceChildren(...searchResults(shown, total, current, () => run(), () => run({ more: true })).filter(Boolean));
  };
  // Pages of 8; "Show more" appends the next page, an action re-runs the search as far as it was shown.
  const run = async ({ more = false } = {}) => {
    current = input.value.trim();
    if (!current) return results.replaceChildren();
    const pages = more ? [Math.floor(shown.length / SEARCH_PAGE) + 1] : [...Array(Math.max(1, Math.ceil(shown.length / SEARCH_PAGE))).keys()].map((index) => index + 1);
    try {
      const answers = await Promise.all(pages.map((page) =>
        friendsAPI.search({ query: current, page, per: SEARCH_PAGE })));
      shown = [...(more ? shown : []), ...answers.flatMap((answer) => answer.items)];
      total = answers.at(-1).total;
      redraw();
    } catch (error) {
      results.replaceChildren(h("p", { class: "field-error" }, error instanceof ApiError ? error.message : t("friendsPanel.searchFailed")));
    }
  };
  const form = h("form", { class: "friend-search", role: "search", onsubmit: (event) => { event.preventDefault(); shown = []; run(); } },
    h("label", { for: "friend-search" }, t("friendsPanel.findPlayers")),
    h("div", { class: "inline-form" }, input, h("button", { type: "submit", class: "button button-small button-primary" }, t("friendsPanel.search"))));
  return { element: h("div", {}, form, results), redraw };
}

/// The panel, redrawn from the store for as long as `scope` lasts.
export function friendsPanel(scope) {
  const search = searchForm();
  const lists = h("div", { class: "friend-lists" });
  const draw = () => {
    const { friends, incoming, outgoing } = social();
    const online = friends.filter((friend) => friend.presence !== "offline").length;
    const sections = [
      incoming.length ? h("section", { "aria-labelledby": "incoming-title" },
        h("h3", { id: "incoming-title", class: "list-title" }, t("friendsPanel.friendRequests"), h("span", { class: "count-badge" }, String(incoming.length))),
        h("ul", { class: "person-list" }, incoming.map((request) => requestRow(request, true)))) : null,
      h("section", { "aria-labelledby": "friends-title" },
        h("h3", { id: "friends-title", class: "list-title" }, t("friendsPanel.friendsOnline", { online })),
        friends.length
          ? h("ul", { class: "person-list", "aria-label": t("friendsPanel.friends") }, friends.map(friendRow))
          : h("p", { class: "muted small" }, t("friendsPanel.noFriendsYetFindPlayers"))),
      outgoing.length ? h("section", { "aria-labelledby": "outgoing-title" },
        h("h3", { id: "outgoing-title", class: "list-title" }, t("common.waitingForAnAnswer")),
        h("ul", { class: "person-list" }, outgoing.map((request) => requestRow(request, false)))) : null,
    ];
    lists.replaceChildren(...sections.filter(Boolean));
  };
  const panel = h("aside", { class: "card friends-panel", "aria-labelledby": "friends-panel-title" },
    h("h2", { id: "friends-panel-title" }, t("friendsPanel.friends")), search.element, lists);
  draw();
  scope.add(onSocial("friends", () => { draw(); search.redraw(); }));
  return panel;
}
