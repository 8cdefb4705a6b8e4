import { t } from "../i18n/i18n.js";
// The profile's forms: account details, password, and account deletion.
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as meAPI from "../api/me.js";
import { emit } from "../events.js";
import { user, setUser } from "../session.js";
import { navigate } from "../router.js";
import { endingOwnSession } from "../realtime.js";

function section(id, title, description, ...content) {
  return h("section", { class: "card settings-card", "aria-labelledby": id },
    h("h2", { id }, title),
    description ? h("p", { class: "muted" }, description) : null,
    ...content);
}

export function accountSection() {
  const me = user();
  const form = h("form", { class: "stack", novalidate: true, "aria-label": t("profileForms.accountDetails") },
    field({ label: t("common.username"), name: "username", value: me.username, autocomplete: "username", maxlength: 20 }),
    field({ label: t("common.email"), name: "email", type: "email", value: me.email, autocomplete: "email" }),
    field({ label: t("profileForms.currentPassword"), name: "currentPassword", type: "password", autocomplete: "current-password",
      required: false, hint: t("profileForms.neededOnlyWhenYouChange") }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, t("profileForms.saveChanges")),
  );
  handleSubmit(form, async (data) => {
    const updated = await meAPI.updateAccount({
      username: data.get("username"), email: data.get("email"), currentPassword: data.get("currentPassword") || null,
    });
    form.querySelector("[name=currentPassword]").value = "";
    form.querySelector("[name=email]").value = updated.email;
    setUser(updated);
    toast(updated.pendingEmail ? t("profileForms.savedConfirmWithTheLink", { pendingEmail: updated.pendingEmail }) : t("profileForms.profileSaved"), "success");
  });
  return section("account-title", t("profileForms.accountDetails"), null, form);
}

export function passwordSection() {
  const form = h("form", { class: "stack", novalidate: true, "aria-label": t("profileForms.changePassword") },
    field({ label: t("profileForms.currentPassword"), name: "currentPassword", type: "password", autocomplete: "current-password" }),
    field({ label: t("common.newPassword"), name: "newPassword", type: "password", autocomplete: "new-password", maxlength: 128,
      hint: t("profileForms.atLeast8CharactersChanging") }),
    field({ label: t("profileForms.confirmNewPassword"), name: "confirmPassword", type: "password", autocomplete: "new-password" }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, t("profileForms.changePassword")),
  );
  handleSubmit(form, async (data) => {
    if (data.get("newPassword") !== data.get("confirmPassword")) {
      throw new ApiError(400, "password_mismatch", t("common.theTwoPasswordsDontMatch"),
        { confirmPassword: t("common.theTwoPasswordsDontMatch") });
    }
    await meAPI.changePassword({ newPassword: data.get("newPassword"), currentPassword: data.get("currentPassword") });
    form.reset();
    toast(t("profileForms.passwordChangedYourOtherDevices"), "success");
    emit("sessions-changed");
  });
  return section("password-title", t("common.password"), null, form);
}

export function dangerSection() {
  const form = h("form", { class: "stack", novalidate: true, "aria-label": t("profileForms.deleteAccount") },
    field({ label: t("common.password"), name: "password", type: "password", autocomplete: "current-password",
      hint: t("profileForms.thisDeletesYourAccountAnd") }),
    h("p", { class: "muted" },
      t("profileForms.yourMatchesStayInYour")
      + t("profileForms.downloadYourDataFirstIf")),
    formBanner(),
    h("button", { type: "submit", class: "button button-danger" }, t("profileForms.deleteMyAccount")),
  );
  handleSubmit(form, async (data) => {
    endingOwnSession();
    await meAPI.deleteAccount(data.get("password"));
    setUser(null);
    toast(t("profileForms.yourAccountWasDeleted"));
    navigate("/signup", { replace: true });
  });
  return h("section", { class: "card settings-card danger-zone", "aria-labelledby": "danger-title" },
    h("h2", { id: "danger-title" }, t("profileForms.deleteAccount")), form);
}
