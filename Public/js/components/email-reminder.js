// An address waiting for its confirmation: the button that sends the link
// again, and the reminder the home screen shows until it is confirmed.
import { h } from "./dom.js";
import { toast } from "./toast.js";
import { ApiError } from "../api/client.js";
import * as meAPI from "../api/me.js";

export function resendConfirmationButton() {
  const resend = h("button", { type: "button", class: "button button-small button-ghost" }, "Resend confirmation email");
  resend.addEventListener("click", async () => {
    resend.disabled = true;
    try {
      await meAPI.resendConfirmation();
      toast("Confirmation email sent.", "success");
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
      h("h2", { id: "email-reminder-title" }, "Confirm your email address"),
      h("p", { class: "muted" }, `Open the link we sent to ${waiting}. Until then, password resets and sign-in codes can't reach you there.`)),
    resendConfirmationButton());
}
