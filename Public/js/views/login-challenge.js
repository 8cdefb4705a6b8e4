// A pending second step (of a login, or of a sign-up), kept for this tab only so a reload of
// the code screen keeps working; cleared once used or expired.
function pendingStore(key) {
  return {
    remember(value) { sessionStorage.setItem(key, JSON.stringify(value)); },
    pending() {
      try {
        const value = JSON.parse(sessionStorage.getItem(key) ?? "null");
        return value && new Date(value.expiresAt) > new Date() ? value : null;
      } catch (_) {
        return null;
      }
    },
    forget() { sessionStorage.removeItem(key); },
  };
}

const login = pendingStore("pending-login");
export const rememberChallenge = login.remember;
export const pendingChallenge = login.pending;
export const forgetChallenge = login.forget;

export const pendingSignup = pendingStore("pending-signup");
