import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import * as authAPI from "../api/auth.js";
import { courtBackdrop } from "../components/court.js";

export function render(main) {
  const card = h("section", { class: "auth-card card" });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "forgot-title" },
    field({ label: t("common.email"), name: "email", type: "email", autocomplete: "email", autofocus: true }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, t("forgotPassword.sendMeAResetLink")));
  handleSubmit(form, async (data) => {
    const email = data.get("email");
    await authAPI.forgotPassword(email);
    card.replaceChildren(
      h("p", { class: "eyebrow" }, t("forgotPassword.sent")),
      h("h1", { tabindex: "-1" }, t("common.checkYourEmail")),
      h("p", { class: "muted" }, t("forgotPassword.ifAnAccountUsesA", { email })),
      h("a", { href: "/login", class: "button button-ghost button-block" }, t("forgotPassword.backToLogIn")));
    card.querySelector("h1").focus();
  });
  card.append(
    h("p", { class: "eyebrow" }, t("common.forgottenPassword")),
    h("h1", { id: "forgot-title" }, t("forgotPassword.resetYourPassword")),
    h("p", { class: "muted" }, t("forgotPassword.enterYourAccountsEmailAnd")),
    form,
    h("p", { class: "auth-switch" }, t("forgotPassword.rememberedIt"), h("a", { href: "/login" }, t("common.logIn"))));
  main.append(courtBackdrop(), card);
}
