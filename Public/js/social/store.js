// The signed-in player's social state, kept live from the socket: friends
// with presence, requests, conversations with unread counts, and the
// notification badge. Screens read it and listen for "friends", "chat" and
// "notifications" changes; after a reconnect everything is fetched again, so
// nothing missed while offline stays missing. It is the only place that
// fetches again after something changed: screens act through it (`act`) and
// redraw when it announces the change, instead of fetching for themselves.
import * as friendsAPI from "../api/friends.js";
import * as chatAPI from "../api/chat.js";
import * as notificationsAPI from "../api/notifications.js";
import * as playAPI from "../api/play.js";
import * as realtime from "../realtime.js";
import { ServerEvents, SocketEvents } from "../realtime.js";
import * as events from "../events.js";

const state = {
  me: null,
  friends: [],
  incoming: [],
  outgoing: [],
  blocked: [],
  /// False until the friend lists have loaded once for this player.
  friendsLoaded: false,
  conversations: [],
  notificationsUnread: 0,
  /// Pending game invitations, both ways.
  invitations: { incoming: [], outgoing: [] },
};

export function social() {
  return state;
}

/// Listens for `kind` ("friends", "chat", "notifications", "invitations", "message", "typing", "read"); returns an unsubscribe function.
export function onSocial(kind, listener) {
  return events.on(`social:${kind}`, listener);
}

function changed(kind, detail) {
  events.emit(`social:${kind}`, detail);
}

/// Runs `load` now, or once more after the run in flight: a burst of changes costs at most two fetches.
function coalesced(load) {
  let running = null;
  let again = false;
  return function run() {
    if (running) {
      again = true;
      return running;
    }
    running = load().finally(() => {
      running = null;
      if (again) {
        again = false;
        run().catch(() => {});
      }
    });
    return running;
  };
}

export const loadFriends = coalesced(async () => {
  if (!state.me) return;
  const [overview, blocked] = await Promise.all([friendsAPI.overview(), friendsAPI.blocked()]);
  Object.assign(state, { friends: overview.friends, incoming: overview.incoming, outgoing: overview.outgoing,
    blocked: blocked.map((user) => user.username), friendsLoaded: true });
  changed("friends");
});

export const loadConversations = coalesced(async () => {
  if (!state.me) return;
  state.conversations = await chatAPI.conversations();
  changed("chat");
});

/// What I am to `username`: "friends", "incoming", "outgoing", "blocked" or "none".
export function relationWith(username) {
  if (state.blocked.includes(username)) return "blocked";
  if (state.friends.some((friend) => friend.user.username === username)) return "friends";
  if (state.incoming.some((request) => request.user.username === username)) return "incoming";
  if (state.outgoing.some((request) => request.user.username === username)) return "outgoing";
  return "none";
}

/// Does `action` ("request", "accept", "decline", "cancel", "remove", "block", "unblock") to `username`,
/// then fetches the friend lists once; every panel showing them redraws from the "friends" change.
export async function act(action, username) {
  await friendsAPI.actions[action](username);
  await loadFriends();
  // Blocking and unblocking change which conversations are listed.
  if (action === "block" || action === "unblock") loadConversations().catch(() => {});
}

export const loadInvitations = coalesced(async () => {
  if (!state.me) return;
  state.invitations = await playAPI.pending();
  changed("invitations");
});

/// An invitation's new state: pending ones are listed, answered ones leave the lists.
function invitationChanged(invitation) {
  const mine = invitation.to.username === state.me ? "incoming" : "outgoing";
  const others = state.invitations[mine].filter((item) => item.id !== invitation.id);
  state.invitations[mine] = invitation.status === "pending" ? [invitation, ...others] : others;
  changed("invitations", invitation);
}

/// Invites a friend; the socket's "invitation" event updates the lists (the answer does too, in case it is late).
export async function invite(details) {
  const invitation = await playAPI.invite(details);
  invitationChanged(invitation);
  return invitation;
}

/// Answers ("accept", "decline") or takes back ("cancel") an invitation.
export async function answer(action, id) {
  const invitation = await playAPI[action](id);
  invitationChanged(invitation);
  return invitation;
}

export async function loadNotificationCount() {
  if (!state.me) return;
  const page = await notificationsAPI.page({ limit: 1 });
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
  // A visitor's socket (a game against the computer) has no social life to load.
  if (!state.me) return Promise.resolve();
  return Promise.all([loadFriends(), loadConversations(), loadNotificationCount(), loadInvitations()]).catch(() => {});
}

/// Starts (or stops, with null) following the social life of `user`.
export function follow(user) {
  const previous = state.me;
  state.me = user ? user.username : null;
  if (!user) {
    Object.assign(state, { friends: [], incoming: [], outgoing: [], blocked: [], friendsLoaded: false, conversations: [],
      notificationsUnread: 0, invitations: { incoming: [], outgoing: [] } });
    ["friends", "chat", "notifications", "invitations"].forEach((kind) => changed(kind));
    realtime.disconnect();
    return;
  }
  // Opening the socket fetches everything (the "open" handler below); an open one needs it done here.
  if (previous !== state.me && realtime.isOpen()) refreshAll();
  realtime.connect();
}

realtime.on(SocketEvents.open, refreshAll);

realtime.on(ServerEvents.presence, ({ user, status }) => {
  const friend = state.friends.find((item) => item.user.username === user);
  if (!friend) return;
  friend.presence = status;
  changed("friends");
});

realtime.on(ServerEvents.friend, () => { loadFriends().catch(() => {}); });

realtime.on(ServerEvents.message, (message) => {
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

realtime.on(ServerEvents.read, (event) => {
  const known = conversation(event.conversation);
  if (known && event.user === state.me && event.messageId >= known.lastRead) {
    known.lastRead = event.messageId;
    known.unread = 0;
    changed("chat");
  }
  changed("read", event);
});

realtime.on(ServerEvents.typing, (event) => changed("typing", event));
realtime.on(ServerEvents.conversation, () => { loadConversations().catch(() => {}); });

realtime.on(ServerEvents.notification, (notification) => {
  state.notificationsUnread += 1;
  changed("notifications", notification);
});

realtime.on(ServerEvents.invitation, invitationChanged);

realtime.on(ServerEvents.notificationsRead, ({ unread }) => {
  state.notificationsUnread = unread;
  changed("notifications");
});
