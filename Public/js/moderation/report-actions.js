import { t } from "../i18n/i18n.js";
// A report's actions on the moderation screen: one reason (kept in the audit log) and a button per
// action. Each answers the report; the server refuses what a moderator may not do (staff, a
// report already answered) and the form says why.
import { h } from "../components/dom.js";
import { field, selectField, formBanner, handleSubmit } from "../components/form.js";
import * as moderationAPI from "../api/moderation.js";

const MUTES = [["10", t("duration.minutes", { count: 10 })], ["60", t("duration.hours", { count: 1 })], ["1440", t("duration.hours", { count: 24 })], ["10080", t("duration.days", { count: 7 })]];
const SUSPENSIONS = [["1440", t("duration.days", { count: 1 })], ["10080", t("duration.days", { count: 7 })], ["43200", t("duration.days", { count: 30 })], ["", t("reportActions.forGood")]];

export function reportActions(report, done) {
  const target = report.target.username;
  const game = report.game;
  const opponent = game ? (game.left === target ? game.right : game.left) : "";
  const button = (action, label, style = "button-ghost") =>
    h("button", { type: "submit", class: `button button-small ${style}`, dataset: { action } }, label);
  const form = h("form", { class: "report-actions stack", novalidate: true, "aria-label": t("reportActions.actOnTheReportAbout", { target }) },
    field({ label: t("reportActions.whyKeptInTheAudit"), name: "reason", maxlength: 500, autocomplete: "off" }),
    h("div", { class: "action-grid" },
      h("div", { class: "button-row action-full" }, button("dismiss", t("reportActions.dismiss")), button("warn", t("reportActions.warn")),
        button("reset-username", t("reportActions.resetUsername")), button("reset-avatar", t("reportActions.resetPicture"))),
      h("div", { class: "action-with-choice" }, selectField({ label: t("reportActions.muteFor"), name: "muteMinutes", options: MUTES, value: "10" }), button("mute", t("reportActions.muteInChat"))),
      h("div", { class: "action-with-choice" }, selectField({ label: t("reportActions.suspendFor"), name: "suspendMinutes", options: SUSPENSIONS, value: "1440" }),
        button("suspend", t("reportActions.suspend"), "button-danger")),
      h("div", { class: "action-with-choice action-full" },
        field({ label: t("reportActions.otherPlayerOfTheFarmed"), name: "opponent", value: opponent, required: false, autocomplete: "off" }),
        button("farmed", t("reportActions.markGamesFarmed")))),
    formBanner());
  let chosen = null;
  form.addEventListener("click", (event) => { chosen = event.target.closest("button[data-action]")?.dataset.action ?? chosen; });
  handleSubmit(form, async (data) => {
    const reason = data.get("reason");
    const body = { reason, report: report.id };
    switch (chosen) {
      case "dismiss":
        await moderationAPI.dismiss(report.id, reason);
        return done(t("reportActions.reportAboutDismissed", { target }));
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
  warn: (name) => t("reportActions.wasWarned", { name }),
  mute: (name) => t("reportActions.isMutedInChat", { name }),
  suspend: (name) => t("reportActions.isSuspendedTheirSessionsHave", { name }),
  "reset-username": (name) => t("reportActions.sUsernameWasReset", { name }),
  "reset-avatar": (name) => t("reportActions.sPictureWasReset", { name }),
  farmed: (name) => t("reportActions.sFarmedGamesAreUnrated", { name }),
};

/// Acting on a player without a report: a warning, or taking back a mute or a suspension.
export function anyPlayerActions(done) {
  const button = (action, label) => h("button", { type: "submit", class: "button button-small button-ghost", dataset: { action } }, label);
  const form = h("form", { class: "card stack player-actions-card", novalidate: true, "aria-labelledby": "any-player-title" },
    h("h2", { id: "any-player-title" }, t("reportActions.aPlayer")),
    h("p", { class: "muted small" }, t("reportActions.withoutAReportWarnOr")),
    field({ label: t("common.username"), name: "username", autocomplete: "off", maxlength: 40 }),
    field({ label: t("reportActions.whyKeptInTheAudit"), name: "reason", maxlength: 500, autocomplete: "off" }),
    h("div", { class: "button-row" }, button("warn", t("reportActions.warn")), button("unmute", t("reportActions.unmute")), button("unsuspend", t("reportActions.liftSuspension"))),
    formBanner());
  let chosen = null;
  form.addEventListener("click", (event) => { chosen = event.target.closest("button[data-action]")?.dataset.action ?? chosen; });
  handleSubmit(form, async (data) => {
    const username = data.get("username").trim();
    await moderationAPI.act(username, chosen, { reason: data.get("reason") });
    form.reset();
    done({ warn: t("reportActions.wasWarned2", { username }), unmute: t("reportActions.canWriteAgain", { username }), unsuspend: t("reportActions.sSuspensionIsLifted", { username }) }[chosen]);
  });
  return form;
}
