import { t } from "../i18n/i18n.js";
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
  easy: t("profileGame.easyReturnsMostBallsStraight"),
  medium: t("profileGame.mediumAnEvenMatchFor"),
  hard: t("profileGame.hardReadsEveryBallThinks"),
};

export async function gameSections() {
  const [settings, looks] = await Promise.all([meAPI.gameSettings(), gamesAPI.looks()]);
  let current = settings;

  const customisation = h("form", { class: "stack", "aria-label": t("profileGame.customisation"), novalidate: true },
    settingsFields(settings, looks, { withDifficulty: false }),
    field({ label: t("profileGame.soundVolume"), name: "soundVolume", type: "range", min: 0, max: 100, step: 5,
            value: settings.soundVolume ?? 70, hint: t("profileGame.howLoudTheGamesSounds") }),
    selectField({ label: t("profileGame.siteTheme"), name: "siteTheme", value: siteTheme(),
                  options: [["system", t("profileGame.sameAsMyDevice")], ["dark", t("profileGame.dark")], ["light", t("profileGame.light")]],
                  hint: t("profileGame.forThisBrowser") }),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, t("profileGame.saveCustomisation")));
  handleSubmit(customisation, async (data) => {
    current = await meAPI.saveGameSettings({
      ...settingsFromForm(customisation, current, looks), soundVolume: Number.parseInt(data.get("soundVolume"), 10) });
    setSiteTheme(data.get("siteTheme"));
    toast(t("profileGame.customisationSaved"), "success");
  });

  const hint = h("p", { class: "muted small", id: "ai-level-hint" }, LEVELS[settings.aiDifficulty]);
  const level = selectField({ label: t("profileGame.defaultAiLevel"), name: "aiDifficulty", value: settings.aiDifficulty,
                              options: [["easy", t("profileGame.easy")], ["medium", t("profileGame.medium")], ["hard", t("profileGame.hard")]] });
  level.querySelector("select").addEventListener("change", (event) => { hint.textContent = LEVELS[event.target.value]; });
  const ai = h("form", { class: "stack", "aria-label": t("profileGame.aiSettings"), novalidate: true },
    level, hint,
    h("p", { class: "muted small" }, t("profileGame.everyLevelLooksAtThe")),
    formBanner(),
    h("button", { type: "submit", class: "button button-primary" }, t("profileGame.saveAiSettings")));
  handleSubmit(ai, async (data) => {
    current = await meAPI.saveGameSettings({ ...current, aiDifficulty: data.get("aiDifficulty") });
    toast(t("profileGame.aiSettingsSaved"), "success");
  });

  return [
    h("section", { class: "card settings-card", "aria-labelledby": "customisation-title" },
      h("h2", { id: "customisation-title" }, t("profileGame.customisation")), customisation),
    h("section", { class: "card settings-card", "aria-labelledby": "ai-title" },
      h("h2", { id: "ai-title" }, t("profileGame.aiSettings")), ai),
  ];
}
