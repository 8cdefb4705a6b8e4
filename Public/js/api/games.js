// Starting games and the ones still running.
import { request } from "./client.js";

export const live = () => request("/api/games");
/// Every live game, to watch.
export const watchable = () => request("/api/games/live");

/// The live game `username` is playing, if any.
export async function liveGameOf(username) {
  const games = await watchable();
  return games.find((game) => [game.left, game.right].some((player) => player.kind === "user" && player.name === username)) ?? null;
}
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

/// A visitor (no account) plays the computer at once; nothing of the game is stored.
export function startAsVisitor(difficulty = "easy") {
  return request("/api/visitor-games", { method: "POST", json: { difficulty } });
}
