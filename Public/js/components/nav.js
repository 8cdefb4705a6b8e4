import { t } from "../i18n/i18n.js";
// The top bar: the site's sections for the signed-in player (behind a Menu button on narrow
// screens), or log in / sign up for visitors.
import { h } from "./dom.js";
import { avatar } from "./avatar.js";
import { user } from "../session.js";

const SECTIONS = [["/", t("nav.home")], ["/play", t("common.play")], ["/matches", t("nav.matches")], ["/tournaments", t("common.tournaments")], ["/stats", t("common.statistics")]];

export function renderNav() {
  const nav = document.querySelector(".topnav");
  const me = user();
  if (!me) {
    nav.replaceChildren(h("a", { href: "/login" }, t("common.logIn")), h("a", { href: "/signup", class: "button button-small" }, t("common.signUp")));
    markCurrent();
    return;
  }
  // Staff see their screen among the sections; nobody else learns it exists.
  const sections = me.staffRole ? [...SECTIONS, ["/moderation", t("common.moderation")]] : SECTIONS;
  const links = h("div", { class: "topnav-links", id: "topnav-links" },
    sections.map(([href, label]) => h("a", { href }, label)));
  const menu = h("button", { type: "button", class: "button button-ghost button-small menu-button",
    "aria-expanded": "false", "aria-controls": "topnav-links" }, t("nav.menu"));
  const setOpen = (open) => {
    menu.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("menu-open", open);
  };
  menu.addEventListener("click", () => setOpen(menu.getAttribute("aria-expanded") !== "true"));
  // A choice, Escape or a click elsewhere closes the menu.
  links.addEventListener("click", (event) => { if (event.target.closest("a")) setOpen(false); });
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && nav.classList.contains("menu-open")) { setOpen(false); menu.focus(); }
  });
  document.addEventListener("click", (event) => { if (!nav.contains(event.target)) setOpen(false); });
  nav.replaceChildren(menu, links,
    h("a", { href: "/profile", class: "nav-profile" }, avatar(me.avatarURL, me.username, "xs"), h("span", {}, me.username)));
  markCurrent();
}

export function markCurrent() {
  const path = window.location.pathname;
  const nav = document.querySelector(".topnav");
  nav.classList.remove("menu-open");
  nav.querySelector(".menu-button")?.setAttribute("aria-expanded", "false");
  nav.querySelectorAll("a").forEach((link) => {
    const target = new URL(link.href).pathname;
    // A section stays marked on its inner pages (/matches/…, /tournaments/…).
    const here = target === path || (target !== "/" && path.startsWith(`${target}/`));
    if (here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
}
