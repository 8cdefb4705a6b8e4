// What I can do about another player from their profile: befriend, answer,
// cancel, remove, message, block or unblock. Redraws after each action.
import { h } from "../components/dom.js";
import { api, ApiError } from "../api.js";
import { toast } from "../components/toast.js";
import { presenceDot, PRESENCE_LABEL } from "./presence.js";
import { presenceOf, loadFriends, onSocial } from "./store.js";
import { openDirect } from "./chat-dock.js";

const STATUS = {
  friends: "Friends", incoming: "Sent you a friend request", outgoing: "Friend request sent", blocked: "Blocked", none: null,
};

export function playerActions(initial) {
  const container = h("div", { class: "player-actions" });
  const name = initial.user.username;
  const path = encodeURIComponent(name);

  const run = async (request, message) => {
    try {
      await request;
      if (message) toast(message, "success");
      const fresh = await api(`/api/friends/with/${path}`);
      draw(fresh.relation);
      loadFriends().catch(() => {});
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "That didn't work. Try again.", "error");
    }
  };
  const button = (label, onclick, style = "button-ghost") =>
    h("button", { type: "button", class: `button button-small ${style}`, onclick }, label);

  function draw(relation) {
    const presence = relation === "friends" ? presenceOf(name) : null;
    const buttons = {
      none: [button("Add friend", () => run(api("/api/friends/requests", { method: "POST", json: { username: name } }), `Friend request sent to ${name}`), "button-primary")],
      outgoing: [button("Cancel request", () => run(api(`/api/friends/requests/${path}`, { method: "DELETE" })))],
      incoming: [button("Accept request", () => run(api(`/api/friends/requests/${path}/accept`, { method: "POST" }), `You and ${name} are friends`), "button-primary"),
                 button("Decline", () => run(api(`/api/friends/requests/${path}/decline`, { method: "POST" })))],
      friends: [button("Remove friend", () => {
        if (confirm(`Remove ${name} from your friends?`)) run(api(`/api/friends/${path}`, { method: "DELETE" }), `${name} is no longer your friend`);
      })],
      blocked: [],
    }[relation] ?? [];
    const message = relation === "blocked" ? null : button("Message", () => openDirect(name));
    const block = relation === "blocked"
      ? button("Unblock", () => run(api(`/api/blocks/${path}`, { method: "DELETE" }), `${name} is unblocked`))
      : button("Block", () => {
          if (confirm(`Block ${name}? They won't be able to message you or send you requests, and they won't be told.`)) {
            run(api(`/api/blocks/${path}`, { method: "PUT" }), `${name} is blocked`);
          }
        }, "button-danger-ghost");
    const status = STATUS[relation] || presence ? h("p", { class: "relation-status" },
      presence ? presenceDot(presence) : null, [STATUS[relation], presence ? PRESENCE_LABEL[presence] : null].filter(Boolean).join(" · ")) : null;
    container.replaceChildren(...[status, h("div", { class: "button-row" }, buttons, message, block)].filter(Boolean));
  }
  draw(initial.relation);
  // A request answered elsewhere, or a presence change: show it here too.
  const off = onSocial("friends", () => {
    if (!container.isConnected) return off();
    api(`/api/friends/with/${path}`).then((fresh) => draw(fresh.relation)).catch(() => {});
  });
  return container;
}
