import { t } from "../i18n/i18n.js";
import { h, formatDate } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { user } from "../session.js";
import { attractMode } from "../components/court.js";
import { friendsPanel } from "../social/friends-panel.js";
import { emailReminder } from "../components/email-reminder.js";

function greeting() {
  const hour = new Date().getHours();
  if (hour < 5) return t("home.stillUp");
  if (hour < 12) return t("home.goodMorning");
  if (hour < 18) return t("home.goodAfternoon");
  return t("home.goodEvening");
}

export function render(main, { scope }) {
  const me = user();
  main.append(h("div", { class: "home" },
    emailReminder(me),
    h("section", { class: "hero card home-hero" },
      h("div", { class: "hero-text" },
        h("p", { class: "eyebrow" }, `${greeting()},`),
        h("h1", { class: "hero-title" }, me.username),
        h("p", { class: "muted" }, t("home.classicPongPlayedOnThe")),
        h("div", { class: "hero-actions" },
          h("a", { href: "/play", class: "button button-primary" }, t("common.play")),
          h("a", { href: "/matches", class: "button button-ghost" }, t("common.history")),
          h("a", { href: "/stats", class: "button button-ghost" }, t("common.statistics")),
        ),
      ),
      attractMode(scope),
    ),
    h("div", { class: "home-side" },
      friendsPanel(scope),
      h("aside", { class: "card player-card", "aria-labelledby": "me-title" },
        avatar(me.avatarURL, me.username, "lg"),
        h("div", {},
          h("h2", { id: "me-title" }, me.username),
          h("p", { class: "muted" }, t("home.memberSince", { value: formatDate(me.createdAt) })),
        ),
        // What is about me sits on my card; the hero keeps to playing.
        h("div", { class: "player-card-actions" },
          h("a", { href: "/profile", class: "button button-ghost button-small" }, t("home.editMyProfile")),
          h("a", { href: `/users/${encodeURIComponent(me.username)}`, class: "button button-ghost button-small" }, t("home.viewMyPublicPage")),
        ),
      ),
    ),
  ));
}
