// The signed-in player's social state, kept live from the socket: friends
// with presence, requests, conversations with unread counts, and the
// notification badge. Screens read it and listen for "friends", "chat" and
// "notifications" changes; after a reconnect everything is fetched again, so
// nothing missed while offline stays missing.
import { api } from "../api.js";
import * as realtime from "../realtime.js";

const state = {
  me: null,
  friends: [],
  incoming: [],
  outgoing: [],
  conversations: [],
  notificationsUnread: 0,
};
const changes = new EventTarget();

export function social() {
  return state;
}

/// Listens for `kind` ("friends", "chat", "notifications", "message", "typing", "read"); returns an unsubscribe function.
export function onSocial(kind, listener) {
  const handler = (event) => listener(event.detail);
  changes.addEventListener(kind, handler);
  return () => changes.removeEventListener(kind, handler);
}

function changed(kind, detail) {
  changes.dispatchEvent(new CustomEvent(kind, { detail }));
}

export async function loadFriends() {
  if (!state.me) return;
  const overview = await api("/api/friends");
  Object.assign(state, { friends: overview.friends, incoming: overview.incoming, outgoing: overview.outgoing });
  changed("friends");
}

export async function loadConversations() {
  if (!state.me) return;
  state.conversations = await api("/api/chat/conversations");
  changed("chat");
}

export async function loadNotificationCount() {
  if (!state.me) return;
  const page = await api("/api/notifications?limit=1");
  state.notificationsUnread = page.unread;
  changed("notifications");
}

export function totalUnread() {
  return state.conversations.reduce((sum, conversation) => sum + conversation.unread, 0);
}

export function presenceOf(username) {
  return state.friends.find((friend) => friend.user.username === username)?.presence ?? null;
}

export function conversation(id) {
  return state.conversations.find((item) => item.id === id) ?? null;
}

function refreshAll() {
  return Promise.all([loadFriends(), loadConversations(), loadNotificationCount()]).catch(() => {});
}

/// Starts (or stops, with null) following the social life of `user`.
export function follow(user) {
  const previous = state.me;
  state.me = user ? user.username : null;
  if (!user) {
    Object.assign(state, { friends: [], incoming: [], outgoing: [], conversations: [], notificationsUnread: 0 });
    ["friends", "chat", "notifications"].forEach((kind) => changed(kind));
    realtime.disconnect();
    return;
  }
  // Opening the socket fetches everything (the "open" handler below); an open one needs it done here.
  if (previous !== state.me && realtime.isOpen()) refreshAll();
  realtime.connect();
}

realtime.on("open", refreshAll);

realtime.on("presence", ({ user, status }) => {
  const friend = state.friends.find((item) => item.user.username === user);
  if (!friend) return;
  friend.presence = status;
  changed("friends");
});

realtime.on("friend", () => { loadFriends().catch(() => {}); });

realtime.on("message", (message) => {
  const known = conversation(message.conversation);
  if (!known) {
    // A conversation this tab has not seen yet (someone wrote first).
    loadConversations().catch(() => {});
  } else {
    known.lastMessage = message;
    known.updatedAt = message.sentAt;
    if (message.sender?.username !== state.me && message.id > known.lastRead) known.unread += 1;
    else if (message.sender?.username === state.me) { known.lastRead = message.id; known.unread = 0; }
    state.conversations.sort((a, b) => new Date(b.updatedAt) - new Date(a.updatedAt));
    changed("chat");
  }
  changed("message", message);
});

realtime.on("read", (event) => {
  const known = conversation(event.conversation);
  if (known && event.user === state.me && event.messageId >= known.lastRead) {
    known.lastRead = event.messageId;
    known.unread = 0;
    changed("chat");
  }
  changed("read", event);
});

realtime.on("typing", (event) => changed("typing", event));
realtime.on("conversation", () => { loadConversations().catch(() => {}); });

realtime.on("notification", (notification) => {
  state.notificationsUnread += 1;
  changed("notifications", notification);
});

realtime.on("notifications_read", ({ unread }) => {
  state.notificationsUnread = unread;
  changed("notifications");
});
