// Where a player chooses the site's language: a labelled list in the header and on My profile.
// A signed-in player's choice is stored with their account (emails use it too); everyone's is
// kept in the `lang` cookie for this device. The page then reloads into the new language.
import { t, languages, locale, switchLanguage } from "../i18n/i18n.js";
import { h } from "./dom.js";
import { user } from "../session.js";
import { toast } from "./toast.js";
import * as meAPI from "../api/me.js";

let pickers = 0;

async function choose(code, select) {
  if (code === locale) return;
  select.disabled = true;
  try {
    if (user()) await meAPI.saveLanguage(code);
    switchLanguage(code);
  } catch (error) {
    select.disabled = false;
    select.value = locale;
    toast(error.message ?? t("languagePicker.notSaved"), "error");
  }
}

/// A `<select>` of every language, each written in itself ("Français", "العربية").
export function languagePicker({ compact = false } = {}) {
  const id = `language-${++pickers}`;
  const select = h("select", { id, name: "language", class: compact ? "language-select compact" : "language-select" },
    languages.map((language) => h("option", { value: language.code, lang: language.code, dir: language.dir, selected: language.code === locale }, language.name)));
  select.addEventListener("change", () => choose(select.value, select));
  return h("div", { class: compact ? "language-picker compact" : "language-picker field" },
    h("label", { for: id, class: compact ? "visually-hidden" : "" }, t("languagePicker.language")),
    select,
    // A narrow header shows the language's code over the list ("FR") rather than a cut-off
    // "Fran"; the list itself, and what a screen reader says, keep the full names.
    compact ? h("span", { class: "language-code", "aria-hidden": "true" }, locale.toUpperCase()) : null);
}

/// The header's picker, beside the theme switch.
export function setupHeaderLanguage() {
  document.querySelector(".theme-toggle")?.before(languagePicker({ compact: true }));
}
