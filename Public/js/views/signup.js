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
    field({ label: "Username", name: "username", autocomplete: "username", autofocus: true,
      hint: "3–20 letters, digits, _ or -. Other players see it.", maxlength: 20 }),
    field({ label: "Email", name: "email", type: "email", autocomplete: "email" }),
    field({ label: "Password", name: "password", type: "password", autocomplete: "new-password",
      hint: "At least 8 characters. Spaces and emoji are welcome; common passwords are not.", maxlength: 128 }),
    field({ label: "Confirm password", name: "confirm", type: "password", autocomplete: "new-password" }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, "Create account"),
  );
  handleSubmit(form, async (data) => {
    if (data.get("password") !== data.get("confirm")) {
      throw new ApiError(400, "password_mismatch", "The two passwords don't match.", { confirm: "The two passwords don't match." });
    }
    // Every address gets the same answer: a code is on its way (or, for an address that already
    // has an account, a note to its owner). The account exists once the code comes back.
    const pending = await authAPI.signUp({ username: data.get("username"), email: data.get("email"), password: data.get("password") });
    // A visitor who came from a challenge link goes back to it once the account exists.
    pendingSignup.remember({ ...pending, next: afterSignup.take() });
    navigate("/signup/confirm");
  });
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, "Join the arena"),
    h("h1", { id: "signup-title" }, "Create your account"),
    h("p", { class: "muted" }, "Free, fast, and no ads. Just Pong."),
    form,
    h("p", { class: "auth-switch" }, "Already have an account? ", h("a", { href: "/login" }, "Log in")),
  ));
}
