// A report's actions on the moderation screen: one reason (kept in the audit log) and a button per
// action. Each answers the report; the server refuses what a moderator may not do (staff, a
// report already answered) and the form says why.
import { h } from "../components/dom.js";
import { field, selectField, formBanner, handleSubmit } from "../components/form.js";
import * as moderationAPI from "../api/moderation.js";

const MUTES = [["10", "10 minutes"], ["60", "1 hour"], ["1440", "24 hours"], ["10080", "7 days"]];
const SUSPENSIONS = [["1440", "1 day"], ["10080", "7 days"], ["43200", "30 days"], ["", "For good"]];

export function reportActions(report, done) {
  const target = report.target.username;
  const game = report.game;
  const opponent = game ? (game.left === target ? game.right : game.left) : "";
  const button = (action, label, style = "button-ghost") =>
    h("button", { type: "submit", class: `button button-small ${style}`, dataset: { action } }, label);
  const form = h("form", { class: "report-actions stack", novalidate: true, "aria-label": `Act on the report about ${target}` },
    field({ label: "Why (kept in the audit log)", name: "reason", maxlength: 500, autocomplete: "off" }),
    h("div", { class: "action-grid" },
      h("div", { class: "button-row action-full" }, button("dismiss", "Dismiss"), button("warn", "Warn"),
        button("reset-username", "Reset username"), button("reset-avatar", "Reset picture")),
      h("div", { class: "action-with-choice" }, selectField({ label: "Mute for", name: "muteMinutes", options: MUTES, value: "10" }), button("mute", "Mute in chat")),
      h("div", { class: "action-with-choice" }, selectField({ label: "Suspend for", name: "suspendMinutes", options: SUSPENSIONS, value: "1440" }),
        button("suspend", "Suspend", "button-danger")),
      h("div", { class: "action-with-choice action-full" },
        field({ label: "Other player of the farmed games", name: "opponent", value: opponent, required: false, autocomplete: "off" }),
        button("farmed", "Mark games farmed"))),
    formBanner());
  let chosen = null;
  form.addEventListener("click", (event) => { chosen = event.target.closest("button[data-action]")?.dataset.action ?? chosen; });
  handleSubmit(form, async (data) => {
    const reason = data.get("reason");
    const body = { reason, report: report.id };
    switch (chosen) {
      case "dismiss":
        await moderationAPI.dismiss(report.id, reason);
        return done(`Report about ${target} dismissed.`);
      case "mute":
        body.minutes = Number(data.get("muteMinutes"));
        break;
      case "suspend":
        if (data.get("suspendMinutes")) body.minutes = Number(data.get("suspendMinutes"));
        break;
      case "farmed":
        body.opponent = data.get("opponent");
        break;
      default:
        break;
    }
    await moderationAPI.act(target, chosen, body);
    done(DONE[chosen](target));
  }, { fieldNames: { minutes: "muteMinutes" } });
  return form;
}

const DONE = {
  warn: (name) => `${name} was warned.`,
  mute: (name) => `${name} is muted in chat.`,
  suspend: (name) => `${name} is suspended; their sessions have ended.`,
  "reset-username": (name) => `${name}'s username was reset.`,
  "reset-avatar": (name) => `${name}'s picture was reset.`,
  farmed: (name) => `${name}'s farmed games are unrated and both ratings are recomputed.`,
};

/// Acting on a player without a report: a warning, or taking back a mute or a suspension.
export function anyPlayerActions(done) {
  const button = (action, label) => h("button", { type: "submit", class: "button button-small button-ghost", dataset: { action } }, label);
  const form = h("form", { class: "card stack player-actions-card", novalidate: true, "aria-labelledby": "any-player-title" },
    h("h2", { id: "any-player-title" }, "A player"),
    h("p", { class: "muted small" }, "Without a report: warn, or take back a mute or a suspension."),
    field({ label: "Username", name: "username", autocomplete: "off", maxlength: 40 }),
    field({ label: "Why (kept in the audit log)", name: "reason", maxlength: 500, autocomplete: "off" }),
    h("div", { class: "button-row" }, button("warn", "Warn"), button("unmute", "Unmute"), button("unsuspend", "Lift suspension")),
    formBanner());
  let chosen = null;
  form.addEventListener("click", (event) => { chosen = event.target.closest("button[data-action]")?.dataset.action ?? chosen; });
  handleSubmit(form, async (data) => {
    const username = data.get("username").trim();
    await moderationAPI.act(username, chosen, { reason: data.get("reason") });
    form.reset();
    done({ warn: `${username} was warned.`, unmute: `${username} can write again.`, unsuspend: `${username}'s suspension is lifted.` }[chosen]);
  });
  return form;
}
