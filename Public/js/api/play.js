// Game invitations: send, list, answer, take back.
import { request } from "./client.js";

const at = (id) => `/api/invitations/${encodeURIComponent(id)}`;

export const pending = () => request("/api/invitations");
/// Invites `username` with the rules chosen; answers with their invitation accepted if they had just invited me.
export const invite = ({ username, pointsToWin, ballSpeed, paddleSize, rated }) =>
  request("/api/invitations", { method: "POST", json: { username, pointsToWin, ballSpeed, paddleSize, rated } });
export const accept = (id) => request(`${at(id)}/accept`, { method: "POST" });
export const decline = (id) => request(`${at(id)}/decline`, { method: "POST" });
export const cancel = (id) => request(at(id), { method: "DELETE" });

/// Quick match: join the queue (a pairing arrives as `match_found` on the socket), see where I stand, leave.
export const joinQueue = () => request("/api/matchmaking", { method: "POST" });
export const queueStatus = () => request("/api/matchmaking");
export const leaveQueue = () => request("/api/matchmaking", { method: "DELETE" });
