// The game-settings part of the pre-game screen: rules, look and AI level,
// prefilled from the player's stored settings and saved with them.
import { h } from "../../components/dom.js";
import { field, selectField } from "../../components/form.js";

/// The rules both players of a game share: points to win, ball speed, paddle size.
export function rulesFields(settings) {
  return [
    field({ label: "Points to win", name: "pointsToWin", type: "number", min: 1, max: 21, value: settings.pointsToWin,
            hint: "First to this many points wins (1–21)." }),
    selectField({ label: "Ball speed", name: "ballSpeed", value: settings.ballSpeed,
                  options: [["slow", "Slow"], ["normal", "Normal"], ["fast", "Fast"]] }),
    selectField({ label: "Paddle size", name: "paddleSize", value: settings.paddleSize,
                  options: [["small", "Small"], ["normal", "Normal"], ["large", "Large"]] }),
  ];
}

/// The form's fields; `looks` are the named looks from `GET /api/game-looks` (their colours are the server's).
export function settingsFields(settings, looks, { withDifficulty }) {
  const named = Object.fromEntries(looks.map((look) => [look.theme, look]));
  const colours = h("div", { class: "colour-row", hidden: settings.look.theme !== "custom" },
    colourField("Paddles", "paddle", settings.look.paddle),
    colourField("Ball", "ball", settings.look.ball),
    colourField("Table", "table", settings.look.table),
  );
  const theme = selectField({
    label: "Look", name: "theme", value: settings.look.theme,
    options: [...looks.map((look) => [look.theme, look.name]), ["custom", "My own colours"]],
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
    h("legend", {}, "Game settings"),
    h("div", { class: "settings-grid" },
      ...rulesFields(settings),
      withDifficulty
        ? selectField({ label: "AI difficulty", name: "aiDifficulty", value: settings.aiDifficulty,
                        options: [["easy", "Easy"], ["medium", "Medium"], ["hard", "Hard"]],
                        hint: "It looks at the game once a second, like every level." })
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
    `Rated games are played to at least ${MIN_POINTS_FOR_RATING} points.`);
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
