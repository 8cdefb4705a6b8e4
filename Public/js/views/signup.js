import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import { ApiError } from "../api/client.js";
import * as authAPI from "../api/auth.js";
import { navigate } from "../router.js";
import { pendingSignup } from "./login-challenge.js";
import { courtBackdrop } from "../components/court.js";
import { afterSignup } from "./challenge.js";

export function render(main) {
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "signup-title" },
    field({ label: t("common.username"), name: "username", autocomplete: "username", autofocus: true,
      hint: t("signup.320LettersDigitsOr"), maxlength: 20 }),
    field({ label: t("common.email"), name: "email", type: "email", autocomplete: "email" }),
    field({ label: t("common.password"), name: "password", type: "password", autocomplete: "new-password",
      hint: t("signup.atLeast8CharactersSpaces"), maxlength: 128 }),
    field({ label: t("signup.confirmPassword"), name: "confirm", type: "password", autocomplete: "new-password" }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, t("signup.createAccount")),
  );
  handleSubmit(form, async (data) => {
    if (data.get("password") !== data.get("confirm")) {
      throw new ApiError(400, "password_mismatch", t("common.theTwoPasswordsDontMatch"), { confirm: t("common.theTwoPasswordsDontMatch") });
    }
    // Every address gets the same answer: a code is on its way (or, for an address that already
    // has an account, a note to its owner). The account exists once the code comes back.
    const pending = await authAPI.signUp({ username: data.get("username"), email: data.get("email"), password: data.get("password") });
    // A visitor who came from a challenge link goes back to it once the account exists.
    pendingSignup.remember({ ...pending, next: afterSignup.take() });
    navigate("/signup/confirm");
  });
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, t("signup.joinTheArena")),
    h("h1", { id: "signup-title" }, t("signup.createYourAccount")),
    h("p", { class: "muted" }, t("signup.freeFastAndNoAds")),
    form,
    h("p", { class: "auth-switch" }, t("signup.alreadyHaveAnAccount"), h("a", { href: "/login" }, t("common.logIn"))),
  ));
}
