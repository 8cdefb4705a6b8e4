import { systemText } from "../social/system-lines.js";
import { t } from "../i18n/i18n.js";
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
  const text = match.status === "abandoned" ? t("common.gameAbandoned")
    : t("invitationLine.won", { name: match[match.winner].name, high: Math.max(match.leftScore, match.rightScore), low: Math.min(match.leftScore, match.rightScore), how: match.status === "forfeit" ? t("invitationLine.byForfeit") : "" });
  finished.set(gameID, text);
  return text;
}

/// Once the game is over the card says how it ended, and folds to one quiet line.
async function showResult(line, status, gameID) {
  const result = await resultOf(gameID);
  if (!result) return;
  status.replaceChildren(result, " · ", h("a", { href: `/matches/${gameID}` }, t("common.matchDetails")));
  line.classList.add("invitation-settled");
}

const STATUS = {
  pending: t("common.waitingForAnAnswer"),
  accepted: t("invitationLine.acceptedTheGameStarted"),
  declined: t("common.declined"),
  cancelled: t("common.cancelled"),
  expired: t("invitationLine.expired"),
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
      toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
    }
  };
  let actions = [];
  if (status === "pending" && data.to === me) {
    actions = [h("button", { type: "button", class: "button button-small button-primary", onclick: run("accept") }, t("common.accept")),
      h("button", { type: "button", class: "button button-small button-ghost", onclick: run("decline") }, t("common.decline"))];
  } else if (status === "pending" && data.from === me) {
    actions = [h("button", { type: "button", class: "button button-small button-ghost", onclick: run("cancel") }, t("invitationLine.cancelInvitation"))];
  }
  const gameID = latest?.gameID ?? data.game;
  const statusLine = h("p", { class: "invitation-status small" }, STATUS[status] ?? status,
    status === "accepted" && gameID ? [" · ", h("a", { href: `/games/${gameID}` }, t("invitationLine.openTheGame"))] : null);
  // Declined, cancelled and expired invitations have nothing left to do: one quiet line.
  const closed = ["declined", "cancelled", "expired"].includes(status);
  const line = h("li", { class: `chat-message chat-system chat-invitation invitation-${status}${closed ? " invitation-settled" : ""}`,
    dataset: { id: message.id, invitation: id } },
    h("p", { class: "invitation-text", dir: "auto" }, systemText(message)),
    statusLine,
    actions.length ? h("div", { class: "button-row" }, actions) : null);
  line.message = message;
  if (status === "accepted" && gameID) showResult(line, statusLine, gameID);
  return line;
}
