import { h } from "../components/dom.js";

export function render(main) {
  main.append(h("section", { class: "card empty-state" },
    h("p", { class: "eyebrow" }, "404"),
    h("h1", {}, "Out of bounds"),
    h("p", { class: "muted" }, "This page missed the paddle."),
    h("a", { href: "/", class: "button button-primary" }, "Back home"),
  ));
}
