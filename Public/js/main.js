import { t, adoptLanguage } from "./i18n/i18n.js";
import { setupHeaderLanguage } from "./components/language-picker.js";
import { route, startRouter, navigate } from "./router.js";
import { refreshUser, onUserChange, user, setUser } from "./session.js";
import { renderNav, markCurrent } from "./components/nav.js";
import { setupThemeToggle } from "./components/theme.js";
import { toast } from "./components/toast.js";
import { on } from "./events.js";

// Home for a player; for a visitor, the landing page.
route("/", () => (user() ? import("./views/home.js") : import("./views/landing.js")), { title: t("main.home") });
route("/login", () => import("./views/login.js"), { access: "guest", title: t("common.logIn") });
route("/login/verify", () => import("./views/login-verify.js"), { access: "guest", title: t("main.secondStep") });
route("/signup", () => import("./views/signup.js"), { access: "guest", title: t("common.signUp") });
route("/signup/confirm", () => import("./views/signup-confirm.js"), { title: t("common.checkYourEmail") });
route("/forgot-password", () => import("./views/forgot-password.js"), { access: "guest", title: t("common.forgottenPassword") });
route("/reset-password", () => import("./views/reset-password.js"), { title: t("common.newPassword") });
route("/confirm-email", () => import("./views/confirm-email.js"), { title: t("main.confirmEmail") });
route("/profile", () => import("./views/profile.js"), { access: "member", title: t("main.myProfile") });
route("/users/:username", () => import("./views/player.js"), { title: t("common.player") });
route("/play", () => import("./views/play.js"), { access: "member", title: t("common.play") });
route("/play/quick", () => import("./views/quick-match.js"), { access: "member", title: t("common.quickMatch") });
route("/play/challenge", () => import("./views/challenge-new.js"), { access: "member", title: t("common.challengeLink") });
route("/play/:mode", () => import("./views/play-setup.js"), { access: "member", title: t("main.newGame") });
route("/challenge/:token", () => import("./views/challenge.js"), { title: t("main.challenge") });
route("/games/:id", () => import("./views/game.js"), { access: "member", title: t("main.game") });
route("/try/:id", () => import("./views/visitor-game.js"), { title: t("main.playingTheComputer") });
route("/games/:id/watch", () => import("./views/watch.js"), { access: "member", title: t("main.watching") });
route("/tournaments", () => import("./views/tournaments.js"), { access: "member", title: t("common.myTournaments") });
route("/tournaments/new", () => import("./views/tournament-new.js"), { access: "member", title: t("main.newTournament") });
route("/tournaments/:id", () => import("./views/tournament.js"), { access: "member", title: t("common.tournament") });
route("/stats", () => import("./views/stats.js"), { title: t("common.statistics") });
route("/matches", () => import("./views/matches.js"), { access: "member", title: t("common.myMatches") });
route("/matches/:id", () => import("./views/match.js"), { title: t("main.match") });
route("/matches/:id/replay", () => import("./views/replay.js"), { title: t("common.replay") });
route("/moderation", () => import("./views/moderation.js"), { access: "member", title: t("common.moderation") });
route("/__not-found", () => import("./views/not-found.js"), { title: t("main.notFound") });

setupThemeToggle();
setupHeaderLanguage();
// The page's own words (index.html is written in English) in the player's language.
document.querySelector(".skip-link").textContent = t("main.skipToContent");
document.querySelector(".brand").setAttribute("aria-label", t("main.transcendenceHome"));
// A signed-in player's stored language follows them to every device.
onUserChange((current) => { if (current?.language) adoptLanguage(current.language); });
onUserChange(renderNav);
// Signed in: one socket for the tab, friends, chat and notifications live. Their modules load
// with the first sign-in (a visitor never needs them).
let social = null;
onUserChange((current) => {
  if (!current && !social) return;
  social ??= import("./social/social-shell.js");
  social.then((shell) => shell.showFor(current)).catch(() => toast(t("main.chatAndNotificationsDidntLoad"), "error"));
});
on("route-changed", ({ pathname }) => {
  // During a game the chat is a button until asked for: nothing covers the court.
  const inGame = /^\/(games|try)\//.test(pathname);
  const enteringGame = inGame && !document.body.classList.contains("in-game");
  document.body.classList.toggle("in-game", inGame);
  social?.then((shell) => {
    if (enteringGame) shell.setChatOpen(false);
    shell.closeChatOnPhone();
  }).catch(() => {});
  markCurrent();
  document.getElementById("main").focus({ preventScroll: true });
});

on("session-ended", () => {
  if (!user()) return;
  setUser(null);
  toast(t("main.youWereSignedOutLog"));
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  navigate(`/login?next=${next}`, { replace: true });
});

refreshUser()
  .catch(() => null)
  .finally(() => {
    renderNav();
    startRouter();
  });
