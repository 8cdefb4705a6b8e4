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
  friends: "Friends", incoming: "Sent you a friend request", outgoing: "Friend request sent", blocked: "Blocked", none: null,
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
      toast(error instanceof ApiError ? error.message : "That didn't work. Try again.", "error");
    }
  };
  const button = (label, onclick, style = "button-ghost") =>
    h("button", { type: "button", class: `button button-small ${style}`, onclick }, label);

  function draw() {
    const current = relation();
    const presence = current === "friends" ? presenceOf(name) : null;
    const buttons = {
      none: [button("Add friend", () => run("request", `Friend request sent to ${name}`), "button-primary")],
      outgoing: [button("Cancel request", () => run("cancel"))],
      incoming: [button("Accept request", () => run("accept", `You and ${name} are friends`), "button-primary"),
                 button("Decline", () => run("decline"))],
      friends: [button("Invite to play", () => openInviteDialog(name), "button-primary"), button("Remove friend", () => {
        if (confirm(`Remove ${name} from your friends?`)) run("remove", `${name} is no longer your friend`);
      })],
      blocked: [],
    }[current] ?? [];
    const message = current === "blocked" ? null : button("Message", () => openDirect(name));
    const block = current === "blocked"
      ? button("Unblock", () => run("unblock", `${name} is unblocked`))
      : button("Block", () => {
          if (confirm(`Block ${name}? They won't be able to message you or send you requests, and they won't be told.`)) {
            run("block", `${name} is blocked`);
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
