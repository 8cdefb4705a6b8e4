import { t } from "../i18n/i18n.js";
import { systemText } from "./system-lines.js";
// The chat dock, bottom right on every screen: a button with the unread
// count that opens a panel with the conversation list, one conversation, or
// a room's settings. It lives outside <main>, so it stays open while the
// player moves between screens.
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as chatAPI from "../api/chat.js";
import { toast } from "../components/toast.js";
import { social, onSocial, totalUnread, loadConversations, conversation } from "./store.js";
import { conversationView } from "./chat-conversation.js";
import { newRoomView, membersView } from "./chat-rooms.js";
import { Scope } from "../lifecycle.js";

const REMEMBERED = "chat-dock";
let dock = null;
let view = { name: "list" };
/// What the panel's current view started; disposed when the view changes or the panel closes.
let viewScope = new Scope();
/// After a reload, the conversation that was open, shown once the list has loaded.
let restoring = null;

export function mountChatDock() {
  if (dock) return;
  const badge = h("span", { class: "count-badge", hidden: true });
  const toggle = h("button", { type: "button", class: "chat-toggle", "aria-expanded": "false", "aria-controls": "chat-panel",
    onclick: () => setOpen(toggle.getAttribute("aria-expanded") !== "true") },
    h("span", { class: "chat-toggle-icon", "aria-hidden": "true" }), h("span", { class: "chat-toggle-label" }, t("common.chat")), badge);
  const body = h("div", { class: "chat-body" });
  const panel = h("section", { id: "chat-panel", class: "chat-panel", "aria-label": t("common.chat"), hidden: true }, body);
  dock = { root: h("div", { class: "chat-dock", hidden: true }, panel, toggle), toggle, badge, panel, body };
  document.body.append(dock.root);
  placeToggle();

  onSocial("chat", () => {
    if (restoring) {
      const target = restoring;
      restoring = null;
      if (conversation(target.id) && view.name === "list") show(target);
    }
    const unread = totalUnread();
    badge.hidden = unread === 0;
    badge.textContent = unread > 99 ? "99+" : String(unread);
    toggle.setAttribute("aria-label", unread ? t("chatDock.chatUnread", { unread }) : t("common.chat"));
    if (view.name === "list") show(view);
  });
  const remembered = JSON.parse(sessionStorage.getItem(REMEMBERED) ?? "null");
  if (remembered?.open) {
    if (remembered.view?.name === "conversation") restoring = remembered.view;
    setOpen(true);
  }
}

/// On a phone the button sits in the top bar, where it covers nothing; elsewhere it floats bottom right.
const PHONE = window.matchMedia("(max-width: 640px)");

function placeToggle() {
  const slot = document.querySelector(".chat-slot");
  if (PHONE.matches && slot) slot.append(dock.toggle);
  else dock.root.append(dock.toggle);
  dock.toggle.classList.toggle("in-topbar", PHONE.matches);
  PHONE.onchange ??= placeToggle;
}

/// A navigation closes the full-screen chat of a phone: the player asked for the screen they chose.
export function closeOnPhone() {
  if (PHONE.matches && dock && !dock.panel.hidden) setOpen(false);
}

/// Shows the dock to a signed-in player, hides it from guests.
export function setDockVisible(visible) {
  if (!dock) return;
  dock.root.hidden = !visible;
  dock.toggle.hidden = !visible;
  if (!visible) {
    setOpen(false);
    view = { name: "list" };
    sessionStorage.removeItem(REMEMBERED);
  }
}

function remember() {
  sessionStorage.setItem(REMEMBERED, JSON.stringify({ open: !dock.panel.hidden, view }));
}

export function setOpen(open) {
  if (!dock) return;
  dock.panel.hidden = !open;
  // The game screen makes room for the open dock.
  document.body.classList.toggle("chat-open", open);
  window.dispatchEvent(new Event("resize"));
  dock.toggle.setAttribute("aria-expanded", String(open));
  dock.root.classList.toggle("chat-dock-open", open);
  if (open) show(view);
  else viewScope.dispose();
  remember();
}

/// Switches the panel to `next` ({name: "list" | "conversation" | "new-room" | "members", id}).
export function show(next) {
  viewScope.dispose();
  viewScope = new Scope();
  view = next;
  remember();
  if (dock.panel.hidden) return;
  if (next.name === "conversation" && conversation(next.id)) {
    dock.body.replaceChildren(conversationView(conversation(next.id), {
      back: () => show({ name: "list" }), members: () => show({ name: "members", id: next.id }), close: () => setOpen(false) }, viewScope));
  } else if (next.name === "new-room") {
    dock.body.replaceChildren(newRoomView({ back: () => show({ name: "list" }), opened: (id) => show({ name: "conversation", id }) }));
  } else if (next.name === "members" && conversation(next.id)) {
    dock.body.replaceChildren(membersView(conversation(next.id), { back: () => show({ name: "conversation", id: next.id }), left: () => show({ name: "list" }) }));
  } else {
    view = { name: "list" };
    dock.body.replaceChildren(listView());
  }
}

export async function openConversation(id) {
  if (!conversation(id)) await loadConversations();
  view = { name: "conversation", id };
  setOpen(true);
  dock.panel.querySelector("textarea")?.focus();
}

/// Opens (creating if needed) the direct conversation with `username`.
export async function openDirect(username) {
  try {
    const opened = await chatAPI.openDirect(username);
    await loadConversations();
    await openConversation(opened.id);
  } catch (error) {
    toast(error instanceof ApiError ? error.message : t("chatDock.couldntOpenTheConversation"), "error");
  }
}

function preview(item) {
  const last = item.lastMessage;
  if (!last) return t("chatDock.noMessagesYet");
  const who = last.kind === "system" ? "" : last.sender?.username === social().me ? t("chatDock.you") : item.kind === "room" ? `${last.sender?.username}: ` : "";
  return who + (last.kind === "system" ? systemText(last) : last.text);
}

function listView() {
  const items = social().conversations;
  const header = h("header", { class: "chat-header" },
    h("h2", { class: "chat-title" }, t("chatDock.messages")),
    h("button", { type: "button", class: "button button-small button-ghost", onclick: () => show({ name: "new-room" }) }, t("chatDock.newRoom")),
    h("button", { type: "button", class: "icon-button chat-close", "aria-label": t("chatDock.closeChat"), onclick: () => setOpen(false) }, "×"));
  const list = items.length
    ? h("ul", { class: "conversation-list", "aria-label": t("chatDock.conversations") }, items.map((item) =>
        h("li", {}, h("button", { type: "button", class: "conversation-item", onclick: () => show({ name: "conversation", id: item.id }) },
          h("span", { class: "conversation-line" },
            h("span", { class: "conversation-name" }, item.kind === "room" ? `# ${item.title}` : item.title),
            item.unread ? h("span", { class: "count-badge" }, String(item.unread), h("span", { class: "visually-hidden" }, t("chatDock.unread"))) : null),
          h("span", { class: "conversation-preview muted" }, preview(item))))))
    : h("p", { class: "muted chat-empty" }, t("chatDock.noConversationsYetMessageA"));
  return h("div", { class: "chat-view" }, header, list);
}
