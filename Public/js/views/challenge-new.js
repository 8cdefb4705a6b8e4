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
    h("div", {}, h("p", { class: "eyebrow" }, "Play"), h("h1", {}, "Challenge link"))));
  const area = h("div", { class: "challenge-area" });
  main.append(area);
  const kept = JSON.parse(sessionStorage.getItem(KEPT) ?? "null");
  if (kept && new Date(kept.expiresAt) > new Date()) showWaiting(area, kept, scope);
  else showForm(area, await meAPI.gameSettings(), scope);
}

function showForm(area, settings, scope) {
  const rated = ratedChoice("challenge-rated", "Rated game (both ratings move)");
  const form = h("form", { class: "card stack challenge-form", novalidate: true, "aria-label": "New challenge" },
    h("p", { class: "muted" }, "Anyone signed in who opens the link can accept, once, within 30 minutes. You play them on the left."),
    h("div", { class: "settings-grid" }, ...rulesFields(settings)),
    rated,
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, "Create the link"));
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
  const copy = h("button", { type: "button", class: "button button-primary" }, "Copy link");
  const copied = h("p", { class: "muted small", role: "status" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(made.url);
      copied.textContent = "Copied. Paste it anywhere.";
    } catch (_) {
      // No clipboard here (an insecure page, a refused permission): the link is selected to copy by hand.
      url.select();
      copied.textContent = "Press Ctrl+C (or ⌘C) to copy the selected link.";
    }
  });
  const left = h("span", { class: "challenge-expiry" });
  const tick = () => {
    const seconds = Math.max(0, Math.round((new Date(made.expiresAt) - new Date()) / 1000));
    left.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    if (seconds === 0) ended("This challenge expired: nobody accepted it in 30 minutes.");
  };
  const timer = setInterval(tick, 1000);
  scope.add(() => clearInterval(timer));
  const news = h("p", { class: "challenge-news", role: "status", "aria-live": "polite" });
  const cancel = h("button", { type: "button", class: "button button-ghost danger-text" }, "Cancel the challenge");
  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    await challengesAPI.cancel(made.id).catch(() => {});
    ended("Challenge cancelled: the link leads nowhere now.");
  });
  const ended = (message) => {
    clearInterval(timer);
    sessionStorage.removeItem(KEPT);
    const again = h("button", { type: "button", class: "button button-primary" }, "Make another");
    again.addEventListener("click", async () => showForm(area, await meAPI.gameSettings(), scope));
    area.replaceChildren(h("section", { class: "card empty-state" }, h("h2", {}, "No challenge open"),
      h("p", { class: "muted", role: "status" }, message), again));
  };
  scope.add(realtime.on(ServerEvents.challenge, (event) => {
    if (event.id !== made.id) return;
    if (event.change === "accepted" && event.game) {
      sessionStorage.removeItem(KEPT);
      navigate(`/games/${event.game}`);
    } else if (event.change === "declined") {
      news.textContent = `${event.by} declined. The link is still open for anyone else.`;
    } else if (event.change === "cancelled") {
      ended("Challenge cancelled: the link leads nowhere now.");
    }
  }));
  realtime.connect();
  const rules = made.rules;
  area.replaceChildren(h("section", { class: "card challenge-waiting", "aria-labelledby": "challenge-waiting-title" },
    h("h2", { id: "challenge-waiting-title" }, "Waiting for someone to accept"),
    h("p", { class: "muted" }, `First to ${rules.pointsToWin} · ${rules.ballSpeed} ball · ${rules.paddleSize} paddles · ${rules.rated ? "rated" : "casual"} · expires in `, left),
    h("div", { class: "challenge-share" },
      h("div", { class: "stack" },
        h("div", { class: "field" }, h("label", { for: "challenge-url" }, "Challenge link"), url),
        h("div", { class: "button-row" }, copy, cancel), copied, news),
      h("img", { class: "qr", width: 180, height: 180, alt: "QR code of the challenge link, to open it on a phone",
        src: `data:image/svg+xml;base64,${btoa(made.qrSVG)}` }))));
  tick();
}
