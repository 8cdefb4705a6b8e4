// A visitor's game against the computer: the same screen as a player's, with
// nothing social on it, and an end screen that invites them to sign up.
import { renderGame } from "./game.js";

export async function render(main, context) {
  return renderGame(main, context, { spectate: false, visitor: true });
}
