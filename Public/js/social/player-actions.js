import { t } from "../i18n/i18n.js";
// What I can do about another player from their profile: befriend, answer,
// cancel, remove, message, block or unblock. Acts through the social store and
// redraws whenever the store's friend lists change.
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import { toast } from "../components/toast.js";
import { presenceDot, PRESENCE_LABEL } from "./presence.js";
import { social, presenceOf, relationWith, act, onSocial } from "./store.js";
import { openDirect } from "./chat-dock.js";
import { openInviteDialog } from "../play/invite-dialog.js";

const STATUS = {
  friends: t("playerActions.friends"), incoming: t("playerActions.sentYouAFriendRequest"), outgoing: t("playerActions.friendRequestSent"), blocked: t("playerActions.blocked"), none: null,
};

/// The buttons for `initial.user`, redrawn from the social store for as long as `scope` lasts.
export function playerActions(initial, scope) {
  const container = h("div", { class: "player-actions" });
  const name = initial.user.username;
  // The page's answer until the store has loaded; then the store's lists say what we are.
  const relation = () => (social().friendsLoaded ? relationWith(name) : initial.relation);

  const run = async (action, message) => {
    try {
      await act(action, name);
      if (message) toast(message, "success");
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
    }
  };
  const button = (label, onclick, style = "button-ghost") =>
    h("button", { type: "button", class: `button button-small ${style}`, onclick }, label);

  function draw() {
    const current = relation();
    const presence = current === "friends" ? presenceOf(name) : null;
    const buttons = {
      none: [button(t("playerActions.addFriend"), () => run("request", t("playerActions.friendRequestSentTo", { name })), "button-primary")],
      outgoing: [button(t("playerActions.cancelRequest"), () => run("cancel"))],
      incoming: [button(t("playerActions.acceptRequest"), () => run("accept", t("playerActions.youAndAreFriends", { name })), "button-primary"),
                 button(t("common.decline"), () => run("decline"))],
      friends: [button(t("playerActions.inviteToPlay"), () => openInviteDialog(name), "button-primary"), button(t("playerActions.removeFriend"), () => {
        if (confirm(t("playerActions.removeFromYourFriends", { name }))) run("remove", t("playerActions.isNoLongerYourFriend", { name }));
      })],
      blocked: [],
    }[current] ?? [];
    const message = current === "blocked" ? null : button(t("playerActions.message"), () => openDirect(name));
    const block = current === "blocked"
      ? button(t("playerActions.unblock"), () => run("unblock", t("playerActions.isUnblocked", { name })))
      : button(t("playerActions.block"), () => {
          if (confirm(t("playerActions.blockTheyWontBeAble", { name }))) {
            run("block", t("playerActions.isBlocked", { name }));
          }
        }, "button-danger-ghost");
    const status = STATUS[current] || presence ? h("p", { class: "relation-status" },
      presence ? presenceDot(presence) : null, [STATUS[current], presence ? PRESENCE_LABEL[presence] : null].filter(Boolean).join(" · ")) : null;
    container.replaceChildren(...[status, h("div", { class: "button-row" }, buttons, message, block)].filter(Boolean));
  }
  draw();
  // A request answered elsewhere, or a presence change: the store has fetched it, show it here too.
  scope.add(onSocial("friends", draw));
  return container;
}
