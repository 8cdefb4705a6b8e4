import { t, locale } from "../i18n/i18n.js";
// A playban being served, as its player sees it on My profile: until when, and why.
import { h } from "../components/dom.js";
import { counted } from "../components/words.js";

const LENGTHS = ["5 minutes", "15 minutes", "1 hour", "24 hours"];

export function playbanNotice(ban) {
  const until = new Date(ban.until);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", ...(until - Date.now() > 20 * 3600e3 ? { weekday: "short" } : {}) }).format(until);
  const next = LENGTHS[Math.min(ban.level + 1, LENGTHS.length - 1)];
  return h("section", { class: "card playban-notice", role: "status", "aria-labelledby": "playban-title" },
    h("h2", { id: "playban-title" }, t("playbanNotice.youCantStartOnlineGames")),
    h("p", {}, t("playbanNotice.youLeftIn24Hours", { games: counted(ban.abandonments, "rated game") })
      + t("playbanNotice.untilYouCantJoinThe", { time })),
    h("p", { class: "muted small" }, t("playbanNotice.leavingThreeMoreRatedGames", { next })));
}
