// A game invitation as its line in the direct conversation: who invited whom,
// the rules, and where it stands. The invited player answers from it; the
// inviter can take it back. It is redrawn when the invitation changes.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import { social, answer } from "../social/store.js";

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
  const line = h("li", { class: `chat-message chat-system chat-invitation invitation-${status}`, dataset: { id: message.id, invitation: id } },
    h("p", { class: "invitation-text", dir: "auto" }, message.text),
    h("p", { class: "invitation-status small" }, STATUS[status] ?? status,
      status === "accepted" && gameID ? [" · ", h("a", { href: `/games/${gameID}` }, "Open the game")] : null),
    actions.length ? h("div", { class: "button-row" }, actions) : null);
  line.message = message;
  return line;
}
