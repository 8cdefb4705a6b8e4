// Dark by default; the light theme is remembered in this browser.
export function setupThemeToggle() {
  const button = document.querySelector(".theme-toggle");
  const apply = (theme) => {
    document.documentElement.dataset.theme = theme;
    const light = theme === "light";
    button.setAttribute("aria-pressed", String(light));
    button.title = light ? "Switch to the dark theme" : "Switch to the light theme";
  };
  apply(document.documentElement.dataset.theme === "light" ? "light" : "dark");
  button.addEventListener("click", () => {
    const next = document.documentElement.dataset.theme === "light" ? "dark" : "light";
    apply(next);
    try { localStorage.setItem("theme", next); } catch (_) { /* private mode: not remembered */ }
  });
}
