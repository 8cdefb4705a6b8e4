import { systemText } from "../social/system-lines.js";
import { t } from "../i18n/i18n.js";
// A tournament invitation as its line in the direct conversation with the organiser:
// Join and Decline while the lobby is open, then where it stands, and a link to it.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { social } from "../social/store.js";

const STATUS = {
  invited: t("common.waitingForAnAnswer"),
  joined: t("invitationLine.joined"),
  declined: t("common.declined"),
  left: t("invitationLine.leftTheTournament"),
  removed: t("invitationLine.invitationTakenBack"),
  running: t("invitationLine.theTournamentHasStarted"),
  finished: t("invitationLine.theTournamentIsOver"),
  cancelled: t("invitationLine.theTournamentWasCancelled"),
};

export function tournamentInvitationLine(message) {
  const data = message.data;
  const me = social().me;
  const status = h("p", { class: "invitation-status small" }, STATUS[data.status] ?? data.status, " · ",
    h("a", { href: `/tournaments/${data.tournament}` }, t("invitationLine.openTheTournament")));
  const run = (action, done) => async (event) => {
    event.currentTarget.disabled = true;
    try {
      await tournamentsAPI[action](data.tournament);
      status.firstChild.textContent = STATUS[done];
      actions?.remove();
    } catch (error) {
      event.currentTarget.disabled = false;
      toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
    }
  };
  const actions = data.status === "invited" && data.to === me
    ? h("div", { class: "button-row" },
      h("button", { type: "button", class: "button button-small button-primary", "aria-label": t("invitationLine.join2", { name: data.name }), onclick: run("join", "joined") }, t("invitationLine.join")),
      h("button", { type: "button", class: "button button-small button-ghost", "aria-label": t("invitationLine.decline", { name: data.name }), onclick: run("decline", "declined") }, t("common.decline")))
    : null;
  const line = h("li", { class: "chat-message chat-system chat-invitation", dataset: { id: message.id } },
    h("p", { class: "invitation-text", dir: "auto" }, systemText(message)),
    status, actions);
  line.message = message;
  return line;
}
