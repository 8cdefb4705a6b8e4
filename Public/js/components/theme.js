import { t } from "../i18n/i18n.js";
// The site's theme: dark, light, or the device's (system). The header switch
// flips between light and dark; My profile also offers "Same as my device".
const media = window.matchMedia("(prefers-color-scheme: light)");
let button = null;

/// "dark", "light" or "system", as remembered in this browser (dark, the site's own, until a choice).
export function siteTheme() {
  try {
    const stored = localStorage.getItem("theme");
    return stored === "light" || stored === "system" ? stored : "dark";
  } catch (_) {
    return "dark";
  }
}

function applied(choice) {
  return choice === "system" ? (media.matches ? "light" : "dark") : choice;
}

function apply(choice) {
  const theme = applied(choice);
  document.documentElement.dataset.theme = theme;
  if (!button) return;
  const light = theme === "light";
  button.setAttribute("aria-pressed", String(light));
  button.title = light ? t("theme.switchToTheDarkTheme") : t("theme.switchToTheLightTheme");
}

export function setSiteTheme(choice) {
  try {
    localStorage.setItem("theme", choice);
  } catch (_) { /* private mode: not remembered */ }
  apply(choice);
}

export function setupThemeToggle() {
  button = document.querySelector(".theme-toggle");
  button.setAttribute("aria-label", t("theme.lightTheme"));
  apply(siteTheme());
  // "Same as my device" follows the device when it changes.
  media.addEventListener("change", () => { if (siteTheme() === "system") apply("system"); });
  button.addEventListener("click", () => {
    setSiteTheme(document.documentElement.dataset.theme === "light" ? "dark" : "light");
  });
}
