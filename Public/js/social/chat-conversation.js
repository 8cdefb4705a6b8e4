import { t, locale } from "../i18n/i18n.js";
import { systemText } from "./system-lines.js";
// One open conversation: its messages (paged back with "Load earlier"), live
// arrivals, who is typing, and the box to write in. Messages are text nodes
// and safe links only. A refused message stays in the box with the reason.
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as chatAPI from "../api/chat.js";
import * as realtime from "../realtime.js";
import { social, onSocial, presenceOf } from "./store.js";
import { linkify } from "./linkify.js";
import { presenceDot } from "./presence.js";
import { invitationLine } from "../play/invitation-line.js";
import { tournamentInvitationLine } from "../tournament/invitation-line.js";
import { openInviteDialog } from "../play/invite-dialog.js";
import { openReportDialog } from "../moderation/report-dialog.js";
import { toast } from "../components/toast.js";

const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 4000;
/// Unsent text per conversation, kept while the dock closes or switches conversation.
const drafts = new Map();

function time(iso) {
  return new Date(iso).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
}

function messageItem(message, isRoom) {
  if (message.kind === "system" && message.data?.event === "game_invitation") {
    return invitationLine(message);
  }
  if (message.kind === "system" && message.data?.event === "tournament_invitation") {
    return tournamentInvitationLine(message);
  }
  if (message.kind === "system") {
    return h("li", { class: "chat-message chat-system", dir: "auto", dataset: { id: message.id } }, systemText(message));
  }
  const mine = message.sender?.username === social().me;
  const name = message.sender?.username ?? t("chatConversation.deletedPlayer");
  const item = h("li", { class: `chat-message${mine ? " chat-mine" : ""}`, dataset: { id: message.id, sender: name } },
    h("div", { class: "chat-meta" },
      message.sender ? h("a", { href: `/users/${encodeURIComponent(name)}`, class: "chat-sender" }, name) : h("span", {}, name),
      h("time", { datetime: message.sentAt, class: "muted" }, time(message.sentAt)),
      mine || !message.sender ? null : messageActions(message, name, isRoom, () => item)),
    // A new account's links stay text: spam comes from accounts made a minute ago.
    h("p", { class: "chat-text", dir: "auto" }, message.linksAsText ? message.text : linkify(message.text)));
  return item;
}

/// Someone else's line: report it; in a room, hide its sender's lines (without blocking them).
function messageActions(message, name, isRoom, item) {
  const quoted = message.text.length > 60 ? `${message.text.slice(0, 57)}…` : message.text;
  const report = h("button", { type: "button", class: "link-button chat-action", "aria-label": t("chatConversation.reportSMessage", { name }) }, t("chatConversation.report"));
  report.addEventListener("click", () => openReportDialog(name, { messageID: message.id, about: t("chatConversation.theirMessage", { quoted }), reason: "chat_abuse" }));
  const hide = isRoom ? h("button", { type: "button", class: "link-button chat-action", "aria-label": t("chatConversation.hideMessagesFrom", { name }) }, t("chatConversation.hide")) : null;
  hide?.addEventListener("click", async () => {
    try {
      await chatAPI.hide(name);
      item().closest(".chat-list")?.querySelectorAll(`[data-sender="${CSS.escape(name)}"]`).forEach((line) => line.remove());
      toast(t("chatConversation.sRoomMessagesAreHidden", { name }));
    } catch (failure) {
      toast(failure instanceof ApiError ? failure.message : t("chatConversation.notHiddenTryAgain"), "error");
    }
  });
  return h("span", { class: "chat-actions" }, report, hide);
}

