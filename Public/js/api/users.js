// Public player profiles.
import { request } from "./client.js";

export const profile = (username) => request(`/api/users/${encodeURIComponent(username)}`);
