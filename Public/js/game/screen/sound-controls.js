import { t } from "../../i18n/i18n.js";
// The game screen's sound controls: the Sound toggle (or M), play by ear (ear-mode.js), and the
// player's volume. Sounds start with the first key or tap, as browsers require.
import * as meAPI from "../../api/me.js";
import { EarMode } from "./ear-mode.js";

/// Sets up `session`'s sound controls; what they add to the window is removed by the session's dispose.
export function setUpSoundControls(session) {
  const { sounds, ui } = session;
  const show = () => {
    const on = !sounds.muted && sounds.state === "running";
    ui.sound.setAttribute("aria-pressed", String(on));
    ui.sound.textContent = on ? t("soundControls.soundOn") : t("soundControls.soundOff");
    ui.screen.dataset.audio = sounds.state;
  };
  sounds.onState = show;
  session.unlockSound = (event) => {
    if (event.target === ui.sound) return; // the toggle itself decides
    sounds.unlock();
  };
  window.addEventListener("pointerdown", session.unlockSound);
  window.addEventListener("keydown", session.unlockSound);
  ui.sound.addEventListener("click", () => {
    const turningOn = sounds.muted || sounds.state !== "running";
    sounds.setMuted(!turningOn);
    sounds.unlock();
    show();
  });
  session.soundKey = (event) => {
    if (event.code !== "KeyM" || event.target.closest?.("input, textarea, select")) return;
    ui.sound.click();
  };
  window.addEventListener("keydown", session.soundKey);
  session.ear = new EarMode(sounds, ui.status, show);
  ui.sound.before(session.ear.toggle, session.ear.voiceToggle);
  ui.screen.append(session.ear.region);
  // What the ear's tones were last given (pan, pitch): the browser suite's bot listens to these.
  Object.defineProperty(ui.canvas, "audioParams", { get: () => sounds.ear?.params ?? null, configurable: true });
  if (!session.visitor) meAPI.gameSettings().then((settings) => sounds.setVolume(settings.soundVolume ?? 70)).catch(() => {});
  show();
}
