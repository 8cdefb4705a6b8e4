import { t } from "../../i18n/i18n.js";
// The rematch corner of a remote game's end screen: offer the same rules with sides swapped, see
// the other player's offer the moment it is made and answer it, watch the 30 s run out; both
// players land in the new game. Leaving the end screen withdraws my offer and lapses theirs.
import { h } from "../../components/dom.js";
import { ApiError } from "../../api/client.js";
import * as matchesAPI from "../../api/matches.js";
import * as realtime from "../../realtime.js";
import { ServerEvents } from "../../realtime.js";

export class RematchBox {
  constructor(matchID, me, opponent, onGame) {
    this.matchID = matchID;
    this.me = me;
    this.opponent = opponent;
    this.onGame = onGame;
    this.deadline = 0;
    this.timer = 0;
    this.left = false;
    this.status = h("p", { class: "rematch-status", role: "status", "aria-live": "polite" });
    this.countdown = h("span", { class: "rematch-countdown muted", "aria-hidden": "true" });
    this.actions = h("div", { class: "button-row rematch-actions" });
    this.element = h("section", { class: "rematch", "aria-label": t("rematchBox.rematch") }, this.status, this.countdown, this.actions);
    this.off = realtime.on(ServerEvents.rematch, (rematch) => rematch.match === matchID && this.show(rematch));
    this.idle();
  }

  idle() {
    const offer = button(t("rematchBox.offerARematch"), "button-primary", () => this.request(matchesAPI.offerRematch));
    this.status.textContent = t("rematchBox.sameRulesSidesSwapped");
    this.actions.replaceChildren(offer);
  }

  /// Where the rematch stands, from my request's answer or the socket (both players hear every change).
  show(rematch) {
    clearInterval(this.timer);
    this.countdown.textContent = "";
    const mine = rematch.from === this.me;
    switch (rematch.status) {
      case "pending":
        this.count(rematch.secondsLeft);
        if (mine) {
          this.status.textContent = t("rematchBox.rematchOfferedWaitingFor", { opponent: this.opponent });
          this.actions.replaceChildren(button(t("rematchBox.withdrawTheOffer"), "button-ghost", () => this.leave(true)));
        } else {
          this.status.textContent = t("rematchBox.offersARematchSameRules", { opponent: this.opponent });
          const accept = button(t("rematchBox.acceptTheRematch"), "button-primary", () => this.request(matchesAPI.acceptRematch));
          this.actions.replaceChildren(accept, button(t("common.decline"), "button-ghost", () => this.request(matchesAPI.declineRematch)));
          accept.focus();
        }
        return;
      case "accepted":
        this.status.textContent = t("rematchBox.rematchAcceptedStartingTheGame");
        this.actions.replaceChildren();
        this.left = true; // nothing to leave behind: the new game is where both go
        if (rematch.game) this.onGame(rematch.game);
        return;
      default:
        this.actions.replaceChildren();
        this.status.textContent = {
          declined: mine ? t("rematchBox.declinedTheRematch", { opponent: this.opponent }) : t("rematchBox.youDeclinedTheRematch"),
          withdrawn: mine ? t("rematchBox.youWithdrewYourOffer") : t("rematchBox.withdrewTheOffer", { opponent: this.opponent }),
          lapsed: t("rematchBox.theRematchOfferLapsed"),
        }[rematch.status] ?? t("rematchBox.noRematchThisTime");
    }
  }

  /// The seconds left to answer, counted down here from the server's figure.
  count(seconds) {
    this.deadline = performance.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000));
      this.countdown.textContent = `${left} s`;
      if (left === 0) clearInterval(this.timer);
    };
    tick();
    this.timer = setInterval(tick, 250);
  }

  async request(call) {
    for (const control of this.actions.querySelectorAll("button")) control.disabled = true;
    try {
      this.show(await call(this.matchID));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.actions.replaceChildren();
      this.status.textContent = error.message;
    }
  }

  /// Leaving the end screen (or withdrawing): the server closes the rematch for both.
  async leave(withdrawing = false) {
    if (this.left) return;
    this.left = true;
    clearInterval(this.timer);
    this.off();
    try {
      await matchesAPI.leaveRematch(this.matchID);
      if (withdrawing) {
        this.status.textContent = t("rematchBox.youWithdrewYourOffer");
        this.countdown.textContent = "";
        this.actions.replaceChildren();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
}

function button(label, kind, onClick) {
  const element = h("button", { type: "button", class: `button ${kind}` }, label);
  element.addEventListener("click", onClick);
  return element;
}
