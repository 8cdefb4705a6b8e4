import { h, formatDate } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { user } from "../session.js";
import { attractMode } from "../components/court.js";
import { friendsPanel } from "../social/friends-panel.js";
import { emailReminder } from "../components/email-reminder.js";

function greeting() {
  const hour = new Date().getHours();
  if (hour < 5) return "Still up";
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
}

export function render(main, { scope }) {
  const me = user();
  main.append(h("div", { class: "home" },
    emailReminder(me),
    h("section", { class: "hero card home-hero" },
      h("div", { class: "hero-text" },
        h("p", { class: "eyebrow" }, `${greeting()},`),
        h("h1", { class: "hero-title" }, me.username),
        h("p", { class: "muted" }, "Classic Pong, played on the server: on one keyboard with a friend, or against an AI that has to think ahead."),
        h("div", { class: "hero-actions" },
          h("a", { href: "/play", class: "button button-primary" }, "Play"),
          h("a", { href: "/matches", class: "button button-ghost" }, "History"),
          h("a", { href: "/stats", class: "button button-ghost" }, "Statistics"),
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
          h("p", { class: "muted" }, `Member since ${formatDate(me.createdAt)}`),
        ),
        // What is about me sits on my card; the hero keeps to playing.
        h("div", { class: "player-card-actions" },
          h("a", { href: "/profile", class: "button button-ghost button-small" }, "Edit my profile"),
          h("a", { href: `/users/${encodeURIComponent(me.username)}`, class: "button button-ghost button-small" }, "View my public page"),
        ),
      ),
    ),
  ));
}
