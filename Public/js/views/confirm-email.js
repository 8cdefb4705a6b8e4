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
    card.append(h("p", { class: "eyebrow" }, "Confirmed"), h("h1", {}, "Email confirmed"),
      h("p", { class: "muted" }, `${me.email} is now confirmed for ${me.username}.`),
      h("a", { href: user() ? "/profile" : "/login", class: "button button-primary button-block" }, user() ? "Back to my profile" : "Log in"));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    card.append(h("p", { class: "eyebrow" }, "Link problem"), h("h1", {}, "This link didn't work"),
      h("p", { class: "muted" }, error.message),
      h("a", { href: user() ? "/profile" : "/login", class: "button button-ghost button-block" }, user() ? "Back to my profile" : "Log in"));
  }
}
