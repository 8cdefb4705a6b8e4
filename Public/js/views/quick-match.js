import { t, locale } from "../i18n/i18n.js";
// Quick match: waiting in the queue for a stranger of about the same rating,
// with the time waited and how wide the search is; Cancel (or leaving this
// screen) leaves the queue. A pairing goes straight to the game.
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as playAPI from "../api/play.js";
import * as realtime from "../realtime.js";
import { ServerEvents } from "../realtime.js";
import { navigate } from "../router.js";
import { setOpen as setChatOpen } from "../social/chat-dock.js";

function clock(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export async function render(main, { scope }) {
  let matched = false;
  scope.add(realtime.on(ServerEvents.matchFound, (found) => {
    matched = true;
    setChatOpen(false);
    navigate(`/games/${found.game}`);
  }));
  await realtime.connect();
  let status;
  try {
    status = await playAPI.joinQueue();
  } catch (error) {
    // In a game, waiting for a friend's answer, or serving a playban: said, with when it ends.
    if (!(error instanceof ApiError) || ![403, 409].includes(error.status) || error.code === "csrf_failed") throw error;
    const until = error.until ? new Date(error.until).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }) : null;
    main.append(h("section", { class: "card empty-state" },
      h("h1", {}, t("quickMatch.notNow")),
      h("p", { class: "muted" }, error.message),
      until ? h("p", {}, t("quickMatch.youCanJoinTheQuick", { until })) : null,
      h("a", { href: "/play", class: "button button-primary" }, t("quickMatch.backToPlay"))));
    return;
  }
  // Leaving this screen leaves the queue (unless a game was found).
  scope.add(() => { if (!matched) playAPI.leaveQueue().catch(() => {}); });
  if (!status.queued) return; // paired at once: match_found is on its way

  const since = new Date(status.since).getTime();
  const waited = h("p", { class: "queue-clock", role: "timer", "aria-label": t("quickMatch.timeWaited") }, "0:00");
  const range = h("p", { class: "muted" });
  const tick = () => {
    const seconds = Math.max(0, Math.floor((Date.now() - since) / 1000));
    waited.textContent = clock(seconds);
    const gap = 100 + 50 * Math.floor(seconds / 5);
    range.textContent = t("quickMatch.lookingForAPlayerRated", { value: status.rating - gap, value2: status.rating + gap });
  };
  tick();
  scope.interval(tick, 1000);
  const cancel = h("button", { type: "button", class: "button button-ghost" }, t("common.cancel"));
  cancel.addEventListener("click", async () => {
    await playAPI.leaveQueue().catch(() => {});
    navigate("/play");
  });
  main.append(h("section", { class: "card queue-card", "aria-labelledby": "queue-title" },
    h("div", { class: "queue-spinner", "aria-hidden": "true" }, h("span"), h("span"), h("span")),
    h("p", { class: "eyebrow" }, t("quickMatch.quickMatchRated")),
    h("h1", { id: "queue-title" }, t("quickMatch.lookingForAnOpponent")),
    h("p", {}, t("quickMatch.yourRating", { rating: status.rating })),
    waited, range,
    h("div", { class: "button-row" }, cancel)));
}
