import { t } from "../i18n/i18n.js";
// An address waiting for its confirmation: the button that sends the link
// again, and the reminder the home screen shows until it is confirmed.
import { h } from "./dom.js";
import { toast } from "./toast.js";
import { ApiError } from "../api/client.js";
import * as meAPI from "../api/me.js";

export function resendConfirmationButton() {
  const resend = h("button", { type: "button", class: "button button-small button-ghost" }, t("emailReminder.resendConfirmationEmail"));
  resend.addEventListener("click", async () => {
    resend.disabled = true;
    try {
      await meAPI.resendConfirmation();
      toast(t("emailReminder.confirmationEmailSent"), "success");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      toast(error.message);
    } finally {
      resend.disabled = false;
    }
  });
  return resend;
}

/// Nothing when every address is confirmed.
export function emailReminder(me) {
  const waiting = me.pendingEmail ?? (me.emailConfirmed ? null : me.email);
  if (!waiting) return null;
  return h("section", { class: "card email-reminder", "aria-labelledby": "email-reminder-title" },
    h("div", {},
      h("h2", { id: "email-reminder-title" }, t("emailReminder.confirmYourEmailAddress")),
      h("p", { class: "muted" }, t("emailReminder.openTheLinkWeSent", { waiting }))),
    resendConfirmationButton());
}
