import { t } from "../i18n/i18n.js";
// Game invitations on every screen: an invitation to me shows with Accept and
// Decline and the seconds left; mine shows while it waits, with Cancel. When
// one is accepted both players go straight to the game. Declines, expiries and
// cancellations are told to the other player.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import { navigate } from "../router.js";
import { social, onSocial, answer } from "../social/store.js";
import { setOpen as setChatOpen } from "../social/chat-dock.js";

let region = null;
let ticker = null;
/// What was already told, so an event heard twice (the answer and the socket) is told once.
const told = new Set();

export function mountInvitationCenter() {
  if (region) return;
  region = h("section", { class: "invitation-center", "aria-label": t("invitationCenter.gameInvitations"), "aria-live": "polite" });
  document.body.append(region);
  onSocial("invitations", (changed) => {
    if (changed) react(changed);
    draw();
  });
}

/// What a change means for this player: go to the game, or a short notice.
function react(invitation) {
  const key = `${invitation.id}:${invitation.status}`;
  if (told.has(key)) return;
  told.add(key);
  const me = social().me;
  const iSent = invitation.from.username === me;
  const other = iSent ? invitation.to.username : invitation.from.username;
  switch (invitation.status) {
    case "accepted":
      if (invitation.gameID) {
        // The court needs the whole screen: the chat stays a button until asked for.
        setChatOpen(false);
        navigate(`/games/${invitation.gameID}`);
      }
      break;
    case "declined":
      if (iSent) toast(t("invitationCenter.declinedYourInvitation", { other }));
      break;
    case "expired":
      toast(iSent ? t("invitationCenter.didntAnswerInTime", { other }) : t("invitationCenter.theInvitationFromHasExpired", { other }));
      break;
    case "cancelled":
      if (!iSent) toast(t("invitationCenter.tookBackTheInvitation", { other }));
      break;
    default:
      break;
  }
}

function secondsLeft(invitation) {
  return Math.max(0, Math.ceil((new Date(invitation.expiresAt) - Date.now()) / 1000));
}

export function describeRules(rules) {
  const speed = t(`rules.ball.${rules.ballSpeed}`);
  return t("invitationCenter.firstTo", { pointsToWin: rules.pointsToWin, speed, rated: rules.rated ? t("rules.rated") : t("rules.casual") });
}

async function act(action, invitation) {
  try {
    await answer(action, invitation.id);
  } catch (error) {
    toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
  }
}

function card(invitation, incoming) {
  const other = incoming ? invitation.from.username : invitation.to.username;
  const left = h("span", { class: "invitation-timer", dataset: { expires: invitation.expiresAt } }, `${secondsLeft(invitation)} s`);
  const button = (label, name, action, style) =>
    h("button", { type: "button", class: `button button-small ${style}`, "aria-label": name, onclick: () => act(action, invitation) }, label);
  return h("article", { class: `invitation-card card${incoming ? " invitation-incoming" : ""}`, dataset: { invitation: invitation.id } },
    h("p", { class: "invitation-title" }, incoming ? t("invitationCenter.invitesYouToPlay", { other }) : t("invitationCenter.waitingForToAnswer", { other }), " ", left),
    h("p", { class: "muted small" }, describeRules(invitation.rules)),
    h("div", { class: "button-row" }, incoming
      ? [button(t("common.accept"), t("invitationCenter.acceptInvitationFrom", { other }), "accept", "button-primary"),
         button(t("common.decline"), t("invitationCenter.declineInvitationFrom", { other }), "decline", "button-ghost")]
      : [button(t("common.cancel"), t("invitationCenter.cancelInvitationTo", { other }), "cancel", "button-ghost")]));
}

function draw() {
  const { incoming, outgoing } = social().invitations;
  const live = (item) => secondsLeft(item) > 0;
  region.replaceChildren(...incoming.filter(live).map((item) => card(item, true)), ...outgoing.filter(live).map((item) => card(item, false)));
  region.hidden = region.childElementCount === 0;
  // The seconds left tick down while any card is shown.
  clearInterval(ticker);
  if (!region.hidden) {
    ticker = setInterval(() => {
      let lapsed = false;
      region.querySelectorAll(".invitation-timer").forEach((timer) => {
        const seconds = Math.max(0, Math.ceil((new Date(timer.dataset.expires) - Date.now()) / 1000));
        timer.textContent = `${seconds} s`;
        lapsed ||= seconds === 0;
      });
      if (lapsed) draw();
    }, 1000);
  }
}
