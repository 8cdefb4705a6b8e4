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
    field({ label: "New password", name: "password", type: "password", autocomplete: "new-password", autofocus: true,
      maxlength: 128, hint: "At least 8 characters. Every device will be signed out." }),
    field({ label: "Confirm new password", name: "confirm", type: "password", autocomplete: "new-password" }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, "Set new password"));
  handleSubmit(form, async (data) => {
    if (data.get("password") !== data.get("confirm")) {
      throw new ApiError(400, "password_mismatch", "The two passwords don't match.", { confirm: "The two passwords don't match." });
    }
    await authAPI.resetPassword({ token, password: data.get("password") });
    card.replaceChildren(
      h("p", { class: "eyebrow" }, "Done"),
      h("h1", { tabindex: "-1" }, "Password changed"),
      h("p", { class: "muted" }, "Log in with your new password. You'll still be asked for your second step."),
      h("a", { href: "/login", class: "button button-primary button-block" }, "Log in"));
    card.querySelector("h1").focus();
  });
  card.append(h("p", { class: "eyebrow" }, "Forgotten password"), h("h1", { id: "reset-title" }, "Choose a new password"), form);
  main.append(courtBackdrop(), card);
}
