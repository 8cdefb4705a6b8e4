import { h, formatDate } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { api, ApiError } from "../api.js";
import { user } from "../session.js";
import { matchRow } from "./matches.js";

export async function render(main, { params }) {
  let profile;
  try {
    profile = await api(`/api/users/${encodeURIComponent(params.username)}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    main.append(h("section", { class: "card empty-state" },
      h("h1", {}, "No such player"),
      h("p", { class: "muted" }, "Nobody plays under this name."),
      h("a", { href: "/", class: "button button-primary" }, "Back home"),
    ));
    return;
  }
  document.title = `${profile.username} · Transcendence`;
  const isMe = user()?.username === profile.username;
  main.append(h("section", { class: "card profile-banner" },
    avatar(profile.avatarURL, profile.username, "xl"),
    h("div", {},
      h("p", { class: "eyebrow" }, isMe ? "Your public page" : "Player"),
      h("h1", {}, profile.username),
      h("p", { class: "muted" }, `Joined ${formatDate(profile.joinedAt)}`),
      isMe ? h("a", { href: "/profile", class: "button button-ghost" }, "Edit my profile") : null,
    ),
  ));
  const recent = await api(`/api/users/${encodeURIComponent(profile.username)}/matches?per=10`);
  main.append(h("section", { class: "recent-matches", "aria-labelledby": "recent-title" },
    h("h2", { id: "recent-title" }, "Recent matches"),
    recent.items.length
      ? h("ol", { class: "match-list" }, recent.items.map(matchRow))
      : h("p", { class: "muted" }, "No matches played yet.")));
}
