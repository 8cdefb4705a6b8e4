import { t } from "../i18n/i18n.js";
// "Report": a dialog to report a player, from their page, one of their chat messages, a game's
// end screen or a tournament. The reported player never sees it; the reporter is thanked.
import { h } from "../components/dom.js";
import { formBanner, handleSubmit } from "../components/form.js";
import * as moderationAPI from "../api/moderation.js";

const REASONS = [
  ["chat_abuse", t("reportDialog.abuseInChat")],
  ["cheating", t("reportDialog.cheatingOrFarmingARating")],
  ["offensive_name", t("reportDialog.offensiveNameOrPicture")],
  ["other", t("reportDialog.somethingElse")],
];

/// `about` says what is reported, shown in the dialog: "their message “…”", "the game 5–3"…
export function openReportDialog(username, { messageID, matchID, tournamentID, about, reason = "other" } = {}) {
  let counter = 0;
  const choice = ([value, label]) => {
    const id = `report-reason-${value}-${++counter}`;
    return h("div", { class: "radio-row" },
      h("input", { type: "radio", id, name: "reason", value, checked: value === reason }),
      h("label", { for: id }, label));
  };
  const textID = `report-text-${Date.now()}`;
  const form = h("form", { method: "dialog", class: "stack report-form", novalidate: true },
    h("fieldset", { class: "report-reasons" }, h("legend", {}, t("reportDialog.whatIsWrong")), ...REASONS.map(choice)),
    h("div", { class: "field" },
      h("label", { for: textID }, t("reportDialog.anythingAModeratorShouldKnow")),
      h("textarea", { id: textID, name: "text", rows: 3, maxlength: 500 })),
    formBanner(),
    h("div", { class: "button-row" },
      h("button", { type: "submit", class: "button button-primary" }, t("reportDialog.sendReport")),
      h("button", { type: "button", class: "button button-ghost", onclick: () => dialog.close() }, t("common.cancel"))));
  const body = h("div", { class: "stack" },
    h("p", { class: "muted" }, about ? t("reportDialog.about", { about }) : "", t("reportDialog.wontKnowWhoReportedThem", { username })),
    form);
  const dialog = h("dialog", { class: "report-dialog card", "aria-labelledby": "report-title" },
    h("h2", { id: "report-title" }, t("reportDialog.report", { username })), body);
  dialog.addEventListener("close", () => dialog.remove());
  handleSubmit(form, async (data) => {
    const text = data.get("text")?.trim();
    const answer = await moderationAPI.report({
      username, reason: data.get("reason"), text: text || undefined, messageID, matchID, tournamentID });
    const done = h("button", { type: "button", class: "button button-primary", onclick: () => dialog.close() }, t("reportDialog.close"));
    body.replaceChildren(h("p", { role: "status", class: "report-thanks" }, answer.message), h("div", { class: "button-row" }, done));
    done.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector("input:checked")?.focus();
}
