import { t } from "../i18n/i18n.js";
// Rooms: creating one with friends, and a room's member list (open a
// member's profile, add a friend, leave).
import { h } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { ApiError } from "../api/client.js";
import * as chatAPI from "../api/chat.js";
import { toast } from "../components/toast.js";
import { social, loadConversations } from "./store.js";

function backHeader(title, back) {
  return h("header", { class: "chat-header" },
    h("button", { type: "button", class: "icon-button", "aria-label": t("chatRooms.back"), onclick: back }, "‹"),
    h("h2", { class: "chat-title" }, title));
}

function problem(error, fallback) {
  return error instanceof ApiError ? (Object.values(error.fields)[0] ?? error.message) : fallback;
}

export function newRoomView({ back, opened }) {
  const error = h("p", { class: "field-error", role: "alert", hidden: true });
  const name = h("input", { id: "room-name", name: "name", maxlength: 40, required: true, autocomplete: "off" });
  const friends = social().friends;
  const choices = friends.length
    ? friends.map((friend) => h("label", { class: "check" },
        h("input", { type: "checkbox", name: "members", value: friend.user.username }), friend.user.username))
    : [h("p", { class: "muted small" }, t("chatRooms.addFriendsFirstToInvite"))];
  const form = h("form", { class: "chat-room-form stack" },
    h("div", { class: "field" }, h("label", { for: "room-name" }, t("chatRooms.roomName")), name),
    h("fieldset", { class: "settings-fieldset" }, h("legend", {}, t("chatRooms.inviteFriends")), choices),
    error,
    h("button", { type: "submit", class: "button button-primary" }, t("chatRooms.createRoom")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const members = [...form.querySelectorAll("input[name=members]:checked")].map((box) => box.value);
    try {
      const room = await chatAPI.createRoom({ name: name.value, members });
      await loadConversations();
      opened(room.id);
    } catch (failure) {
      error.textContent = problem(failure, t("chatRooms.theRoomWasntCreatedTry"));
      error.hidden = false;
    }
  });
  return h("div", { class: "chat-view chat-scroll" }, backHeader(t("chatRooms.newRoom"), back), form);
}

export function membersView(room, { back, left }) {
  const error = h("p", { class: "field-error", role: "alert", hidden: true });
  const inRoom = new Set(room.members.map((member) => member.username));
  const candidates = social().friends.filter((friend) => !inRoom.has(friend.user.username));
  const select = h("select", { id: "room-add", name: "username" },
    candidates.map((friend) => h("option", { value: friend.user.username }, friend.user.username)));
  const add = h("form", { class: "inline-form" },
    h("label", { for: "room-add", class: "visually-hidden" }, t("chatRooms.friendToAdd")), select,
    h("button", { type: "submit", class: "button button-small button-primary" }, t("chatRooms.add")));
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await chatAPI.addMember(room.id, select.value);
      toast(t("chatRooms.joined", { value: select.value, title: room.title }), "success");
      await loadConversations();
      back();
    } catch (failure) {
      error.textContent = problem(failure, t("chatRooms.couldntAddThem"));
      error.hidden = false;
    }
  });
  const leave = h("button", { type: "button", class: "button button-small button-danger", onclick: async () => {
    try {
      await chatAPI.leave(room.id);
      await loadConversations();
      left();
    } catch (failure) {
      error.textContent = problem(failure, t("chatRooms.couldntLeaveTheRoom"));
      error.hidden = false;
    }
  } }, t("chatRooms.leaveRoom"));
  return h("div", { class: "chat-view chat-scroll" },
    backHeader(t("chatRooms.membersOf", { title: room.title }), back),
    h("ul", { class: "person-list", "aria-label": t("chatRooms.members") }, room.members.map((member) =>
      h("li", { class: "person-row" }, h("a", { href: `/users/${encodeURIComponent(member.username)}`, class: "person-link" },
        avatar(member.avatarURL, member.username, "sm"), h("span", { class: "person-name" }, member.username))))),
    candidates.length ? add : h("p", { class: "muted small" }, t("chatRooms.allYourFriendsAreAlready")),
    error, leave);
}