/// The conversation's panel; its listeners and timers last as long as `scope`.
export function conversationView(item, { back, members, close }, scope) {
  const isRoom = item.kind === "room";
  // The log (announced as new messages arrive, scrolled) holds an ordered list: a list item must sit in a list.
  const list = h("ol", { class: "chat-list" });
  const log = h("div", { class: "chat-log", role: "log", "aria-label": t("chatConversation.messagesIn", { value: isRoom ? item.title : t("chatConversation.yourConversationWith", { name: item.title }) }) }, list);
  const earlierButton = h("button", { type: "button", class: "link-button chat-earlier", hidden: true }, t("chatConversation.loadEarlierMessages"));
  const typingLine = h("p", { class: "chat-typing muted small", "aria-live": "polite" });
  const seen = h("p", { class: "chat-seen muted small", hidden: true }, t("chatConversation.seen"));
  const error = h("p", { class: "field-error", role: "alert", hidden: true });
  const inputId = `chat-input-${item.id}`;
  const textarea = h("textarea", { id: inputId, name: "text", rows: 2, maxlength: 2000, required: true, placeholder: t("chatConversation.writeAMessage") });
  textarea.value = drafts.get(item.id) ?? "";
  const form = h("form", { class: "chat-form" },
    h("label", { for: inputId, class: "visually-hidden" }, t("chatConversation.message", { value: isRoom ? item.title : item.title })),
    textarea, h("button", { type: "submit", class: "button button-small button-primary" }, t("chatConversation.send")));
  const title = isRoom
    ? h("span", { class: "chat-title" }, `# ${item.title}`)
    : h("a", { href: `/users/${encodeURIComponent(item.title)}`, class: "chat-title" }, item.title,
        presenceOf(item.title) ? presenceDot(presenceOf(item.title)) : null);
  const header = h("header", { class: "chat-header" },
    h("button", { type: "button", class: "icon-button", "aria-label": t("chatConversation.allConversations"), onclick: back }, "‹"),
    title,
    isRoom ? h("button", { type: "button", class: "button button-small button-ghost", onclick: members }, t("chatConversation.members"))
      : h("button", { type: "button", class: "button button-small button-ghost", "aria-label": t("chatConversation.inviteToPlay2", { title: item.title }),
          onclick: () => openInviteDialog(item.title) }, t("chatConversation.inviteToPlay")),
    h("button", { type: "button", class: "icon-button chat-close", "aria-label": t("chatConversation.closeChat"), onclick: close }, "×"));

  let earliest = null;
  let newest = item.lastRead;
  let lastTypingSent = 0;
  const typers = new Map();

  const scrollToEnd = () => { log.scrollTop = log.scrollHeight; };
  const add = (message) => {
    if (log.querySelector(`[data-id="${message.id}"]`)) return;
    list.append(messageItem(message, isRoom));
    newest = Math.max(newest, message.id);
    seen.hidden = true;
  };
  const markRead = () => {
    if (document.visibilityState !== "visible" || scope.disposed) return;
    const conversation = social().conversations.find((candidate) => candidate.id === item.id);
    if (conversation && conversation.unread === 0 && conversation.lastRead >= newest) return;
    chatAPI.markRead(item.id, newest).catch(() => {});
  };
  const drawTyping = () => {
    const names = [...typers.keys()];
    typingLine.textContent = names.length === 0 ? "" : names.length === 1 ? t("chatConversation.isTyping", { name: names[0] }) : t("chatConversation.areTyping", { names: names.join(", ") });
  };

  async function loadEarlier() {
    const older = Boolean(earliest);
    const page = await chatAPI.messages(item.id, { before: earliest });
    const firstBefore = list.firstChild;
    const height = log.scrollHeight;
    for (const message of page.items) {
      if (!log.querySelector(`[data-id="${message.id}"]`)) list.insertBefore(messageItem(message, isRoom), firstBefore);
      newest = Math.max(newest, message.id);
    }
    earliest = page.items[0]?.id ?? earliest;
    earlierButton.hidden = page.earlier == null;
    if (!older) scrollToEnd(); else log.scrollTop = log.scrollHeight - height;
  }
  earlierButton.addEventListener("click", () => loadEarlier().catch(() => {}));

  // The words of a send that failed, and the key they went with: sending them again reuses the key,
  // so a send whose answer was lost (it was stored after all) is never stored twice.
  let unsent = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    const clientKey = unsent?.text === text ? unsent.clientKey : chatAPI.newClientKey();
    error.hidden = true;
    // Cleared at once, so whatever is typed while this one is on its way is never wiped by it.
    textarea.value = "";
    drafts.delete(item.id);
    try {
      const message = await chatAPI.send(item.id, text, clientKey);
      unsent = null;
      add(message);
      scrollToEnd();
    } catch (failure) {
      // The text comes back to the box (unless something new was typed), so nothing typed is lost.
      unsent = { text, clientKey };
      if (!textarea.value) textarea.value = text;
      drafts.set(item.id, textarea.value);
      error.textContent = failure instanceof ApiError ? failure.message : t("chatConversation.notSentCheckYourConnection");
      error.hidden = false;
    }
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  textarea.addEventListener("input", () => {
    error.hidden = true;
    drafts.set(item.id, textarea.value);
    if (Date.now() - lastTypingSent > TYPING_EVERY_MS && textarea.value.trim()) {
      lastTypingSent = Date.now();
      realtime.send("typing", { conversation: item.id });
    }
  });

  [
    onSocial("message", (message) => {
      if (message.conversation !== item.id) return;
      const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
      add(message);
      if (message.sender) { typers.delete(message.sender.username); drawTyping(); }
      if (nearEnd || message.sender?.username === social().me) scrollToEnd();
      markRead();
    }),
    onSocial("typing", (event) => {
      if (event.conversation !== item.id || event.user === social().me) return;
      clearTimeout(typers.get(event.user));
      typers.set(event.user, setTimeout(() => { typers.delete(event.user); drawTyping(); }, TYPING_SHOWN_MS));
      drawTyping();
    }),
    onSocial("invitations", (invitation) => {
      // The invitation's line in this conversation follows its answer.
      const line = invitation && log.querySelector(`[data-invitation="${invitation.id}"]`);
      if (line) line.replaceWith(invitationLine(line.message, invitation));
    }),
    onSocial("read", (event) => {
      if (event.conversation !== item.id || event.user === social().me || isRoom) return;
      const mine = [...log.querySelectorAll(".chat-mine")].pop();
      if (mine && Number(mine.dataset.id) <= event.messageId) seen.hidden = false;
    }),
  ].forEach((off) => scope.add(off));
  scope.listen(document, "visibilitychange", () => markRead());
  scope.add(() => typers.forEach((timer) => clearTimeout(timer)));

  loadEarlier().then(markRead).catch(() => {
    error.textContent = t("chatConversation.messagesDidntLoadCloseAnd");
    error.hidden = false;
  });

  return h("div", { class: "chat-view" }, header, earlierButton, log, seen, typingLine, error, form);
}
