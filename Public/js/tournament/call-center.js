import { t } from "../i18n/i18n.js";
import { roundName } from "../components/words.js";
// Tournament calls on every screen: when a match of mine is ready, a card says so
// ("Your semi-final against Bob is ready") with I'm ready and the seconds left; when
// both are ready the game opens; a match decided without me (a no-show) is told.
// On that tournament's own page the page's card says the same, so this one steps aside.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { on } from "../events.js";
import { isOpen, on as onSocket, ServerEvents, SocketEvents } from "../realtime.js";
import { navigate } from "../router.js";
import { user } from "../session.js";
import { setOpen as setChatOpen } from "../social/chat-dock.js";

let region = null;
const cards = new Map();
let ticker = null;
let pathname = window.location.pathname;

const key = (call) => `${call.tournament}:${call.match}`;

export function mountCallCenter() {
  if (region) return;
  region = h("section", { class: "call-center", "aria-label": t("callCenter.tournamentCalls"), "aria-live": "polite" });
  document.body.append(region);
  onSocket(ServerEvents.tournamentCall, (call) => {
    switch (call.status) {
      case "called": return show(call);
      case "started":
        remove(call);
        setChatOpen(false);
        return navigate(`/games/${call.game}`);
      case "decided":
        if (cards.has(key(call))) toast(t("callCenter.yourAgainstWasDecidedWithout", { value: roundName(call.roundName).toLowerCase(), opponent: call.opponent }));
        return remove(call);
      default:
        return undefined;
    }
  });
  // A page opened (or reloaded) after the call still shows it, also when the socket opened first.
  const showPending = () => {
    if (!user()) return; // a visitor's socket plays the computer and nothing else
    tournamentsAPI.pendingCalls().then((pending) => pending.forEach(show)).catch(() => {});
  };
  onSocket(SocketEvents.open, showPending);
  if (isOpen()) showPending();
  on("route-changed", (route) => {
    pathname = route.pathname;
    for (const card of cards.values()) placeCard(card);
  });
  on("session-ended", () => { for (const card of cards.values()) card.remove(); cards.clear(); });
}

function secondsLeft(call) {
  return Math.max(0, Math.ceil((new Date(call.readyDeadline) - Date.now()) / 1000));
}

function show(call) {
  remove(call);
  const timer = h("span", { class: "invitation-timer" }, `${secondsLeft(call)} s`);
  const status = h("p", { class: "small muted" }, t("callCenter.sayYoureReadyTheGame"));
  const ready = h("button", { type: "button", class: "button button-small button-primary", "aria-label": t("callCenter.imReadyForMyAgainst", { value: roundName(call.roundName).toLowerCase(), opponent: call.opponent }) }, t("callCenter.imReady"));
  ready.addEventListener("click", async () => {
    ready.disabled = true;
    try {
      await tournamentsAPI.ready(call.tournament, call.match);
      status.textContent = t("callCenter.readyWaitingFor", { opponent: call.opponent });
    } catch (error) {
      ready.disabled = false;
      toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
    }
  });
  const card = h("article", { class: "invitation-card card call-card", dataset: { deadline: call.readyDeadline } },
    h("p", { class: "invitation-title" }, t("callCenter.yourAgainstIsReady", { value: roundName(call.roundName).toLowerCase(), opponent: call.opponent }), " ", timer),
    h("p", { class: "small" }, call.tournamentName),
    status,
    h("div", { class: "button-row" }, ready,
      h("a", { href: `/tournaments/${call.tournament}`, class: "button button-small button-ghost" }, t("callCenter.openTheBracket"))));
  card.timer = timer;
  card.call = call;
  cards.set(key(call), card);
  placeCard(card);
  region.append(card);
  clearInterval(ticker);
  ticker = setInterval(tick, 1000);
}

/// One card per call: the bracket page has its own.
function placeCard(card) {
  card.hidden = pathname === `/tournaments/${card.call.tournament}`;
}

function tick() {
  for (const [id, card] of cards) {
    const left = secondsLeft(card.call);
    card.timer.textContent = `${left} s`;
    if (left <= 0) { card.remove(); cards.delete(id); }
  }
  if (!cards.size) clearInterval(ticker);
}

function remove(call) {
  cards.get(key(call))?.remove();
  cards.delete(key(call));
}
