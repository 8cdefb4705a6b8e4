// Watching a live game: the same court and read-outs as the players', no controls.
import { renderGame } from "./game.js";

export function render(main, context) {
  return renderGame(main, context, { spectate: true });
}
