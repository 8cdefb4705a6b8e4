// My profile's game parts: Customisation (the look with its live preview, the
// rules I host with, the site's theme) and AI settings (the default level).
// The pre-game screens still offer quick overrides; these are the defaults.
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit, selectField } from "../components/form.js";
import { toast } from "../components/toast.js";
import * as meAPI from "../api/me.js";
import * as gamesAPI from "../api/games.js";
import { settingsFields, settingsFromForm } from "../game/screen/settings-form.js";
import { siteTheme, setSiteTheme } from "../components/theme.js";

// What each level does (PongAI.Difficulty): how far off its guess may be, how often it ignores a look.
const LEVELS = {
  easy: "Easy: returns most balls straight back, but now and then misjudges one completely. Good for a first game.",
  medium: "Medium: an even match for a quick player: it thinks ahead, rarely misjudges, and sometimes angles a return.",
  hard: "Hard: reads every ball, thinks ahead and aims — it meets the ball off the paddle's edge to send it where you are not.",
};

export async function gameSections() {
  const [settings, looks] = await Promise.all([meAPI.gameSettings(), gamesAPI.looks()]);
  let current = settings;

  const customisation = h("form", { class: "stack", "aria-label": "Customisation", novalidate: true },
    settingsFields(settings, looks, { withDifficulty: false }),
    field({ label: "Sound volume", name: "soundVolume", type: "range", min: 0, max: 100, step: 5,
            value: settings.soundVolume ?? 70, hint: "How loud the game's sounds are. Mute them on the game screen (M)." }),
    selectField({ label: "Site theme", name: "siteTheme", value: siteTheme(),
                  options: [["system", "Same as my device"], ["dark", "Dark"], ["light", "Light"]],
                  hint: "For this browser." }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, "Save customisation"));
  handleSubmit(customisation, async (data) => {
    current = await meAPI.saveGameSettings({
      ...settingsFromForm(customisation, current, looks), soundVolume: Number.parseInt(data.get("soundVolume"), 10) });
    setSiteTheme(data.get("siteTheme"));
    toast("Customisation saved.", "success");
  });

  const hint = h("p", { class: "muted small", id: "ai-level-hint" }, LEVELS[settings.aiDifficulty]);
  const level = selectField({ label: "Default AI level", name: "aiDifficulty", value: settings.aiDifficulty,
                              options: [["easy", "Easy"], ["medium", "Medium"], ["hard", "Hard"]] });
  level.querySelector("select").addEventListener("change", (event) => { hint.textContent = LEVELS[event.target.value]; });
  const ai = h("form", { class: "stack", "aria-label": "AI settings", novalidate: true },
    level, hint,
    h("p", { class: "muted small" }, "Every level looks at the game once a second and plays with the keys, at your paddle's speed."),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, "Save AI settings"));
  handleSubmit(ai, async (data) => {
    current = await meAPI.saveGameSettings({ ...current, aiDifficulty: data.get("aiDifficulty") });
    toast("AI settings saved.", "success");
  });

  return [
    h("section", { class: "card settings-card", "aria-labelledby": "customisation-title" },
      h("h2", { id: "customisation-title" }, "Customisation"), customisation),
    h("section", { class: "card settings-card", "aria-labelledby": "ai-title" },
      h("h2", { id: "ai-title" }, "AI settings"), ai),
  ];
}
