// Choose how to play: a stranger, a friend, one keyboard or the AI; games still running can be picked up again.
import { h, formatRelative } from "../components/dom.js";
import * as gamesAPI from "../api/games.js";
import { user } from "../session.js";

function watchList(games) {
  if (!games.length) return null;
  return h("section", { class: "card resume-card", "aria-labelledby": "watch-title" },
    h("h2", { id: "watch-title" }, "Live now"),
    h("ul", { class: "plain-list", "aria-label": "Live games" }, games.slice(0, 10).map((game) => h("li", { class: "resume-row" },
      h("span", {}, `${game.left.name} vs ${game.right.name}`,
        h("span", { class: "muted small" }, ` · ${game.mode === "remote" ? (game.rated ? "online, rated" : "online") : game.mode === "ai" ? "vs AI" : "one keyboard"}`
          + ` · ${game.spectators} watching`)),
      h("a", { class: "button button-small button-ghost", href: `/games/${game.id}/watch`,
        "aria-label": `Watch ${game.left.name} vs ${game.right.name}` }, "Watch")))));
}

export async function render(main) {
  const [live, watchable] = await Promise.all([gamesAPI.live(), gamesAPI.watchable()]);
  const me = user()?.username;
  const others = watchable.filter((game) => game.left.name !== me && game.right.name !== me);
  main.append(...[
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, "Play"), h("h1", {}, "Choose a game"))),
    live.length ? h("section", { class: "card resume-card", "aria-labelledby": "resume-title" },
      h("h2", { id: "resume-title" }, "Games in progress"),
      h("ul", { class: "plain-list" }, live.map((game) => h("li", { class: "resume-row" },
        h("span", {}, `${game.left.name} vs ${game.right.name}${game.mode === "remote" ? " (online)" : ""}`, h("span", { class: "muted small" }, ` · started ${formatRelative(game.startedAt)}`)),
        h("a", { class: "button button-small button-primary", href: `/games/${game.id}` }, "Resume"),
      )))) : null,
    h("div", { class: "mode-grid" },
      modeCard({
        href: "/play/quick", title: "Quick match", art: "online",
        text: "A rated game against a stranger of about your level, on their own machine.",
      }),
      modeCard({
        href: "/", title: "Play a friend", art: "friend",
        text: "Invite a friend from your friend list or your conversation, with the rules you choose.",
      }),
      modeCard({
        href: "/play/challenge", title: "Challenge link", art: "friend",
        text: "A link to paste anywhere: whoever opens it first and accepts plays you, with the rules you set.",
      }),
      modeCard({
        href: "/play/local", title: "Same keyboard", art: "local",
        text: "Two players, one keyboard: W and S on the left, ↑ and ↓ on the right.",
      }),
      modeCard({
        href: "/play/ai", title: "Versus the AI", art: "ai",
        text: "Easy, medium or hard. It sees the court once a second, so it has to predict where the ball goes.",
      }),
      modeCard({
        href: "/tournaments/new", title: "Tournament", art: "tournament",
        text: "Invite friends to a bracket played online, with a call when it's your turn, or take turns at one keyboard.",
      }),
    ),
    watchList(others),
  ].filter(Boolean)); // DOM append would print a null as text
}

function modeCard({ href, title, text, art }) {
  return h("a", { class: `card mode-card mode-${art}`, href },
    h("span", { class: "mode-art", "aria-hidden": "true" }, h("span"), h("span"), h("span")),
    h("span", { class: "mode-title" }, title),
    h("span", { class: "muted" }, text),
  );
}
