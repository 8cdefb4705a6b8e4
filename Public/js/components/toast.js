import { h } from "./dom.js";

/// A short message in the corner, read out by screen readers.
export function toast(message, kind = "info") {
  const region = document.querySelector(".toasts");
  const item = h("div", { class: `toast toast-${kind}` }, message);
  region.append(item);
  setTimeout(() => item.classList.add("toast-leaving"), 3200);
  setTimeout(() => item.remove(), 3600);
}
