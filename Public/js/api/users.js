// Public player profiles.
import { request } from "./client.js";

export const profile = (username) => request(`/api/users/${encodeURIComponent(username)}`);

/// Players online and games being played right now (no account needed).
export const liveFigures = () => request("/api/live");
