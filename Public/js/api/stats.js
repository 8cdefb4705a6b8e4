// Figures: the site's all-time totals, the leaderboard, a player's dashboard series, head-to-head.
import { request } from "./client.js";

export const site = () => request("/api/stats");
export const leaderboard = ({ page = 1, per = 20, friends = false } = {}) =>
  request(`/api/leaderboard?page=${page}&per=${per}${friends ? "&friends=true" : ""}`);
export const dashboard = (username) => request(`/api/users/${encodeURIComponent(username)}/dashboard`);
export const headToHead = (username) => request(`/api/users/${encodeURIComponent(username)}/head-to-head`);
