// Friends, requests, blocks and player search. Only the social store calls the
// actions (it re-fetches what changed); screens ask the store.
import { request } from "./client.js";

const named = (username) => encodeURIComponent(username);

export const overview = () => request("/api/friends");
export const blocked = () => request("/api/blocks");
export const relationWith = (username) => request(`/api/friends/with/${named(username)}`);
export const search = ({ query, page, per }) =>
  request(`/api/friends/search?q=${encodeURIComponent(query)}&per=${per}&page=${page}`);

/// Every action on another player, by name: what the buttons of the friend panel and a player's page do.
export const actions = {
  request: (username) => request("/api/friends/requests", { method: "POST", json: { username } }),
  accept: (username) => request(`/api/friends/requests/${named(username)}/accept`, { method: "POST" }),
  decline: (username) => request(`/api/friends/requests/${named(username)}/decline`, { method: "POST" }),
  cancel: (username) => request(`/api/friends/requests/${named(username)}`, { method: "DELETE" }),
  remove: (username) => request(`/api/friends/${named(username)}`, { method: "DELETE" }),
  block: (username) => request(`/api/blocks/${named(username)}`, { method: "PUT" }),
  unblock: (username) => request(`/api/blocks/${named(username)}`, { method: "DELETE" }),
};
