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
      h("h2", { id: "security-title" }, "Sign-in security"),
      emailStatus(status),
      h("div", { class: "security-row" },
        h("div", {},
          h("strong", {}, "Second step at login"),
          h("p", { class: "muted small" }, status.authenticatorEnabled
            ? "A code from your authenticator app." : `A code sent to ${status.email}.`)),
        h("span", { class: "badge" }, status.authenticatorEnabled ? "Authenticator app" : "Email codes")),
      status.authenticatorEnabled
        ? h("p", { class: "muted small" }, `${status.recoveryCodesRemaining} unused recovery code${status.recoveryCodesRemaining === 1 ? "" : "s"}.`)
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
    h("span", { class: status.emailConfirmed ? "badge" : "badge badge-warning" }, status.emailConfirmed ? "Confirmed" : "Not confirmed")];
  const pending = status.pendingEmail
    ? h("p", { class: "muted small" }, `Waiting for you to confirm ${status.pendingEmail}: open the link we sent there.`) : null;
  const needsResend = status.pendingEmail || !status.emailConfirmed;
  return h("div", { class: "email-status" }, h("p", { class: "small" }, ...lines), pending, needsResend ? resendConfirmationButton() : null);
}

function enrolButton(section, done) {
  const start = h("button", { type: "button", class: "button button-primary" }, "Set up an authenticator app");
  start.addEventListener("click", async () => {
    const setup = await meAPI.startAuthenticator();
    const qr = h("img", { class: "qr", alt: "QR code to scan with your authenticator app", width: 200, height: 200,
      src: `data:image/svg+xml;base64,${btoa(setup.qrSVG)}` });
    // Shown only once drawn: a scanner (or a person) never meets an empty square.
    await qr.decode().catch(() => {});
    const form = h("form", { class: "stack", novalidate: true, "aria-label": "Confirm authenticator app" },
      field({ label: "Code from the app", name: "code", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 6 }),
      field({ label: "Your password", name: "password", type: "password", autocomplete: "current-password" }),
      formBanner(),
      h("button", { type: "submit", class: "button button-primary" }, "Turn on authenticator app"));
    handleSubmit(form, async (data) => {
      const result = await meAPI.confirmAuthenticator({ code: data.get("code"), password: data.get("password") });
      setUser({ ...user(), twoFactorMethod: "totp" });
      toast("Authenticator app turned on.", "success");
      section.replaceChildren(recoveryCodesPanel(result.recoveryCodes, done));
    });
    section.replaceChildren(
      h("h2", { id: "security-title" }, "Set up an authenticator app"),
      h("ol", { class: "steps" },
        h("li", {}, "Open an authenticator app (Google Authenticator, Aegis, 1Password…)."),
        h("li", {}, "Scan this code, or type the key below."),
        h("li", {}, "Enter the 6-digit code it shows, with your password.")),
      h("div", { class: "qr-row" }, qr,
        h("div", {}, h("p", { class: "small muted" }, "Key"), h("code", { class: "secret" }, setup.secret.match(/.{1,4}/g).join(" ")))),
      form);
    form.querySelector("input").focus();
  });
  return start;
}

function manageAuthenticator(done) {
  const remove = h("form", { class: "stack", novalidate: true, "aria-label": "Remove authenticator app" },
    field({ label: "Password", name: "password", type: "password", autocomplete: "current-password" }),
    formBanner(),
    h("div", { class: "button-row" },
      h("button", { type: "submit", class: "button button-ghost", value: "remove" }, "Remove authenticator app"),
      h("button", { type: "submit", class: "button button-ghost", value: "codes" }, "New recovery codes")));
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
    toast("Authenticator app removed: login codes come by email again.");
    await done();
  });
  return remove;
}

/// Shown once: the codes, a text download, and a button to go on.
function recoveryCodesPanel(codes, done) {
  const file = new Blob([`Transcendence recovery codes for ${user().username}\nEach works once.\n\n${codes.join("\n")}\n`], { type: "text/plain" });
  const download = h("a", { class: "button button-ghost", href: URL.createObjectURL(file), download: "transcendence-recovery-codes.txt" },
    "Download as text");
  const finished = h("button", { type: "button", class: "button button-primary" }, "I've saved them");
  finished.addEventListener("click", () => { URL.revokeObjectURL(download.href); done(); });
  return h("div", { class: "stack" },
    h("h2", { id: "security-title" }, "Save your recovery codes"),
    h("p", { class: "muted" }, "Each code logs you in once if you lose your phone. They won't be shown again."),
    h("ol", { class: "recovery-codes", "aria-label": "Recovery codes" }, codes.map((code) => h("li", {}, h("code", {}, code)))),
    h("div", { class: "button-row" }, download, finished));
}
