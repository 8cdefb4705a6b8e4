// The second half of signing up: the 6-digit code from the email, typed here, or the email's
// link (which carries both the challenge and the code, so it also works in another browser).
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as authAPI from "../api/auth.js";
import { setUser } from "../session.js";
import { navigate } from "../router.js";
import { courtBackdrop } from "../components/court.js";
import { pendingSignup } from "./login-challenge.js";

const DEAD_ENDS = ["challenge_locked", "challenge_expired"];

/// `next`: the screen a visitor was sent to sign up from (a challenge link), else home.
async function finish(challenge, code, next = "/") {
  const me = await authAPI.confirmSignup({ challenge, code });
  pendingSignup.forget();
  setUser(me);
  toast(`Welcome, ${me.username}!`, "success");
  navigate(next, { replace: true });
}

function startOver(error) {
  pendingSignup.forget();
  toast(error.message);
  navigate("/signup", { replace: true });
}

export async function render(main, { query }) {
  const linkChallenge = query.get("challenge"), linkCode = query.get("code");
  if (linkChallenge && linkCode) {
    // Keep the secrets out of the history and the address bar.
    history.replaceState({}, "", "/signup/confirm");
    const card = h("section", { class: "auth-card card", role: "status" },
      h("p", { class: "eyebrow" }, "Almost there"), h("h1", {}, "Creating your account…"));
    main.append(courtBackdrop(), card);
    try {
      await finish(linkChallenge, linkCode);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      card.replaceChildren(h("p", { class: "eyebrow" }, "Link problem"), h("h1", {}, "This link didn't work"),
        h("p", { class: "muted" }, error.message),
        h("a", { href: "/signup", class: "button button-primary button-block" }, "Sign up again"));
    }
    return;
  }

  const pending = pendingSignup.pending();
  if (!pending) return navigate("/signup", { replace: true });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "signup-confirm-title" },
    field({ label: "Sign-up code", name: "code", autocomplete: "one-time-code", inputmode: "numeric",
      maxlength: 6, pattern: "[0-9]{6}", autofocus: true, hint: "6 digits, from the email we just sent." }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, "Verify and create account"));
  handleSubmit(form, async (data) => {
    try {
      await finish(pending.challenge, data.get("code"), pending.next || "/");
    } catch (error) {
      if (error instanceof ApiError && DEAD_ENDS.includes(error.code)) return startOver(error);
      throw error;
    }
  });
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, "One more step"),
    h("h1", { id: "signup-confirm-title" }, "Check your email"),
    h("p", { class: "muted" }, "We sent a message to ", h("strong", {}, pending.email),
      ". Enter the code from it, or open its link. It works for 30 minutes."),
    form,
    h("p", { class: "auth-switch" }, "No email after a few minutes? Check your spam folder, or ",
      h("a", { href: "/signup" }, "sign up again"), "."),
  ));
}
