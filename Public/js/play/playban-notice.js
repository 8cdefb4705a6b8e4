// A playban being served, as its player sees it on My profile: until when, and why.
import { h } from "../components/dom.js";
import { counted } from "../components/words.js";

const LENGTHS = ["5 minutes", "15 minutes", "1 hour", "24 hours"];

export function playbanNotice(ban) {
  const until = new Date(ban.until);
  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", ...(until - Date.now() > 20 * 3600e3 ? { weekday: "short" } : {}) }).format(until);
  const next = LENGTHS[Math.min(ban.level + 1, LENGTHS.length - 1)];
  return h("section", { class: "card playban-notice", role: "status", "aria-labelledby": "playban-title" },
    h("h2", { id: "playban-title" }, "You can't start online games for now"),
    h("p", {}, `You left ${counted(ban.abandonments, "rated game")} in 24 hours (quit, gone past the grace, or never came). `
      + `Until ${time} you can't join the quick match, invite, challenge or ask for a rematch.`),
    h("p", { class: "muted small" }, `Leaving three more rated games in a week makes the next pause ${next}. Games against the computer and on one keyboard are open as always.`));
}
