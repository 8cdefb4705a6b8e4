import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as authAPI from "../api/auth.js";
import { setUser } from "../session.js";
import { navigate } from "../router.js";
import { courtBackdrop } from "../components/court.js";
import { pendingChallenge, rememberChallenge, forgetChallenge } from "./login-challenge.js";

export function render(main, { scope }) {
  const pending = pendingChallenge();
  if (!pending) return navigate("/login", { replace: true });
  let usingRecoveryCode = false;

  const codeField = field({ label: "Login code", name: "code", autocomplete: "one-time-code", inputmode: "numeric",
    maxlength: 6, pattern: "[0-9]{6}", autofocus: true, hint: "6 digits." });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "verify-title" },
    codeField, formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, "Verify and log in"));
  handleSubmit(form, async (data) => {
    try {
      const result = await authAPI.verifySecondFactor({ challenge: pending.challenge, code: data.get("code") });
      forgetChallenge();
      setUser(result.user);
      navigate(pending.next || "/", { replace: true });
    } catch (error) {
      if (error instanceof ApiError && ["challenge_locked", "challenge_expired"].includes(error.code)) {
        forgetChallenge();
        toast(error.message);
        navigate("/login", { replace: true });
        return;
      }
      throw error;
    }
  });

  const input = codeField.querySelector("input");
  const label = codeField.querySelector("label");
  const hint = codeField.querySelector(".field-hint");
  const toggle = h("button", { type: "button", class: "link-button" }, "Use a recovery code");
  toggle.addEventListener("click", () => {
    usingRecoveryCode = !usingRecoveryCode;
    label.textContent = usingRecoveryCode ? "Recovery code" : "Login code";
    hint.textContent = usingRecoveryCode ? "One of the codes you saved, like k7q2m-x9t4p." : "6 digits.";
    input.setAttribute("autocomplete", usingRecoveryCode ? "off" : "one-time-code");
    input.setAttribute("inputmode", usingRecoveryCode ? "text" : "numeric");
    input.setAttribute("maxlength", usingRecoveryCode ? "11" : "6");
    input.removeAttribute("pattern");
    toggle.textContent = usingRecoveryCode ? "Use a login code instead" : "Use a recovery code";
    input.value = "";
    input.focus();
  });

  const actions = h("div", { class: "verify-actions" }, toggle);
  if (pending.method === "email") {
    const resend = h("button", { type: "button", class: "link-button" }, "Resend code");
    // Counts down to the moment another code may be sent, instead of refusing a press too early.
    let availableAt = pending.resendAvailableAt ? new Date(pending.resendAvailableAt).getTime() : 0;
    const tick = () => {
      const seconds = Math.ceil((availableAt - Date.now()) / 1000);
      resend.disabled = seconds > 0;
      resend.textContent = seconds > 0 ? `Resend code in ${seconds} s` : "Resend code";
    };
    tick();
    scope.interval(tick, 1000);
    resend.addEventListener("click", async () => {
      try {
        const result = await authAPI.resendCode(pending.challenge);
        rememberChallenge({ ...pending, ...result });
        availableAt = result.resendAvailableAt ? new Date(result.resendAvailableAt).getTime() : 0;
        tick();
        toast("A new code is on its way.", "success");
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        toast(error.message);
      }
    });
    actions.prepend(resend);
  }

  const explanation = pending.method === "email"
    ? `We sent a 6-digit code to ${pending.destination}. It works for 10 minutes.`
    : "Open your authenticator app and enter the 6-digit code it shows for Transcendence.";
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, "Second step"),
    h("h1", { id: "verify-title" }, pending.method === "email" ? "Check your email" : "Enter your app's code"),
    h("p", { class: "muted" }, explanation),
    form, actions,
    h("p", { class: "auth-switch" }, h("a", { href: "/login" }, "Start over")),
  ));
}
