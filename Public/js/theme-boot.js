// Runs before first paint so a remembered light theme never flashes dark.
try {
  const theme = localStorage.getItem("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch (_) { /* storage blocked: keep the default */ }
