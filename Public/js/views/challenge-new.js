import { t, tNodes } from "../i18n/i18n.js";
// Make a challenge link: choose the rules, get a link to paste anywhere (and its QR code for a
// phone), wait here until someone accepts — then both land in the game. Cancel from here.
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import * as challengesAPI from "../api/challenges.js";
import * as meAPI from "../api/me.js";
import { offerRatedOnlyWithFitRules, ratedChoice, rulesFields } from "../game/screen/settings-form.js";
import { navigate } from "../router.js";
import * as realtime from "../realtime.js";
import { ServerEvents } from "../realtime.js";

// The link is shown once by the server (it keeps only a hash): this tab remembers it across a reload.
const KEPT = "open-challenge";

export async function render(main, { scope }) {
  main.append(h("div", { class: "page-header" },
    h("div", {}, h("p", { class: "eyebrow" }, t("common.play")), h("h1", {}, t("common.challengeLink")))));
  const area = h("div", { class: "challenge-area" });
  main.append(area);
  const kept = JSON.parse(sessionStorage.getItem(KEPT) ?? "null");
  if (kept && new Date(kept.expiresAt) > new Date()) showWaiting(area, kept, scope);
  else showForm(area, await meAPI.gameSettings(), scope);
}

function showForm(area, settings, scope) {
  const rated = ratedChoice("challenge-rated", t("challengeNew.ratedGameBothRatingsMove"));
  const form = h("form", { class: "card stack challenge-form", novalidate: true, "aria-label": t("challengeNew.newChallenge") },
    h("p", { class: "muted" }, t("challengeNew.anyoneSignedInWhoOpens")),
    h("div", { class: "settings-grid" }, ...rulesFields(settings)),
    rated,
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, t("challengeNew.createTheLink")));
  offerRatedOnlyWithFitRules(form);
  handleSubmit(form, async (data) => {
    const made = await challengesAPI.create({
      pointsToWin: Number.parseInt(data.get("pointsToWin"), 10), ballSpeed: data.get("ballSpeed"),
      paddleSize: data.get("paddleSize"), rated: data.get("rated") === "on" });
    sessionStorage.setItem(KEPT, JSON.stringify(made));
    showWaiting(area, made, scope);
  });
  area.replaceChildren(form);
}

function showWaiting(area, made, scope) {
  const url = h("input", { id: "challenge-url", type: "text", readonly: true, value: made.url, class: "challenge-url" });
  const copy = h("button", { type: "button", class: "button button-primary" }, t("challengeNew.copyLink"));
  const copied = h("p", { class: "muted small", role: "status" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(made.url);
      copied.textContent = t("challengeNew.copiedPasteItAnywhere");
    } catch (_) {
      // No clipboard here (an insecure page, a refused permission): the link is selected to copy by hand.
      url.select();
      copied.textContent = t("challengeNew.pressCtrlCOrC");
    }
  });
  const left = h("span", { class: "challenge-expiry" });
  const tick = () => {
    const seconds = Math.max(0, Math.round((new Date(made.expiresAt) - new Date()) / 1000));
    left.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    if (seconds === 0) ended(t("challengeNew.thisChallengeExpiredNobodyAccepted"));
  };
  const timer = setInterval(tick, 1000);
  scope.add(() => clearInterval(timer));
  const news = h("p", { class: "challenge-news", role: "status", "aria-live": "polite" });
  const cancel = h("button", { type: "button", class: "button button-ghost danger-text" }, t("challengeNew.cancelTheChallenge"));
  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    await challengesAPI.cancel(made.id).catch(() => {});
    ended(t("challengeNew.challengeCancelledTheLinkLeads"));
  });
  const ended = (message) => {
    clearInterval(timer);
    sessionStorage.removeItem(KEPT);
    const again = h("button", { type: "button", class: "button button-primary" }, t("challengeNew.makeAnother"));
    again.addEventListener("click", async () => showForm(area, await meAPI.gameSettings(), scope));
    area.replaceChildren(h("section", { class: "card empty-state" }, h("h2", {}, t("challengeNew.noChallengeOpen")),
      h("p", { class: "muted", role: "status" }, message), again));
  };
  scope.add(realtime.on(ServerEvents.challenge, (event) => {
    if (event.id !== made.id) return;
    if (event.change === "accepted" && event.game) {
      sessionStorage.removeItem(KEPT);
      navigate(`/games/${event.game}`);
    } else if (event.change === "declined") {
      news.textContent = t("challengeNew.declinedTheLinkIsStill", { by: event.by });
    } else if (event.change === "cancelled") {
      ended(t("challengeNew.challengeCancelledTheLinkLeads"));
    }
  }));
  realtime.connect();
  const rules = made.rules;
  area.replaceChildren(h("section", { class: "card challenge-waiting", "aria-labelledby": "challenge-waiting-title" },
    h("h2", { id: "challenge-waiting-title" }, t("challengeNew.waitingForSomeoneToAccept")),
    h("p", { class: "muted" }, ...tNodes("challengeNew.firstToBallPaddlesExpires", { pointsToWin: rules.pointsToWin, ball: t(`rules.ball.${rules.ballSpeed}`), paddles: t(`rules.paddles.${rules.paddleSize}`), rated: rules.rated ? t("rules.rated") : t("rules.casual"), left })),
    h("div", { class: "challenge-share" },
      h("div", { class: "stack" },
        h("div", { class: "field" }, h("label", { for: "challenge-url" }, t("common.challengeLink")), url),
        h("div", { class: "button-row" }, copy, cancel), copied, news),
      h("img", { class: "qr", width: 180, height: 180, alt: t("challengeNew.qrCodeOfTheChallenge"),
        src: `data:image/svg+xml;base64,${btoa(made.qrSVG)}` }))));
  tick();
}
