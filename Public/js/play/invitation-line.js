// A game invitation as its line in the direct conversation: who invited whom,
// the rules, and where it stands. The invited player answers from it; the
// inviter can take it back. It is redrawn when the invitation changes.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import { social, answer } from "../social/store.js";
import * as gamesAPI from "../api/games.js";
import * as matchesAPI from "../api/matches.js";

// A finished game's record never changes: each is fetched once per page.
const finished = new Map();

/// "Bob won 3–1", "Abandoned", … for the game an accepted invitation started, or null while it is live.
async function resultOf(gameID) {
  if (finished.has(gameID)) return finished.get(gameID);
  // Still being played (a game of mine in progress): there is no record yet, and asking for one would be a 404.
  const live = await gamesAPI.live().catch(() => []);
  if (live.some((game) => game.id === gameID)) return null;
  const detail = await matchesAPI.detail(gameID).catch(() => null);
  if (!detail || detail.match.status === "live") return null;
  const match = detail.match;
  const text = match.status === "abandoned" ? "Game abandoned"
    : `${match[match.winner].name} won ${Math.max(match.leftScore, match.rightScore)}–${Math.min(match.leftScore, match.rightScore)}${match.status === "forfeit" ? " by forfeit" : ""}`;
  finished.set(gameID, text);
  return text;
}

/// Once the game is over the card says how it ended, and folds to one quiet line.
async function showResult(line, status, gameID) {
  const result = await resultOf(gameID);
  if (!result) return;
  status.replaceChildren(result, " · ", h("a", { href: `/matches/${gameID}` }, "Match details"));
  line.classList.add("invitation-settled");
}

const STATUS = {
  pending: "Waiting for an answer",
  accepted: "Accepted: the game started",
  declined: "Declined",
  cancelled: "Cancelled",
  expired: "Expired",
};

/// `message` is the system line; `latest` (an Invitation) overrides the status it was stored with.
export function invitationLine(message, latest) {
  const data = message.data;
  const status = latest?.status ?? data.status;
  const me = social().me;
  const id = data.invitation;
  const run = (action) => async () => {
    try {
      await answer(action, id);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "That didn't work. Try again.", "error");
    }
  };
  let actions = [];
  if (status === "pending" && data.to === me) {
    actions = [h("button", { type: "button", class: "button button-small button-primary", onclick: run("accept") }, "Accept"),
      h("button", { type: "button", class: "button button-small button-ghost", onclick: run("decline") }, "Decline")];
  } else if (status === "pending" && data.from === me) {
    actions = [h("button", { type: "button", class: "button button-small button-ghost", onclick: run("cancel") }, "Cancel invitation")];
  }
  const gameID = latest?.gameID ?? data.game;
  const statusLine = h("p", { class: "invitation-status small" }, STATUS[status] ?? status,
    status === "accepted" && gameID ? [" · ", h("a", { href: `/games/${gameID}` }, "Open the game")] : null);
  // Declined, cancelled and expired invitations have nothing left to do: one quiet line.
  const closed = ["declined", "cancelled", "expired"].includes(status);
  const line = h("li", { class: `chat-message chat-system chat-invitation invitation-${status}${closed ? " invitation-settled" : ""}`,
    dataset: { id: message.id, invitation: id } },
    h("p", { class: "invitation-text", dir: "auto" }, message.text),
    statusLine,
    actions.length ? h("div", { class: "button-row" }, actions) : null);
  line.message = message;
  if (status === "accepted" && gameID) showResult(line, statusLine, gameID);
  return line;
}
