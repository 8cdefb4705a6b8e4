import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import * as authAPI from "../api/auth.js";
import { courtBackdrop } from "../components/court.js";

export function render(main) {
  const card = h("section", { class: "auth-card card" });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "forgot-title" },
    field({ label: "Email", name: "email", type: "email", autocomplete: "email", autofocus: true }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, "Send me a reset link"));
  handleSubmit(form, async (data) => {
    const email = data.get("email");
    await authAPI.forgotPassword(email);
    card.replaceChildren(
      h("p", { class: "eyebrow" }, "Sent"),
      h("h1", { tabindex: "-1" }, "Check your email"),
      h("p", { class: "muted" }, `If an account uses ${email}, a link to choose a new password is on its way. It works once, for 30 minutes.`),
      h("a", { href: "/login", class: "button button-ghost button-block" }, "Back to log in"));
    card.querySelector("h1").focus();
  });
  card.append(
    h("p", { class: "eyebrow" }, "Forgotten password"),
    h("h1", { id: "forgot-title" }, "Reset your password"),
    h("p", { class: "muted" }, "Enter your account's email and we'll send you a link."),
    form,
    h("p", { class: "auth-switch" }, "Remembered it? ", h("a", { href: "/login" }, "Log in")));
  main.append(courtBackdrop(), card);
}
