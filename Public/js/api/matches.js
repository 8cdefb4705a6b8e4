// Match records and players' figures.
import { request } from "./client.js";

export const mine = ({ page, per }) => request(`/api/matches?page=${page}&per=${per}`);
export const detail = (id) => request(`/api/matches/${encodeURIComponent(id)}`);
export const replay = (id) => request(`/api/matches/${encodeURIComponent(id)}/replay`);
export const ofPlayer = (username, { per }) => request(`/api/users/${encodeURIComponent(username)}/matches?per=${per}`);
export const statsOf = (username) => request(`/api/users/${encodeURIComponent(username)}/stats`);
// A rematch after a remote game: offer (or accept a crossing offer), answer, and leave the end screen.
export const offerRematch = (id) => request(`/api/matches/${encodeURIComponent(id)}/rematch`, { method: "POST" });
export const acceptRematch = (id) => request(`/api/matches/${encodeURIComponent(id)}/rematch/accept`, { method: "POST" });
export const declineRematch = (id) => request(`/api/matches/${encodeURIComponent(id)}/rematch/decline`, { method: "POST" });
export const leaveRematch = (id) => request(`/api/matches/${encodeURIComponent(id)}/rematch`, { method: "DELETE" });
