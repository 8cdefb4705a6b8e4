// The top bar: links for the signed-in player, or log in / sign up for guests.
import { h } from "./dom.js";
import { avatar } from "./avatar.js";
import { user } from "../session.js";

export function renderNav() {
  const nav = document.querySelector(".topnav");
  const me = user();
  const links = me
    ? [
        h("a", { href: "/", class: "nav-home" }, "Home"),
        h("a", { href: "/play" }, "Play"),
        h("a", { href: "/matches" }, "Matches"),
        h("a", { href: "/profile", class: "nav-profile" }, avatar(me.avatarURL, me.username, "xs"), h("span", {}, me.username)),
      ]
    : [h("a", { href: "/login" }, "Log in"), h("a", { href: "/signup", class: "button button-small" }, "Sign up")];
  nav.replaceChildren(...links);
  markCurrent();
}

export function markCurrent() {
  const path = window.location.pathname;
  document.querySelectorAll(".topnav a").forEach((link) => {
    const here = new URL(link.href).pathname === path;
    if (here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
}
