import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import { ApiError } from "../api/client.js";
import * as authAPI from "../api/auth.js";
import { courtBackdrop } from "../components/court.js";

export function render(main, { query }) {
  const token = query.get("token") ?? "";
  // The token leaves the address bar (and browser history) once read.
  history.replaceState({}, "", "/reset-password");
  const card = h("section", { class: "auth-card card" });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "reset-title" },
    field({ label: t("common.newPassword"), name: "password", type: "password", autocomplete: "new-password", autofocus: true,
      maxlength: 128, hint: t("resetPassword.atLeast8CharactersEvery") }),
    field({ label: t("resetPassword.confirmNewPassword"), name: "confirm", type: "password", autocomplete: "new-password" }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, t("resetPassword.setNewPassword")));
  handleSubmit(form, async (data) => {
    if (data.get("password") !== data.get("confirm")) {
      throw new ApiError(400, "password_mismatch", t("common.theTwoPasswordsDontMatch"), { confirm: t("common.theTwoPasswordsDontMatch") });
    }
    await authAPI.resetPassword({ token, password: data.get("password") });
    card.replaceChildren(
      h("p", { class: "eyebrow" }, t("resetPassword.done")),
      h("h1", { tabindex: "-1" }, t("resetPassword.passwordChanged")),
      h("p", { class: "muted" }, t("resetPassword.logInWithYourNew")),
      h("a", { href: "/login", class: "button button-primary button-block" }, t("common.logIn")));
    card.querySelector("h1").focus();
  });
  card.append(h("p", { class: "eyebrow" }, t("common.forgottenPassword")), h("h1", { id: "reset-title" }, t("resetPassword.chooseANewPassword")), form);
  main.append(courtBackdrop(), card);
}
