import { t } from "../i18n/i18n.js";
import { h } from "./dom.js";

export function avatar(url, name, size = "md") {
  return h("img", { class: `avatar avatar-${size}`, src: url, alt: t("avatar.sAvatar", { name }), width: 96, height: 96, decoding: "async" });
}
