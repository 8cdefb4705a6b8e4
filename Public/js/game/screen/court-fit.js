import { t } from "../../i18n/i18n.js";
// The court always fits the window: as wide as the screen allows and no
// taller than the height left once the score line and the controls are
// counted, so nothing scrolls and Pause/Quit stay in reach at any size.
// Fullscreen (the Fullscreen API) and zen mode (only the court) give it the
// whole window.

/// Sizes the court for the window as it is now.
export function fitCourt(ui, aspect) {
  const { screen, courtWrap } = ui;
  if (!screen.isConnected) return;
  const whole = document.fullscreenElement === screen || document.body.classList.contains("zen");
  // What the screen holds besides the court: the score line, the bar, the touch pads, the gaps.
  const others = screen.offsetHeight - courtWrap.offsetHeight;
  const top = whole ? 0 : screen.getBoundingClientRect().top + window.scrollY;
  const bottomMargin = whole ? 8 : 12;
  const height = window.innerHeight - top - others - bottomMargin;
  const width = Math.min(screen.clientWidth, height * aspect);
  courtWrap.style.width = `${Math.max(160, Math.floor(width))}px`;
}

/// The Fullscreen and Zen mode buttons (Z toggles zen, leaving fullscreen also leaves it); returns the cleanup.
export function screenModes(ui, refit) {
  const { screen, fullscreen, zen } = ui;
  const setZen = (on) => {
    document.body.classList.toggle("zen", on);
    zen.setAttribute("aria-pressed", String(on));
    zen.textContent = on ? t("courtFit.leaveZenMode") : t("courtFit.zenMode");
    requestAnimationFrame(refit);
  };
  const toggleFullscreen = async () => {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await screen.requestFullscreen();
    } catch (_) {
      // Not allowed here (an iframe, a browser without the API): the court already fits the window.
    }
  };
  const onFullscreen = () => {
    const on = document.fullscreenElement === screen;
    fullscreen.setAttribute("aria-pressed", String(on));
    fullscreen.textContent = on ? t("courtFit.exitFullscreen") : t("courtFit.fullscreen");
  };
  const onKey = (event) => {
    if (event.code === "KeyZ" && !event.target.closest?.("input, textarea, select")) setZen(!document.body.classList.contains("zen"));
  };
  fullscreen.hidden = !document.fullscreenEnabled;
  fullscreen.addEventListener("click", toggleFullscreen);
  zen.addEventListener("click", () => setZen(!document.body.classList.contains("zen")));
  document.addEventListener("fullscreenchange", onFullscreen);
  window.addEventListener("keydown", onKey);
  return () => {
    document.removeEventListener("fullscreenchange", onFullscreen);
    window.removeEventListener("keydown", onKey);
    document.body.classList.remove("zen");
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  };
}
