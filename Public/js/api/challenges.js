// Challenge links: make one (with its rules), cancel it; see, accept or decline the one behind a link.
import { request } from "./client.js";

const link = (token) => `/api/challenges/link/${encodeURIComponent(token)}`;

export const create = (rules) => request("/api/challenges", { method: "POST", json: rules });
export const cancel = (id) => request(`/api/challenges/${encodeURIComponent(id)}`, { method: "DELETE" });
export const show = (token) => request(link(token));
export const accept = (token) => request(`${link(token)}/accept`, { method: "POST" });
export const decline = (token) => request(`${link(token)}/decline`, { method: "POST" });
