// Signing up, in and out, the second step, lost passwords, email links and sessions.
import { request } from "./client.js";

export const status = () => request("/api/auth/status");
export const signUp = ({ username, email, password }) =>
  request("/api/auth/signup", { method: "POST", json: { username, email, password } });
export const confirmSignup = ({ challenge, code }) =>
  request("/api/auth/signup/confirm", { method: "POST", json: { challenge, code } });
export const logIn = ({ login, password }) => request("/api/auth/login", { method: "POST", json: { login, password } });
export const logOut = () => request("/api/auth/logout", { method: "POST" });
export const verifySecondFactor = ({ challenge, code }) => request("/api/auth/2fa", { method: "POST", json: { challenge, code } });
export const resendCode = (challenge) => request("/api/auth/2fa/resend", { method: "POST", json: { challenge } });
export const forgotPassword = (email) => request("/api/auth/password/forgot", { method: "POST", json: { email } });
export const resetPassword = ({ token, password }) => request("/api/auth/password/reset", { method: "POST", json: { token, password } });
export const confirmEmail = (token) => request("/api/auth/email/confirm", { method: "POST", json: { token } });
export const sessions = () => request("/api/auth/sessions");
export const revokeSession = (id) => request(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
export const revokeOtherSessions = () => request("/api/auth/sessions/revoke-others", { method: "POST" });
