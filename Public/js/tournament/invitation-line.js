// A tournament invitation as its line in the direct conversation with the organiser:
// Join and Decline while the lobby is open, then where it stands, and a link to it.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { social } from "../social/store.js";

const STATUS = {
  invited: "Waiting for an answer",
  joined: "Joined",
  declined: "Declined",
  left: "Left the tournament",
  removed: "Invitation taken back",
  running: "The tournament has started",
  finished: "The tournament is over",
  cancelled: "The tournament was cancelled",
};

export function tournamentInvitationLine(message) {
  const data = message.data;
  const me = social().me;
  const status = h("p", { class: "invitation-status small" }, STATUS[data.status] ?? data.status, " · ",
    h("a", { href: `/tournaments/${data.tournament}` }, "Open the tournament"));
  const run = (action, done) => async (event) => {
    event.currentTarget.disabled = true;
    try {
      await tournamentsAPI[action](data.tournament);
      status.firstChild.textContent = STATUS[done];
      actions?.remove();
    } catch (error) {
      event.currentTarget.disabled = false;
      toast(error instanceof ApiError ? error.message : "That didn't work. Try again.", "error");
    }
  };
  const actions = data.status === "invited" && data.to === me
    ? h("div", { class: "button-row" },
      h("button", { type: "button", class: "button button-small button-primary", "aria-label": `Join ${data.name}`, onclick: run("join", "joined") }, "Join"),
      h("button", { type: "button", class: "button button-small button-ghost", "aria-label": `Decline ${data.name}`, onclick: run("decline", "declined") }, "Decline"))
    : null;
  const line = h("li", { class: "chat-message chat-system chat-invitation", dataset: { id: message.id } },
    h("p", { class: "invitation-text", dir: "auto" }, message.text),
    status, actions);
  line.message = message;
  return line;
}
