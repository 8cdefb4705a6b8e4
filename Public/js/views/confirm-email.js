import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as authAPI from "../api/auth.js";
import { user, setUser } from "../session.js";
import { courtBackdrop } from "../components/court.js";

export async function render(main, { query }) {
  const token = query.get("token") ?? "";
  history.replaceState({}, "", "/confirm-email");
  const card = h("section", { class: "auth-card card", role: "status" });
  main.append(courtBackdrop(), card);
  try {
    const me = await authAPI.confirmEmail(token);
    if (user()?.id === me.id) setUser(me);
    card.append(h("p", { class: "eyebrow" }, t("confirmEmail.confirmed")), h("h1", {}, t("confirmEmail.emailConfirmed")),
      h("p", { class: "muted" }, t("confirmEmail.isNowConfirmedFor", { email: me.email, username: me.username })),
      h("a", { href: user() ? "/profile" : "/login", class: "button button-primary button-block" }, user() ? t("confirmEmail.backToMyProfile") : t("common.logIn")));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    card.append(h("p", { class: "eyebrow" }, t("confirmEmail.linkProblem")), h("h1", {}, t("confirmEmail.thisLinkDidntWork")),
      h("p", { class: "muted" }, error.message),
      h("a", { href: user() ? "/profile" : "/login", class: "button button-ghost button-block" }, user() ? t("confirmEmail.backToMyProfile") : t("common.logIn")));
  }
}
