import { t } from "../i18n/i18n.js";
import { roundName } from "../components/words.js";
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
  const opponent = data.opponent ?? t("common.yourOpponent");
  const won = data.result === "won";
  const how = {
    disconnected: won ? t("notificationBell.byForfeitDidntComeBack", { opponent }) : t("notificationBell.byForfeitYouDidntCome"),
    no_show: won ? t("notificationBell.byForfeitNeverArrived", { opponent }) : t("notificationBell.byForfeitYouNeverJoined"),
    quit: won ? t("notificationBell.byForfeitQuit", { opponent }) : t("notificationBell.byForfeit"),
  }[data.reason] ?? data.score ?? "";
  const parts = [`${won ? t("notificationBell.youBeat", { opponent }) : t("notificationBell.youLostTo", { opponent })} ${how}`.trim()];
  if (data.ratingChange != null && data.rating != null) parts.push(t("notificationBell.rating", { value: ratingMove(Number(data.ratingChange), Number(data.rating)) }));
  else if (data.ratingNote === "too_short") parts.push(t("notificationBell.notRatedItEndedToo"));
  if (data.name) parts.push(won ? t("notificationBell.ofWon", { round: data.round ? roundName(data.round) : t("common.match"), name: data.name }) : t("notificationBell.outOf", { name: data.name }));
  return parts.join(" · ");
}

function describe(notification) {
  const who = notification.actor?.username ?? t("notificationBell.someone");
  switch (notification.kind) {
    case "friend_request": return t("notificationBell.sentYouAFriendRequest", { who });
    case "friend_accepted": return t("notificationBell.acceptedYourFriendRequest", { who });
    case "room_invite": return t("notificationBell.addedYouTo", { who, room: notification.data?.room ?? t("notificationBell.aRoom") });
    case "game_invite": return t("notificationBell.invitedYouToAGame", { who });
    case "tournament_invite": return t("notificationBell.invitedYouToTheTournament", { who, name: notification.data?.name ?? "" });
    case "tournament_call": return t("notificationBell.yourAgainstIsReady", { round: roundName(notification.data?.round ?? "Match").toLowerCase(), opponent: notification.data?.opponent ?? t("common.yourOpponent") });
    case "game_result": return describeResult(notification.data ?? {});
    case "tournament_eliminated": return t("notificationBell.youreOutOfYouDidnt", { name: notification.data?.name ?? t("notificationBell.theTournament"), round: roundName(notification.data?.round ?? "Match").toLowerCase(), opponent: notification.data?.opponent ?? t("common.yourOpponent") });
    case "moderation_warning": return t("notificationBell.aModeratorWarnedYou", { reason: notification.data?.reason ?? t("notificationBell.mindTheRules") });
    default: return t("notificationBell.somethingHappened");
  }
}

let slot = null;

export function mountNotificationBell() {
  slot = document.querySelector(".notifications-slot");
  const badge = h("span", { class: "count-badge bell-badge", hidden: true });
  const button = h("button", { type: "button", class: "icon-button bell", "aria-label": t("notificationBell.notifications"), "aria-expanded": "false",
    "aria-controls": "notifications-panel" }, h("span", { class: "bell-icon", "aria-hidden": "true" }), badge);
  const list = h("ul", { class: "notification-list" });
  const markAll = h("button", { type: "button", class: "link-button" }, t("notificationBell.markAllAsRead"));
  const panel = h("section", { id: "notifications-panel", class: "notifications-panel card", "aria-label": t("notificationBell.notifications"), hidden: true },
    h("header", { class: "chat-header" }, h("h2", { class: "chat-title" }, t("notificationBell.notifications")), markAll), list);
  slot.replaceChildren(button, panel);

  const setOpen = async (open) => {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (!open) return;
    const page = await notificationsAPI.page({ limit: 20 }).catch(() => null);
    if (!page) return list.replaceChildren(h("li", { class: "muted" }, t("notificationBell.notificationsDidntLoad")));
    list.replaceChildren(...(page.items.length ? page.items.map(item) : [h("li", { class: "muted notification-empty" }, t("notificationBell.nothingNewFriendRequestsInvitations"))]));
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
    button.setAttribute("aria-label", unread ? t("notificationBell.notificationsUnread", { unread }) : t("notificationBell.notifications"));
    // An invitation shows as its own card with its answer buttons; every other kind as a toast.
    // A call has its own card with "I'm ready" (tournament/call-center.js).
    if (fresh && fresh.kind !== "game_invite" && fresh.kind !== "tournament_call") toast(describe(fresh));
  });
}

export function setBellVisible(visible) {
  if (slot) slot.hidden = !visible;
}
