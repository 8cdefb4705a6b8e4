import { h } from "../components/dom.js";

export const PRESENCE_LABEL = { online: "Online", in_game: "In a game", offline: "Offline" };

/// A coloured dot with its meaning spelled out for screen readers.
export function presenceDot(status) {
  return h("span", { class: `presence presence-${status}`, title: PRESENCE_LABEL[status] },
    h("span", { class: "visually-hidden" }, PRESENCE_LABEL[status]));
}
