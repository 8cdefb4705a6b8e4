// The bell in the top bar: unread count, the list of notifications, and
// "mark all as read". New ones also show as a toast.
import { h, formatRelative } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import * as notificationsAPI from "../api/notifications.js";
import { toast } from "../components/toast.js";
import { social, onSocial } from "./store.js";
import { openConversation, openDirect } from "./chat-dock.js";
import { ratingMove } from "../game/screen/match-format.js";

/// A game that ended while the player was away, from their side:
/// "You lost to Bob by forfeit: you didn't come back in time · 1338 → 1176 (−162) · out of Spring Cup".
function describeResult(data) {
  const opponent = data.opponent ?? "your opponent";
  const won = data.result === "won";
  const how = {
    disconnected: won ? `by forfeit: ${opponent} didn't come back in time` : "by forfeit: you didn't come back in time",
    no_show: won ? `by forfeit: ${opponent} never arrived` : "by forfeit: you never joined the game",
    quit: won ? `by forfeit: ${opponent} quit` : "by forfeit",
  }[data.reason] ?? data.score ?? "";
  const parts = [`${won ? `You beat ${opponent}` : `You lost to ${opponent}`} ${how}`.trim()];
  if (data.ratingChange != null && data.rating != null) parts.push(`rating ${ratingMove(Number(data.ratingChange), Number(data.rating))}`);
  else if (data.ratingNote === "too_short") parts.push("not rated: it ended too early");
  if (data.name) parts.push(won ? `${data.round ?? "match"} of ${data.name} won` : `out of ${data.name}`);
  return parts.join(" · ");
}

function describe(notification) {
  const who = notification.actor?.username ?? "Someone";
  switch (notification.kind) {
    case "friend_request": return `${who} sent you a friend request`;
    case "friend_accepted": return `${who} accepted your friend request`;
    case "room_invite": return `${who} added you to # ${notification.data?.room ?? "a room"}`;
    case "game_invite": return `${who} invited you to a game`;
    case "tournament_invite": return `${who} invited you to the tournament ${notification.data?.name ?? ""}`;
    case "tournament_call": return `Your ${(notification.data?.round ?? "match").toLowerCase()} against ${notification.data?.opponent ?? "your opponent"} is ready`;
    case "game_result": return describeResult(notification.data ?? {});
    case "tournament_eliminated": return `You're out of ${notification.data?.name ?? "the tournament"}: you didn't say ready for your ${(notification.data?.round ?? "match").toLowerCase()} against ${notification.data?.opponent ?? "your opponent"}`;
    case "moderation_warning": return `A moderator warned you: ${notification.data?.reason ?? "mind the rules"}`;
    default: return "Something happened";
  }
}

let slot = null;

export function mountNotificationBell() {
  slot = document.querySelector(".notifications-slot");
  const badge = h("span", { class: "count-badge bell-badge", hidden: true });
  const button = h("button", { type: "button", class: "icon-button bell", "aria-label": "Notifications", "aria-expanded": "false",
    "aria-controls": "notifications-panel" }, h("span", { class: "bell-icon", "aria-hidden": "true" }), badge);
  const list = h("ul", { class: "notification-list" });
  const markAll = h("button", { type: "button", class: "link-button" }, "Mark all as read");
  const panel = h("section", { id: "notifications-panel", class: "notifications-panel card", "aria-label": "Notifications", hidden: true },
    h("header", { class: "chat-header" }, h("h2", { class: "chat-title" }, "Notifications"), markAll), list);
  slot.replaceChildren(button, panel);

  const setOpen = async (open) => {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (!open) return;
    const page = await notificationsAPI.page({ limit: 20 }).catch(() => null);
    if (!page) return list.replaceChildren(h("li", { class: "muted" }, "Notifications didn't load."));
    list.replaceChildren(...(page.items.length ? page.items.map(item) : [h("li", { class: "muted notification-empty" }, "Nothing new. Friend requests, invitations and results of games you missed appear here.")]));
  };
  const markRead = (ids) => notificationsAPI.markRead(ids).catch(() => {});
  const item = (notification) => {
    const go = async () => {
      setOpen(false);
      if (!notification.read) markRead([notification.id]);
      if (notification.kind === "room_invite" && notification.data?.conversation) await openConversation(notification.data.conversation);
      // The invitation's line, with its answer, is in the conversation with the inviter.
      if (notification.kind === "game_invite" && notification.actor) await openDirect(notification.actor.username);
    };
    const opensChat = notification.kind === "room_invite" || notification.kind === "game_invite";
    const tournament = notification.data?.tournament ? `/tournaments/${notification.data.tournament}` : null;
    const match = notification.data?.match ? `/matches/${notification.data.match}` : null;
    const target = match ?? tournament ?? (opensChat || !notification.actor ? null : `/users/${encodeURIComponent(notification.actor.username)}`);
    const content = [
      notification.actor ? avatar(notification.actor.avatarURL, notification.actor.username, "sm") : null,
      h("span", { class: "notification-text" }, describe(notification),
        h("time", { datetime: notification.createdAt, class: "muted small" }, formatRelative(notification.createdAt))),
      notification.read ? null : h("span", { class: "unread-dot" }, h("span", { class: "visually-hidden" }, "unread")),
    ];
    return h("li", { class: `notification${notification.read ? "" : " notification-unread"}` },
      target ? h("a", { href: target, class: "notification-link", onclick: go }, content)
             : h("button", { type: "button", class: "notification-link", onclick: go }, content));
  };

  button.addEventListener("click", () => setOpen(panel.hidden));
  markAll.addEventListener("click", async () => { await markRead(null); setOpen(true); });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !panel.hidden) { setOpen(false); button.focus(); } });
  document.addEventListener("click", (event) => { if (!panel.hidden && !slot.contains(event.target)) setOpen(false); });

  onSocial("notifications", (fresh) => {
    const unread = social().notificationsUnread;
    badge.hidden = unread === 0;
    badge.textContent = unread > 99 ? "99+" : String(unread);
    button.setAttribute("aria-label", unread ? `Notifications, ${unread} unread` : "Notifications");
    // An invitation shows as its own card with its answer buttons; every other kind as a toast.
    // A call has its own card with "I'm ready" (tournament/call-center.js).
    if (fresh && fresh.kind !== "game_invite" && fresh.kind !== "tournament_call") toast(describe(fresh));
  });
}

export function setBellVisible(visible) {
  if (slot) slot.hidden = !visible;
}
