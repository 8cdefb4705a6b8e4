import { t } from "../../i18n/i18n.js";
// A word with the other player, during and after a remote game: a small strip under the court
// with the last few messages, one-tap reactions and a line to type in. It is their direct
// conversation (its rules: blocks, the flood limit, the length; text shown as text), so nothing said
// here is lost, and spectators never see it.
import { h } from "../../components/dom.js";
import { ApiError } from "../../api/client.js";
import * as chatAPI from "../../api/chat.js";
import * as realtime from "../../realtime.js";
import { ServerEvents } from "../../realtime.js";

export const REACTIONS = ["gg", t("gameTalk.niceShot"), t("gameTalk.goodLuck"), t("gameTalk.rematch")];
const SHOWN = 4;

export class GameTalk {
  constructor(opponent) {
    this.opponent = opponent;
    this.conversation = null;
    this.log = h("div", { class: "game-talk-log", role: "log", "aria-live": "polite", "aria-label": t("gameTalk.messagesWith", { opponent }) });
    this.input = h("input", { id: "game-talk-text", type: "text", maxlength: "500", autocomplete: "off",
      placeholder: t("gameTalk.saySomethingTo", { opponent }) });
    this.error = h("p", { class: "game-talk-error small", role: "status" });
    const form = h("form", { class: "game-talk-form" },
      h("label", { for: "game-talk-text", class: "visually-hidden" }, t("gameTalk.messageTo", { opponent })),
      this.input, h("button", { type: "submit", class: "button button-ghost button-small" }, t("gameTalk.sayIt")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text) this.say(text).then((sent) => { if (sent) this.input.value = ""; });
      // Back to the game: the keys steer the paddle again.
      this.input.blur();
    });
    const reactions = h("div", { class: "game-talk-reactions", role: "group", "aria-label": t("gameTalk.quickReactions") },
      ...REACTIONS.map((text) => {
        const button = h("button", { type: "button", class: "button button-ghost button-small chip", "aria-label": t("gameTalk.say", { text }) }, text);
        button.addEventListener("click", () => { this.say(text); button.blur(); });
        return button;
      }));
    this.element = h("section", { class: "game-talk", "aria-label": t("gameTalk.talkWith", { opponent }) }, this.log, reactions, form, this.error);
    this.off = realtime.on(ServerEvents.message, (message) => this.heard(message));
  }

  dispose() {
    this.off();
  }

  /// The direct conversation with the other player: found among mine, or opened on the first word.
  async conversationID({ open }) {
    if (this.conversation) return this.conversation;
    const direct = (await chatAPI.conversations()).find((item) => item.kind === "direct" && item.other?.username === this.opponent);
    this.conversation = direct?.id ?? (open ? (await chatAPI.openDirect(this.opponent)).id : null);
    return this.conversation;
  }

  async say(text) {
    this.error.textContent = "";
    try {
      const id = await this.conversationID({ open: true });
      const message = await chatAPI.send(id, text, chatAPI.newClientKey());
      this.show(message);
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.error.textContent = error.message;
      return false;
    }
  }

  /// A message in one of my conversations: shown if it is this one (the other player's word, or mine from another tab).
  async heard(message) {
    if (message.kind !== "text") return;
    const from = message.sender?.username;
    if (message.conversation !== this.conversation) {
      if (from !== this.opponent || this.conversation) return;
      // Their first word in a conversation this screen hasn't looked up yet.
      if ((await this.conversationID({ open: false })) !== message.conversation) return;
    }
    this.show(message);
  }

  show(message) {
    if (this.log.querySelector(`[data-id="${message.id}"]`)) return; // my own, back from the socket
    const mine = message.sender?.username !== this.opponent;
    const item = h("p", { class: `game-talk-line${mine ? " mine" : ""}`, "data-id": String(message.id) },
      h("span", { class: "game-talk-name" }, mine ? t("gameTalk.you") : this.opponent), " ", h("span", {}, message.text));
    this.log.append(item);
    while (this.log.children.length > SHOWN) this.log.firstElementChild.remove();
  }
}
