// Tournaments: create (online or local), the lobby's answers, the start, ready checks,
// local matches, and reading one or a list.
import { request } from "./client.js";

const at = (id) => `/api/tournaments/${encodeURIComponent(id)}`;

export const create = (body) => request("/api/tournaments", { method: "POST", json: body });
export const get = (id) => request(at(id));
/// My matches waiting for me to say ready.
export const pendingCalls = () => request("/api/tournaments/calls");
export const mine = ({ page = 1, per = 20, status = "all" } = {}) =>
  request(`/api/tournaments?page=${page}&per=${per}&status=${encodeURIComponent(status)}`);
export const playedBy = (username, { page = 1, per = 20 } = {}) =>
  request(`/api/users/${encodeURIComponent(username)}/tournaments?page=${page}&per=${per}`);
export const invite = (id, username) => request(`${at(id)}/invitations`, { method: "POST", json: { username } });
export const uninvite = (id, username) => request(`${at(id)}/invitations/${encodeURIComponent(username)}`, { method: "DELETE" });
export const join = (id) => request(`${at(id)}/join`, { method: "POST" });
export const decline = (id) => request(`${at(id)}/decline`, { method: "POST" });
export const leave = (id) => request(`${at(id)}/leave`, { method: "POST" });
export const start = (id) => request(`${at(id)}/start`, { method: "POST" });
export const cancel = (id) => request(`${at(id)}/cancel`, { method: "POST" });
/// I'm ready for my called match; when both are, `tournament_call` (started) brings the game.
export const ready = (id, number) => request(`${at(id)}/matches/${number}/ready`, { method: "POST" });
/// A local tournament's match on this keyboard: answers with the game to open.
export const playLocal = (id, number) => request(`${at(id)}/matches/${number}/play`, { method: "POST" });
