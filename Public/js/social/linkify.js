// Chat text with its web links made clickable, built from text nodes and
// anchors only: nothing the sender typed can become markup. Only http(s)
// links are linked (never javascript: or data:), and they open in a new tab
// without handing this page to the other site.
import { h } from "../components/dom.js";

const LINK = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence is not part of the link.
const TRAILING = /[.,;:!?)\]]+$/;

export function linkify(text) {
  const nodes = [];
  let last = 0;
  for (const found of text.matchAll(LINK)) {
    let url = found[0];
    const trailing = url.match(TRAILING)?.[0] ?? "";
    url = url.slice(0, url.length - trailing.length);
    let parsed;
    try { parsed = new URL(url); } catch (_) { continue; }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") continue;
    nodes.push(text.slice(last, found.index));
    nodes.push(h("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer nofollow ugc", class: "chat-link" }, url));
    last = found.index + url.length;
  }
  nodes.push(text.slice(last));
  return nodes.filter((node) => node !== "");
}
