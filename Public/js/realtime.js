// The tab's one WebSocket to the server (games, presence, chat, notifications):
// typed JSON messages {t, d} (the server's are the cases of ServerEvent.swift),
// binary snapshots, and reconnection with backoff. The session cookie
// authenticates it; nothing secret goes in the URL. Close 4001 means the
// session ended (back to log in); 4009 and 4029 mean too many sockets.
// Every message is announced on the page's event bus as "socket:<type>"; listen through `on`
// with a name from ServerEvents (generated from the server's declarations) or SocketEvents.
import { localizeNames } from "./i18n/i18n.js";
import * as events from "./events.js";
import { ServerEvents } from "./realtime-events.js";

/// What the socket itself reports, beside the server's events.
export const SocketEvents = Object.freeze({ open: "open", close: "close", binary: "binary" });
export { ServerEvents };
const KNOWN = new Set([...Object.values(ServerEvents), ...Object.values(SocketEvents)]);

// Close codes the server uses (see RealtimeConnection.swift).
const CLOSE_SESSION_ENDED = 4001;
const CLOSE_REPLACED = 4009;
const CLOSE_TOO_MANY = 4029;
let socket = null;
let retryDelay = 500;
let retryTimer = null;
let wanted = false;
// Until this time, a "session ended" close was caused by this tab (signing out, deleting the account).
let ownEndingUntil = 0;

/// Listens for one kind of socket message on the bus; returns the function that stops listening.
export function on(type, handler) {
  // A misspelt or retired type would never fire: say so at once.
  if (!KNOWN.has(type)) throw new Error(`Unknown socket event "${type}": use ServerEvents or SocketEvents`);
  return events.on(`socket:${type}`, handler);
}

function emit(type, data) {
  events.emit(`socket:${type}`, data);
}

export function isOpen() {
  return socket?.readyState === WebSocket.OPEN;
}

export function send(type, data) {
  if (!isOpen()) return false;
  socket.send(JSON.stringify(data === undefined ? { t: type } : { t: type, d: data }));
  return true;
}

/// Opens the connection if needed; resolves once it is open.
export function connect() {
  wanted = true;
  if (isOpen()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = on(SocketEvents.open, () => { off(); resolve(); });
    if (!socket || socket.readyState === WebSocket.CLOSED) open();
  });
}

/// This tab is about to end its own session: the socket's "session ended" close is expected, not news.
export function endingOwnSession() {
  ownEndingUntil = Date.now() + 10000;
}

export function disconnect() {
  wanted = false;
  clearTimeout(retryTimer);
  socket?.close(1000);
  socket = null;
}

function open() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(`${scheme}://${location.host}/api/ws`);
  ws.binaryType = "arraybuffer";
  socket = ws;
  ws.addEventListener("open", () => {
    retryDelay = 500;
    emit(SocketEvents.open);
  });
  ws.addEventListener("message", (event) => {
    if (typeof event.data !== "string") return emit(SocketEvents.binary, event.data);
    let message;
    try { message = localizeNames(JSON.parse(event.data)); } catch (_) { return; }
    emit(message.t, message.d ?? {});
  });
  ws.addEventListener("close", (event) => {
    if (socket !== ws) return;
    emit(SocketEvents.close);
    if (event.code === CLOSE_SESSION_ENDED) {
      // Signed out elsewhere, the password changed, the session was revoked: back to log in
      // (unless this tab is the one ending it, which then finishes its own way).
      if (Date.now() > ownEndingUntil) events.emit("session-ended");
      return;
    }
    // Too many tabs of this account: this, the oldest, stays closed instead of pushing out another.
    if (event.code === CLOSE_REPLACED || !wanted) return;
    if (event.code === CLOSE_TOO_MANY) retryDelay = Math.max(retryDelay, 8000);
    // Back off up to 8 s, each wait drawn between half and all of it: when an instance of a cluster
    // dies its thousands of tabs come back spread out, not in one storm. A signed-out tab stops
    // trying once the API reports it.
    retryTimer = setTimeout(open, retryDelay * (0.5 + Math.random() / 2));
    retryDelay = Math.min(retryDelay * 2, 8000);
  });
}

events.on("session-ended", disconnect);
