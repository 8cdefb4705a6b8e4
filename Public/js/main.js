import { route, startRouter, navigate } from "./router.js";
import { refreshUser, onUserChange, user, setUser } from "./session.js";
import { renderNav, markCurrent } from "./components/nav.js";
import { setupThemeToggle } from "./components/theme.js";
import { toast } from "./components/toast.js";
import { on } from "./events.js";

// Home for a player; for a visitor, the landing page.
route("/", () => (user() ? import("./views/home.js") : import("./views/landing.js")), { title: "Home" });
route("/login", () => import("./views/login.js"), { access: "guest", title: "Log in" });
route("/login/verify", () => import("./views/login-verify.js"), { access: "guest", title: "Second step" });
route("/signup", () => import("./views/signup.js"), { access: "guest", title: "Sign up" });
route("/signup/confirm", () => import("./views/signup-confirm.js"), { title: "Check your email" });
route("/forgot-password", () => import("./views/forgot-password.js"), { access: "guest", title: "Forgotten password" });
route("/reset-password", () => import("./views/reset-password.js"), { title: "New password" });
route("/confirm-email", () => import("./views/confirm-email.js"), { title: "Confirm email" });
route("/profile", () => import("./views/profile.js"), { access: "member", title: "My profile" });
route("/users/:username", () => import("./views/player.js"), { title: "Player" });
route("/play", () => import("./views/play.js"), { access: "member", title: "Play" });
route("/play/quick", () => import("./views/quick-match.js"), { access: "member", title: "Quick match" });
route("/play/challenge", () => import("./views/challenge-new.js"), { access: "member", title: "Challenge link" });
route("/play/:mode", () => import("./views/play-setup.js"), { access: "member", title: "New game" });
route("/challenge/:token", () => import("./views/challenge.js"), { title: "Challenge" });
route("/games/:id", () => import("./views/game.js"), { access: "member", title: "Game" });
route("/try/:id", () => import("./views/visitor-game.js"), { title: "Playing the computer" });
route("/games/:id/watch", () => import("./views/watch.js"), { access: "member", title: "Watching" });
route("/tournaments", () => import("./views/tournaments.js"), { access: "member", title: "My tournaments" });
route("/tournaments/new", () => import("./views/tournament-new.js"), { access: "member", title: "New tournament" });
route("/tournaments/:id", () => import("./views/tournament.js"), { access: "member", title: "Tournament" });
route("/stats", () => import("./views/stats.js"), { title: "Statistics" });
route("/matches", () => import("./views/matches.js"), { access: "member", title: "My matches" });
route("/matches/:id", () => import("./views/match.js"), { title: "Match" });
route("/matches/:id/replay", () => import("./views/replay.js"), { title: "Replay" });
route("/moderation", () => import("./views/moderation.js"), { access: "member", title: "Moderation" });
route("/__not-found", () => import("./views/not-found.js"), { title: "Not found" });

setupThemeToggle();
onUserChange(renderNav);
// Signed in: one socket for the tab, friends, chat and notifications live. Their modules load
// with the first sign-in (a visitor never needs them).
let social = null;
onUserChange((current) => {
  if (!current && !social) return;
  social ??= import("./social/social-shell.js");
  social.then((shell) => shell.showFor(current)).catch(() => toast("Chat and notifications didn't load. Reload the page.", "error"));
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
  toast("You were signed out. Log in again to continue.");
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  navigate(`/login?next=${next}`, { replace: true });
});

refreshUser()
  .catch(() => null)
  .finally(() => {
    renderNav();
    startRouter();
  });
