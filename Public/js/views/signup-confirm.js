import { t, tNodes } from "../i18n/i18n.js";
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
  toast(t("signupConfirm.welcome", { name: me.username }), "success");
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
      h("p", { class: "eyebrow" }, t("signupConfirm.almostThere")), h("h1", {}, t("signupConfirm.creatingYourAccount")));
    main.append(courtBackdrop(), card);
    try {
      await finish(linkChallenge, linkCode);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      card.replaceChildren(h("p", { class: "eyebrow" }, t("signupConfirm.linkProblem")), h("h1", {}, t("signupConfirm.thisLinkDidntWork")),
        h("p", { class: "muted" }, error.message),
        h("a", { href: "/signup", class: "button button-primary button-block" }, t("signupConfirm.signUpAgain")));
    }
    return;
  }

  const pending = pendingSignup.pending();
  if (!pending) return navigate("/signup", { replace: true });
  const form = h("form", { class: "stack", novalidate: true, "aria-labelledby": "signup-confirm-title" },
    field({ label: t("signupConfirm.signUpCode"), name: "code", autocomplete: "one-time-code", inputmode: "numeric",
      maxlength: 6, pattern: "[0-9]{6}", autofocus: true, hint: t("signupConfirm.6DigitsFromTheEmail") }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary button-block" }, t("signupConfirm.verifyAndCreateAccount")));
  handleSubmit(form, async (data) => {
    try {
      await finish(pending.challenge, data.get("code"), pending.next || "/");
    } catch (error) {
      if (error instanceof ApiError && DEAD_ENDS.includes(error.code)) return startOver(error);
      throw error;
    }
  });
  main.append(courtBackdrop(), h("section", { class: "auth-card card" },
    h("p", { class: "eyebrow" }, t("signupConfirm.oneMoreStep")),
    h("h1", { id: "signup-confirm-title" }, t("common.checkYourEmail")),
    h("p", { class: "muted" }, ...tNodes("signupConfirm.weSentAMessageTo", { email: h("strong", {}, pending.email) })),
    form,
    h("p", { class: "auth-switch" }, ...tNodes("signupConfirm.noEmailAfterAFew", {
      signUpAgain: h("a", { href: "/signup" }, t("signupConfirm.signUpAgainLink")),
    })),
  ));
}
