import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";

export const PRESENCE_LABEL = { online: t("common.online"), in_game: t("presence.inAGame"), offline: t("presence.offline") };

/// A coloured dot with its meaning spelled out for screen readers.
export function presenceDot(status) {
  return h("span", { class: `presence presence-${status}`, title: PRESENCE_LABEL[status] },
    h("span", { class: "visually-hidden" }, PRESENCE_LABEL[status]));
}
