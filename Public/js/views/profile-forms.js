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
  const form = h("form", { class: "stack", novalidate: true, "aria-label": "Account details" },
    field({ label: "Username", name: "username", value: me.username, autocomplete: "username", maxlength: 20 }),
    field({ label: "Email", name: "email", type: "email", value: me.email, autocomplete: "email" }),
    field({ label: "Current password", name: "currentPassword", type: "password", autocomplete: "current-password",
      required: false, hint: "Needed only when you change your email." }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, "Save changes"),
  );
  handleSubmit(form, async (data) => {
    const updated = await meAPI.updateAccount({
      username: data.get("username"), email: data.get("email"), currentPassword: data.get("currentPassword") || null,
    });
    form.querySelector("[name=currentPassword]").value = "";
    form.querySelector("[name=email]").value = updated.email;
    setUser(updated);
    toast(updated.pendingEmail ? `Saved. Confirm ${updated.pendingEmail} with the link we just sent.` : "Profile saved.", "success");
  });
  return section("account-title", "Account details", null, form);
}

export function passwordSection() {
  const form = h("form", { class: "stack", novalidate: true, "aria-label": "Change password" },
    field({ label: "Current password", name: "currentPassword", type: "password", autocomplete: "current-password" }),
    field({ label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", maxlength: 128,
      hint: "At least 8 characters. Changing it signs out your other devices." }),
    field({ label: "Confirm new password", name: "confirmPassword", type: "password", autocomplete: "new-password" }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, "Change password"),
  );
  handleSubmit(form, async (data) => {
    if (data.get("newPassword") !== data.get("confirmPassword")) {
      throw new ApiError(400, "password_mismatch", "The two passwords don't match.",
        { confirmPassword: "The two passwords don't match." });
    }
    await meAPI.changePassword({ newPassword: data.get("newPassword"), currentPassword: data.get("currentPassword") });
    form.reset();
    toast("Password changed. Your other devices were signed out.", "success");
    emit("sessions-changed");
  });
  return section("password-title", "Password", null, form);
}

export function dangerSection() {
  const form = h("form", { class: "stack", novalidate: true, "aria-label": "Delete account" },
    field({ label: "Password", name: "password", type: "password", autocomplete: "current-password",
      hint: "This deletes your account and signs you out everywhere. It cannot be undone." }),
    h("p", { class: "muted" },
      "Your matches stay in your opponents' histories under \u201cdeleted player\u201d; the messages you sent are removed. "
      + "Download your data first if you want to keep it."),
    formBanner(),
    h("button", { type: "submit", class: "button button-danger" }, "Delete my account"),
  );
  handleSubmit(form, async (data) => {
    endingOwnSession();
    await meAPI.deleteAccount(data.get("password"));
    setUser(null);
    toast("Your account was deleted.");
    navigate("/signup", { replace: true });
  });
  return h("section", { class: "card settings-card danger-zone", "aria-labelledby": "danger-title" },
    h("h2", { id: "danger-title" }, "Delete account"), form);
}
