import { t } from "../i18n/i18n.js";
import { h } from "../components/dom.js";

export function render(main) {
  main.append(h("section", { class: "card empty-state" },
    h("p", { class: "eyebrow" }, "404"),
    h("h1", {}, t("notFound.outOfBounds")),
    h("p", { class: "muted" }, t("notFound.thisPageMissedThePaddle")),
    h("a", { href: "/", class: "button button-primary" }, t("notFound.backHome")),
  ));
}
