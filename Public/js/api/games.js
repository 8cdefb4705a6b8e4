// Starting games and the ones still running.
import { request } from "./client.js";

export const live = () => request("/api/games");
/// The named looks and their colours, for the settings preview.
export const looks = () => request("/api/game-looks");

/// Starts a game: against the AI at `difficulty`, or locally with the guests' names.
export function start({ mode, difficulty, leftName, rightName }) {
  const json = { mode };
  if (mode === "ai") json.difficulty = difficulty;
  if (mode === "local") {
    json.rightName = rightName ?? "";
    if (leftName !== undefined) json.leftName = leftName;
  }
  return request("/api/games", { method: "POST", json });
}
