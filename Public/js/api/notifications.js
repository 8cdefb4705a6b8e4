// The notification list and its unread count.
import { request } from "./client.js";

export const page = ({ limit }) => request(`/api/notifications?limit=${limit}`);
/// Marks these ids read, or every one when `ids` is absent.
export const markRead = (ids) => request("/api/notifications/read", { method: "POST", json: ids ? { ids } : {} });
