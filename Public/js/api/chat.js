// Conversations, messages, read markers and rooms.
import { request } from "./client.js";

const at = (id) => `/api/chat/conversations/${encodeURIComponent(id)}`;

export const conversations = () => request("/api/chat/conversations");
export const openDirect = (username) => request("/api/chat/direct", { method: "POST", json: { username } });
export const createRoom = ({ name, members }) => request("/api/chat/rooms", { method: "POST", json: { name, members } });
/// A page of messages, older than `before` when given.
export const messages = (id, { before } = {}) => request(`${at(id)}/messages${before ? `?before=${before}` : ""}`);
/// `clientKey` names this message across retries: the server stores it once however often it is sent.
export const send = (id, text, clientKey) => request(`${at(id)}/messages`, { method: "POST", json: { text, clientKey } });

/// A fresh key for one message (random, from the browser's generator: it works without HTTPS too).
export function newClientKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
export const markRead = (id, messageId) => request(`${at(id)}/read`, { method: "POST", json: { messageId } });
export const addMember = (id, username) => request(`${at(id)}/members`, { method: "POST", json: { username } });
export const leave = (id) => request(`${at(id)}/members/me`, { method: "DELETE" });
/// Room senders I hide (without blocking them).
export const hidden = () => request("/api/chat/hidden");
export const hide = (username) => request(`/api/chat/hidden/${encodeURIComponent(username)}`, { method: "PUT" });
export const unhide = (username) => request(`/api/chat/hidden/${encodeURIComponent(username)}`, { method: "DELETE" });
