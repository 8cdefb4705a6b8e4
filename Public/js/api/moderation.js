// Reports from players, and the moderators' queue, actions and audit log. The moderation routes
// answer 404 to anyone who is not staff.
import { request } from "./client.js";

/// `{ username, reason, text, messageID, matchID, tournamentID }`; answers `{ message }`.
export const report = (body) => request("/api/reports", { method: "POST", json: body });

export const openReports = () => request("/api/moderation/reports");
export const log = ({ before } = {}) => request(`/api/moderation/log${before ? `?before=${before}` : ""}`);
export const dismiss = (id, reason) => request(`/api/moderation/reports/${encodeURIComponent(id)}/dismiss`, { method: "POST", json: { reason } });
/// `action`: warn, mute, unmute, reset-username, reset-avatar, suspend, unsuspend, farmed.
export const act = (username, action, { reason, report, minutes, opponent }) =>
  request(`/api/moderation/players/${encodeURIComponent(username)}/${action}`, { method: "POST", json: { reason, report, minutes, opponent } });
