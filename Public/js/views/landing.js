// What a visitor sees first: what the site is, a game against the computer
// one click away (no account), Log in beside Sign up, how many people are on
// it right now, and a rally playing by itself.
import { h } from "../components/dom.js";
import { attractMode } from "../components/court.js";
import * as usersAPI from "../api/users.js";
import * as gamesAPI from "../api/games.js";
import { ApiError } from "../api/client.js";
import { navigate } from "../router.js";
import { counted } from "../components/words.js";

/// One click from the landing page to a game: the computer, as a visitor, nothing to fill in.
function playNowButton(problem) {
  const button = h("button", { type: "button", class: "button button-primary" }, "Play the computer now");
  button.addEventListener("click", async () => {
    button.disabled = true;
    problem.hidden = true;
    try {
      const game = await gamesAPI.startAsVisitor();
      navigate(`/try/${game.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = error.message;
      problem.hidden = false;
      button.disabled = false;
    }
  });
  return button;
}

export async function render(main, { scope }) {
  const problem = h("p", { class: "form-error", role: "alert", hidden: true });
  const live = h("p", { class: "landing-live", role: "status" }, "…");
  const refresh = async () => {
    const figures = await usersAPI.liveFigures().catch(() => null);
    live.textContent = figures
      ? `${counted(figures.playersOnline, "player")} online · ${counted(figures.gamesLive, "game")} being played right now`
      : "";
  };
  await refresh();
  scope.interval(refresh, 15000);
  main.append(h("div", { class: "landing" },
    h("section", { class: "hero card landing-hero", "aria-labelledby": "landing-title" },
      h("div", { class: "hero-text" },
        h("p", { class: "eyebrow" }, "Real-time Pong"),
        h("h1", { id: "landing-title", class: "hero-title" }, "Play Pong against anyone"),
        h("p", { class: "muted" },
          "Challenge a friend on their own machine, find a stranger of your level in seconds, play on one keyboard or against an AI that has to think ahead. Every game is played on the server, recorded point by point and rated."),
        live,
        problem,
        h("div", { class: "hero-actions" },
          playNowButton(problem),
          h("a", { href: "/signup", class: "button button-ghost" }, "Sign up"),
          h("a", { href: "/login", class: "button button-ghost" }, "Log in"),
          h("a", { href: "/stats", class: "button button-ghost" }, "Statistics"))),
      attractMode(scope)),
    h("ul", { class: "landing-points", "aria-label": "What you can do" },
      [["Play a friend", "Invite them from your friend list or your conversation, with the rules you choose."],
       ["Quick match", "A rated game against a stranger of about your rating."],
       ["Watch", "Any live game, from a list or a friend's page."],
       ["Chat", "With friends and in rooms, on every screen."]]
        .map(([title, text]) => h("li", { class: "card" }, h("strong", {}, title), h("span", { class: "muted" }, text))))));
}
