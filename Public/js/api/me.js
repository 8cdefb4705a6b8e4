// The signed-in player's own account: details, password, picture, game settings, second factor.
import { request } from "./client.js";

export const me = () => request("/api/me");
export const updateAccount = ({ username, email, currentPassword }) =>
  request("/api/me", { method: "PATCH", json: { username, email, currentPassword } });
export const changePassword = ({ newPassword, currentPassword }) =>
  request("/api/me", { method: "PATCH", json: { newPassword, currentPassword } });
export const exportData = () => request("/api/me/export", { as: "blob" });
export const deleteAccount = (password) => request("/api/me", { method: "DELETE", json: { password } });
export const uploadAvatar = (file) =>
  request("/api/me/avatar", { method: "PUT", body: file, headers: { "Content-Type": file.type || "application/octet-stream" } });
export const removeAvatar = () => request("/api/me/avatar", { method: "DELETE" });
export const resendConfirmation = () => request("/api/me/email/resend-confirmation", { method: "POST" });
export const gameSettings = () => request("/api/me/game-settings");
export const saveGameSettings = (settings) => request("/api/me/game-settings", { method: "PUT", json: settings });
export const twoFactorStatus = () => request("/api/me/2fa");
export const startAuthenticator = () => request("/api/me/2fa/totp/setup", { method: "POST" });
export const confirmAuthenticator = ({ code, password }) => request("/api/me/2fa/totp/confirm", { method: "POST", json: { code, password } });
export const removeAuthenticator = (password) => request("/api/me/2fa/totp", { method: "DELETE", json: { password } });
export const newRecoveryCodes = (password) => request("/api/me/2fa/recovery-codes", { method: "POST", json: { password } });
export const saveLanguage = (language) => request("/api/me/language", { method: "PUT", json: { language } });
