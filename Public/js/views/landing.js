import { t } from "../i18n/i18n.js";
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
  const button = h("button", { type: "button", class: "button button-primary" }, t("landing.playTheComputerNow"));
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
      ? t("landing.onlineBeingPlayedRightNow", { players: counted(figures.playersOnline, "player"), games: counted(figures.gamesLive, "game") })
      : "";
  };
  await refresh();
  scope.interval(refresh, 15000);
  main.append(h("div", { class: "landing" },
    h("section", { class: "hero card landing-hero", "aria-labelledby": "landing-title" },
      h("div", { class: "hero-text" },
        h("p", { class: "eyebrow" }, t("landing.realTimePong")),
        h("h1", { id: "landing-title", class: "hero-title" }, t("landing.playPongAgainstAnyone")),
        h("p", { class: "muted" },
          t("landing.challengeAFriendOnTheir")),
        live,
        problem,
        h("div", { class: "hero-actions" },
          playNowButton(problem),
          h("a", { href: "/signup", class: "button button-ghost" }, t("common.signUp")),
          h("a", { href: "/login", class: "button button-ghost" }, t("common.logIn")),
          h("a", { href: "/stats", class: "button button-ghost" }, t("common.statistics")))),
      attractMode(scope)),
    h("ul", { class: "landing-points", "aria-label": t("landing.whatYouCanDo") },
      [[t("landing.playAFriend"), t("landing.inviteThemFromYourFriend")],
       [t("common.quickMatch"), t("landing.aRatedGameAgainstA")],
       [t("common.watch"), t("landing.anyLiveGameFromA")],
       [t("common.chat"), t("landing.withFriendsAndInRooms")]]
        .map(([title, text]) => h("li", { class: "card" }, h("strong", {}, title), h("span", { class: "muted" }, text))))));
}
