import { t } from "../../i18n/i18n.js";
// The game-settings part of the pre-game screen: rules, look and AI level,
// prefilled from the player's stored settings and saved with them.
import { h } from "../../components/dom.js";
import { field, selectField } from "../../components/form.js";

/// The rules both players of a game share: points to win, ball speed, paddle size.
export function rulesFields(settings) {
  return [
    field({ label: t("settingsForm.pointsToWin"), name: "pointsToWin", type: "number", min: 1, max: 21, value: settings.pointsToWin,
            hint: t("settingsForm.firstToThisManyPoints") }),
    selectField({ label: t("settingsForm.ballSpeed"), name: "ballSpeed", value: settings.ballSpeed,
                  options: [["slow", t("settingsForm.slow")], ["normal", t("settingsForm.normal")], ["fast", t("settingsForm.fast")]] }),
    selectField({ label: t("settingsForm.paddleSize"), name: "paddleSize", value: settings.paddleSize,
                  options: [["small", t("settingsForm.small")], ["normal", t("settingsForm.normal")], ["large", t("settingsForm.large")]] }),
  ];
}

/// The form's fields; `looks` are the named looks from `GET /api/game-looks` (their colours are the server's).
export function settingsFields(settings, looks, { withDifficulty }) {
  const named = Object.fromEntries(looks.map((look) => [look.theme, look]));
  const colours = h("div", { class: "colour-row", hidden: settings.look.theme !== "custom" },
    colourField(t("settingsForm.paddles"), "paddle", settings.look.paddle),
    colourField(t("settingsForm.ball"), "ball", settings.look.ball),
    colourField(t("settingsForm.table"), "table", settings.look.table),
  );
  const theme = selectField({
    label: t("settingsForm.look"), name: "theme", value: settings.look.theme,
    options: [...looks.map((look) => [look.theme, t(`look.${look.theme}`)]), ["custom", t("settingsForm.myOwnColours")]],
  });
  const preview = h("div", { class: "look-preview", "aria-hidden": "true" }, h("span"), h("span"), h("span"));
  const updatePreview = () => {
    const chosen = theme.querySelector("select").value;
    colours.hidden = chosen !== "custom";
    const look = chosen === "custom" ? readColours(colours) : named[chosen];
    preview.style.setProperty("--preview-table", look.table);
    preview.style.setProperty("--preview-paddle", look.paddle);
    preview.style.setProperty("--preview-ball", look.ball);
  };
  theme.addEventListener("change", updatePreview);
  colours.addEventListener("input", updatePreview);
  updatePreview();

  return h("fieldset", { class: "settings-fieldset" },
    h("legend", {}, t("settingsForm.gameSettings")),
    h("div", { class: "settings-grid" },
      ...rulesFields(settings),
      withDifficulty
        ? selectField({ label: t("settingsForm.aiDifficulty"), name: "aiDifficulty", value: settings.aiDifficulty,
                        options: [["easy", t("settingsForm.easy")], ["medium", t("settingsForm.medium")], ["hard", t("settingsForm.hard")]],
                        hint: t("settingsForm.itLooksAtTheGame") })
        : null,
      theme,
    ),
    colours,
    preview,
  );
}

function colourField(label, name, value) {
  return field({ label, name: `look.${name}`, type: "color", value });
}

function readColours(container) {
  const value = (name) => container.querySelector(`[name="look.${name}"]`).value;
  return { paddle: value("paddle"), ball: value("ball"), table: value("table") };
}

/// The settings as the API expects them, from the form.
export function settingsFromForm(form, previous, looks) {
  const data = new FormData(form);
  const theme = data.get("theme");
  const namedLook = looks.find((look) => look.theme === theme);
  const colours = theme === "custom" || !namedLook ? readColours(form)
    : { paddle: namedLook.paddle, ball: namedLook.ball, table: namedLook.table };
  return {
    pointsToWin: Number.parseInt(data.get("pointsToWin"), 10),
    ballSpeed: data.get("ballSpeed"),
    paddleSize: data.get("paddleSize"),
    aiDifficulty: data.get("aiDifficulty") ?? previous.aiDifficulty,
    look: { theme, ...colours },
  };
}

/// The shortest rated game, as the server insists (a first-to-1 game would move a rating as much
/// as a first-to-21).
export const MIN_POINTS_FOR_RATING = 5;

/// The "rated" box of a form with rules. `offerRatedOnlyWithFitRules(form)` then keeps it offered
/// only while the points to win are fit for rating, saying why when they are not.
export function ratedChoice(id, label) {
  const note = h("span", { class: "muted small rated-note", id: `${id}-note` },
    t("settingsForm.ratedGamesArePlayedTo", { MIN_POINTS_FOR_RATING }));
  return h("div", { class: "field field-check" },
    h("input", { type: "checkbox", id, name: "rated", "aria-describedby": note.id }),
    h("label", { for: id }, label), note);
}

export function offerRatedOnlyWithFitRules(form) {
  const points = form.querySelector("[name=pointsToWin]");
  const box = form.querySelector("[name=rated]");
  const note = form.querySelector(".rated-note");
  const update = () => {
    const fit = Number.parseInt(points.value, 10) >= MIN_POINTS_FOR_RATING;
    box.disabled = !fit;
    if (!fit) box.checked = false;
    note.hidden = fit;
  };
  points.addEventListener("input", update);
  update();
}
