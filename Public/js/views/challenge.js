import { t } from "../i18n/i18n.js";
// The page a challenge link opens: who challenges me and with which rules, Accept or Decline.
// A visitor is asked to log in (and comes back through the login's `next`) or to sign up (and
// comes back once the account exists: `afterSignup`).
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as challengesAPI from "../api/challenges.js";
import { navigate } from "../router.js";
import { avatar } from "../components/avatar.js";
import { user } from "../session.js";

const AFTER_SIGNUP = "after-signup";

/// Where a visitor who signs up from a challenge link goes once their account exists (this tab only).
export const afterSignup = {
  remember(path) { sessionStorage.setItem(AFTER_SIGNUP, path); },
  /// The challenge to go back to, once (only ever a challenge's path), or null.
  take() {
    const path = sessionStorage.getItem(AFTER_SIGNUP);
    sessionStorage.removeItem(AFTER_SIGNUP);
    return path && /^\/challenge\/[A-Za-z0-9_-]+$/.test(path) ? path : null;
  },
};

export async function render(main, { params }) {
  const header = h("div", { class: "page-header" }, h("div", {}, h("p", { class: "eyebrow" }, t("challenge.challenge")),
    h("h1", {}, t("challenge.aGameIsWaiting"))));
  main.append(header);
  if (!user()) return visitorCard(main, header);
  let challenge;
  try {
    challenge = await challengesAPI.show(params.token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    header.querySelector("h1").textContent = t("challenge.thisChallengeDoesntExistAny");
    main.append(h("section", { class: "card empty-state" },
      h("p", { class: "muted" }, t("challenge.itWasAcceptedCancelledOr")),
      h("a", { href: "/play", class: "button button-primary" }, t("challenge.findAnotherGame"))));
    return;
  }
  const { from, rules } = challenge;
  header.querySelector("h1").textContent = t("challenge.challengesYou", { username: from.username });
  const status = h("p", { class: "challenge-news", role: "status" });
  const accept = h("button", { type: "button", class: "button button-primary" }, t("challenge.acceptTheChallenge"));
  const decline = h("button", { type: "button", class: "button button-ghost" }, t("common.decline"));
  const answer = async (call) => {
    accept.disabled = decline.disabled = true;
    try {
      return await call(params.token);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.message;
      accept.disabled = decline.disabled = error.status === 404;
      return null;
    }
  };
  accept.addEventListener("click", async () => {
    const accepted = await answer(challengesAPI.accept);
    if (accepted?.game) navigate(`/games/${accepted.game}`);
  });
  decline.addEventListener("click", async () => {
    if ((await answer(challengesAPI.decline)) === null && status.textContent) return;
    status.textContent = t("challenge.youDeclinedHasBeenTold", { username: from.username });
    accept.hidden = decline.hidden = true;
  });
  main.append(h("section", { class: "card challenge-card", "aria-label": t("challenge.challengeFrom", { username: from.username }) },
    h("div", { class: "challenge-from" }, avatar(from.avatarURL, from.username, "lg"),
      h("div", {}, h("a", { href: `/users/${encodeURIComponent(from.username)}`, class: "challenge-name" }, from.username),
        h("p", { class: "muted" }, t("challenge.firstToBallPaddles", { pointsToWin: rules.pointsToWin, ball: t(`rules.ball.${rules.ballSpeed}`), paddles: t(`rules.paddles.${rules.paddleSize}`), rated: rules.rated ? t("challenge.ratedBothRatingsMove") : t("rules.casual") })))),
    h("p", { class: "muted small" }, t("challenge.playsOnTheLeftAnd", { username: from.username })),
    h("div", { class: "button-row" }, accept, decline), status));
}

/// Someone without a session opened the link: who it is from is for players only.
function visitorCard(main, header) {
  header.querySelector("h1").textContent = t("challenge.youveBeenChallengedToA");
  const path = window.location.pathname;
  const signUp = h("a", { href: "/signup", class: "button button-primary" }, t("challenge.createAnAccount"));
  signUp.addEventListener("click", () => afterSignup.remember(path));
  main.append(h("section", { class: "card challenge-card" },
    h("p", {}, t("challenge.someoneSentYouALink")),
    h("p", { class: "muted small" }, t("challenge.youllComeStraightBackTo")),
    h("div", { class: "button-row" },
      h("a", { href: `/login?next=${encodeURIComponent(path)}`, class: "button button-ghost" }, t("common.logIn")),
      signUp)));
}
