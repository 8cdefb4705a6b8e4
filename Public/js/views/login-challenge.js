// The pending second step of a login, kept for this tab only so a reload of
// the code screen keeps working; cleared once used.
const KEY = "pending-login";

export function rememberChallenge(challenge) {
  sessionStorage.setItem(KEY, JSON.stringify(challenge));
}

export function pendingChallenge() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    return value && new Date(value.expiresAt) > new Date() ? value : null;
  } catch (_) {
    return null;
  }
}

export function forgetChallenge() {
  sessionStorage.removeItem(KEY);
}
