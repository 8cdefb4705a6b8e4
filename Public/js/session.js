// Who is logged in, as the server last told us. Views read it; the router
// asks the server once at start-up and after login or logout.
import * as authAPI from "./api/auth.js";
import { emit } from "./events.js";

let currentUser = null;
const listeners = new Set();

export function user() {
  return currentUser;
}

export function setUser(next) {
  currentUser = next;
  listeners.forEach((listener) => listener(currentUser));
  // Screens that show part of the account (the security card) redraw from the bus.
  emit("user-changed", currentUser);
}

export function onUserChange(listener) {
  listeners.add(listener);
}

export async function refreshUser() {
  const status = await authAPI.status();
  setUser(status.authenticated ? status.user : null);
  return currentUser;
}
