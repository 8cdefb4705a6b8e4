import { t } from "../i18n/i18n.js";
// Sign-in security: email confirmation, the second step (email codes or an
// authenticator app), and recovery codes.
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import { toast } from "../components/toast.js";
import * as meAPI from "../api/me.js";
import { user, setUser } from "../session.js";
import { on } from "../events.js";
import { resendConfirmationButton } from "../components/email-reminder.js";

/// The card, redrawn whenever the account changes (a new address waiting for its confirmation) while `scope` lasts.
export async function securitySection(scope) {
  const section = h("section", { class: "card settings-card security-card", "aria-labelledby": "security-title" });
  async function show() {
    const status = await meAPI.twoFactorStatus();
    // Filtered: replaceChildren would print a skipped (null) part as the text "null".
    section.replaceChildren(...[
      h("h2", { id: "security-title" }, t("profileSecurity.signInSecurity")),
      emailStatus(status),
      h("div", { class: "security-row" },
        h("div", {},
          h("strong", {}, t("profileSecurity.secondStepAtLogin")),
          h("p", { class: "muted small" }, status.authenticatorEnabled
            ? t("profileSecurity.aCodeFromYourAuthenticator") : t("profileSecurity.aCodeSentTo", { email: status.email }))),
        h("span", { class: "badge" }, status.authenticatorEnabled ? t("profileSecurity.authenticatorApp") : t("profileSecurity.emailCodes"))),
      status.authenticatorEnabled
        ? h("p", { class: "muted small" }, t("count.unusedRecoveryCode", { count: status.recoveryCodesRemaining }))
        : null,
      status.authenticatorEnabled ? manageAuthenticator(show) : enrolButton(section, show),
    ].filter(Boolean));
  }
  await show();
  // An address change shows at once; other account changes leave the card (and what it shows, recovery codes) alone.
  let address = `${user()?.email} ${user()?.pendingEmail}`;
  scope.add(on("user-changed", (next) => {
    if (!next || `${next.email} ${next.pendingEmail}` === address) return;
    address = `${next.email} ${next.pendingEmail}`;
    show().catch(() => {});
  }));
  return section;
}

function emailStatus(status) {
  const lines = [h("strong", {}, status.email), " ",
    h("span", { class: status.emailConfirmed ? "badge" : "badge badge-warning" }, status.emailConfirmed ? t("profileSecurity.confirmed") : t("profileSecurity.notConfirmed"))];
  const pending = status.pendingEmail
    ? h("p", { class: "muted small" }, t("profileSecurity.waitingForYouToConfirm", { pendingEmail: status.pendingEmail })) : null;
  const needsResend = status.pendingEmail || !status.emailConfirmed;
  return h("div", { class: "email-status" }, h("p", { class: "small" }, ...lines), pending, needsResend ? resendConfirmationButton() : null);
}

function enrolButton(section, done) {
  const start = h("button", { type: "button", class: "button button-primary" }, t("profileSecurity.setUpAnAuthenticatorApp"));
  start.addEventListener("click", async () => {
    const setup = await meAPI.startAuthenticator();
    const qr = h("img", { class: "qr", alt: t("profileSecurity.qrCodeToScanWith"), width: 200, height: 200,
      src: `data:image/svg+xml;base64,${btoa(setup.qrSVG)}` });
    // Shown only once drawn: a scanner (or a person) never meets an empty square.
    await qr.decode().catch(() => {});
    const form = h("form", { class: "stack", novalidate: true, "aria-label": t("profileSecurity.confirmAuthenticatorApp") },
      field({ label: t("profileSecurity.codeFromTheApp"), name: "code", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 6 }),
      field({ label: t("profileSecurity.yourPassword"), name: "password", type: "password", autocomplete: "current-password" }),
      formBanner(),
      h("button", { type: "submit", class: "button button-primary" }, t("profileSecurity.turnOnAuthenticatorApp")));
    handleSubmit(form, async (data) => {
      const result = await meAPI.confirmAuthenticator({ code: data.get("code"), password: data.get("password") });
      setUser({ ...user(), twoFactorMethod: "totp" });
      toast(t("profileSecurity.authenticatorAppTurnedOn"), "success");
      section.replaceChildren(recoveryCodesPanel(result.recoveryCodes, done));
    });
    section.replaceChildren(
      h("h2", { id: "security-title" }, t("profileSecurity.setUpAnAuthenticatorApp")),
      h("ol", { class: "steps" },
        h("li", {}, t("profileSecurity.openAnAuthenticatorAppGoogle")),
        h("li", {}, t("profileSecurity.scanThisCodeOrType")),
        h("li", {}, t("profileSecurity.enterThe6DigitCode"))),
      h("div", { class: "qr-row" }, qr,
        h("div", {}, h("p", { class: "small muted" }, t("profileSecurity.key")), h("code", { class: "secret" }, setup.secret.match(/.{1,4}/g).join(" ")))),
      form);
    form.querySelector("input").focus();
  });
  return start;
}

function manageAuthenticator(done) {
  const remove = h("form", { class: "stack", novalidate: true, "aria-label": t("profileSecurity.removeAuthenticatorApp") },
    field({ label: t("common.password"), name: "password", type: "password", autocomplete: "current-password" }),
    formBanner(),
    h("div", { class: "button-row" },
      h("button", { type: "submit", class: "button button-ghost", value: "remove" }, t("profileSecurity.removeAuthenticatorApp")),
      h("button", { type: "submit", class: "button button-ghost", value: "codes" }, t("profileSecurity.newRecoveryCodes"))));
  let action = "remove";
  remove.querySelectorAll("button[type=submit]").forEach((button) =>
    button.addEventListener("click", () => { action = button.value; }));
  handleSubmit(remove, async (data) => {
    const password = data.get("password");
    if (action === "codes") {
      const result = await meAPI.newRecoveryCodes(password);
      remove.closest("section").replaceChildren(recoveryCodesPanel(result.recoveryCodes, done));
      return;
    }
    await meAPI.removeAuthenticator(password);
    setUser({ ...user(), twoFactorMethod: "email" });
    toast(t("profileSecurity.authenticatorAppRemovedLoginCodes"));
    await done();
  });
  return remove;
}

/// Shown once: the codes, a text download, and a button to go on.
function recoveryCodesPanel(codes, done) {
  const file = new Blob([t("profileSecurity.transcendenceRecoveryCodesForEach", { username: user().username, codes: codes.join("\n") })], { type: "text/plain" });
  const download = h("a", { class: "button button-ghost", href: URL.createObjectURL(file), download: "transcendence-recovery-codes.txt" },
    t("profileSecurity.downloadAsText"));
  const finished = h("button", { type: "button", class: "button button-primary" }, t("profileSecurity.iveSavedThem"));
  finished.addEventListener("click", () => { URL.revokeObjectURL(download.href); done(); });
  return h("div", { class: "stack" },
    h("h2", { id: "security-title" }, t("profileSecurity.saveYourRecoveryCodes")),
    h("p", { class: "muted" }, t("profileSecurity.eachCodeLogsYouIn")),
    h("ol", { class: "recovery-codes", "aria-label": t("profileSecurity.recoveryCodes") }, codes.map((code) => h("li", {}, h("code", {}, code)))),
    h("div", { class: "button-row" }, download, finished));
}
