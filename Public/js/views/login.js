import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import * as authAPI from "../api/auth.js";
import { setUser } from "../session.js";
import { navigate } from "../router.js";
import { courtBackdrop } from "../components/court.js";
import { rememberChallenge } from "./login-challenge.js";

/// Only same-site paths are allowed as the place to return to after login.
export function safeNext(query) {
  const next = query.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function render(main, { query }) {
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "login-title" },
    field({ label: t("login.usernameOrEmail"), name: "login", autocomplete: "username", autofocus: true }),
    field({ label: t("common.password"), name: "password", type: "password", autocomplete: "current-password" }),
    h("p", { class: "form-aside" }, h("a", { href: "/forgot-password" }, t("login.forgotYourPassword"))),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, t("common.logIn")),
  );
  handleSubmit(form, async (data) => {
    const result = await authAPI.logIn({ login: data.get("login"), password: data.get("password") });
    if (result.status === "second_factor_required") {
      rememberChallenge({ ...result, next: safeNext(query) });
      navigate("/login/verify");
      return;
    }
    setUser(result.user);
    navigate(safeNext(query), { replace: true });
  });
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, t("login.welcomeBack")),
    h("h1", { id: "login-title" }, t("common.logIn")),
    h("p", { class: "muted" }, t("login.yourPaddleIsWaiting")),
    form,
    h("p", { class: "auth-switch" }, t("login.newHere"), h("a", { href: "/signup" }, t("login.createAnAccount"))),
  ));
}
