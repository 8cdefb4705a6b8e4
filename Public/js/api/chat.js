// Conversations, messages, read markers and rooms.
import { request } from "./client.js";

const at = (id) => `/api/chat/conversations/${encodeURIComponent(id)}`;

export const conversations = () => request("/api/chat/conversations");
export const openDirect = (username) => request("/api/chat/direct", { method: "POST", json: { username } });
export const createRoom = ({ name, members }) => request("/api/chat/rooms", { method: "POST", json: { name, members } });
/// A page of messages, older than `before` when given.
export const messages = (id, { before } = {}) => request(`${at(id)}/messages${before ? `?before=${before}` : ""}`);
export const send = (id, text) => request(`${at(id)}/messages`, { method: "POST", json: { text } });
export const markRead = (id, messageId) => request(`${at(id)}/read`, { method: "POST", json: { messageId } });
export const addMember = (id, username) => request(`${at(id)}/members`, { method: "POST", json: { username } });
export const leave = (id) => request(`${at(id)}/members/me`, { method: "DELETE" });
