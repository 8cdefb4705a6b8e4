// Match records and players' figures.
import { request } from "./client.js";

export const mine = ({ page, per }) => request(`/api/matches?page=${page}&per=${per}`);
export const detail = (id) => request(`/api/matches/${encodeURIComponent(id)}`);
export const replay = (id) => request(`/api/matches/${encodeURIComponent(id)}/replay`);
export const ofPlayer = (username, { per }) => request(`/api/users/${encodeURIComponent(username)}/matches?per=${per}`);
export const statsOf = (username) => request(`/api/users/${encodeURIComponent(username)}/stats`);
