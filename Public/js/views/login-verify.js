import { t } from "../i18n/i18n.js";
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

  const codeField = field({ label: t("loginVerify.loginCode"), name: "code", autocomplete: "one-time-code", inputmode: "numeric",
    maxlength: 6, pattern: "[0-9]{6}", autofocus: true, hint: t("loginVerify.sixDigits") });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "verify-title" },
    codeField, formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, t("loginVerify.verifyAndLogIn")));
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
  const toggle = h("button", { type: "button", class: "link-button" }, t("loginVerify.useARecoveryCode"));
  toggle.addEventListener("click", () => {
    usingRecoveryCode = !usingRecoveryCode;
    label.textContent = usingRecoveryCode ? t("loginVerify.recoveryCode") : t("loginVerify.loginCode");
    hint.textContent = usingRecoveryCode ? t("loginVerify.oneOfTheCodesYou") : "6 digits.";
    input.setAttribute("autocomplete", usingRecoveryCode ? "off" : "one-time-code");
    input.setAttribute("inputmode", usingRecoveryCode ? "text" : "numeric");
    input.setAttribute("maxlength", usingRecoveryCode ? "11" : "6");
    input.removeAttribute("pattern");
    toggle.textContent = usingRecoveryCode ? t("loginVerify.useALoginCodeInstead") : t("loginVerify.useARecoveryCode");
    input.value = "";
    input.focus();
  });

  const actions = h("div", { class: "verify-actions" }, toggle);
  if (pending.method === "email") {
    const resend = h("button", { type: "button", class: "link-button" }, t("loginVerify.resendCode"));
    // Counts down to the moment another code may be sent, instead of refusing a press too early.
    let availableAt = pending.resendAvailableAt ? new Date(pending.resendAvailableAt).getTime() : 0;
    const tick = () => {
      const seconds = Math.ceil((availableAt - Date.now()) / 1000);
      resend.disabled = seconds > 0;
      resend.textContent = seconds > 0 ? t("loginVerify.resendCodeInS", { seconds }) : t("loginVerify.resendCode");
    };
    tick();
    scope.interval(tick, 1000);
    resend.addEventListener("click", async () => {
      try {
        const result = await authAPI.resendCode(pending.challenge);
        rememberChallenge({ ...pending, ...result });
        availableAt = result.resendAvailableAt ? new Date(result.resendAvailableAt).getTime() : 0;
        tick();
        toast(t("loginVerify.aNewCodeIsOn"), "success");
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        toast(error.message);
      }
    });
    actions.prepend(resend);
  }

  const explanation = pending.method === "email"
    ? t("loginVerify.weSentA6Digit", { destination: pending.destination })
    : t("loginVerify.openYourAuthenticatorAppAnd");
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, t("loginVerify.secondStep")),
    h("h1", { id: "verify-title" }, pending.method === "email" ? t("common.checkYourEmail") : t("loginVerify.enterYourAppsCode")),
    h("p", { class: "muted" }, explanation),
    form, actions,
    h("p", { class: "auth-switch" }, h("a", { href: "/login" }, t("loginVerify.startOver"))),
  ));
}
