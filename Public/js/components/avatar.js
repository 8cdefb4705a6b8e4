import { h } from "./dom.js";

export function avatar(url, name, size = "md") {
  return h("img", { class: `avatar avatar-${size}`, src: url, alt: `${name}'s avatar`, width: 96, height: 96, decoding: "async" });
}
