import { t } from "../i18n/i18n.js";
// The pre-game screen: who plays, the rules and the look. The settings are
// saved as the player's own (the server reads them when it starts the game).
import { h } from "../components/dom.js";
import { field, formBanner, handleSubmit } from "../components/form.js";
import * as meAPI from "../api/me.js";
import * as gamesAPI from "../api/games.js";
import { navigate } from "../router.js";
import { user } from "../session.js";
import { settingsFields, settingsFromForm } from "../game/screen/settings-form.js";

export async function render(main, { params }) {
  if (params.mode !== "ai" && params.mode !== "local") return navigate("/play", { replace: true });
  const mode = params.mode;
  const [settings, looks] = await Promise.all([meAPI.gameSettings(), gamesAPI.looks()]);
  const me = user();

  const players = mode === "local"
    ? h("fieldset", { class: "settings-fieldset" },
        h("legend", {}, t("common.players")),
        h("label", { class: "check" },
          h("input", { type: "checkbox", name: "hostPlaysLeft", checked: true }),
          t("playSetup.iPlayOnTheLeft", { username: me.username })),
        h("div", { class: "settings-grid" },
          field({ label: t("playSetup.leftPlayerWS"), name: "leftName", value: me.username, maxlength: 20, disabled: true, autocomplete: "off" }),
          field({ label: t("playSetup.rightPlayer"), name: "rightName", maxlength: 20, autocomplete: "off", placeholder: t("playSetup.aFriendsName") }),
        ))
    : h("p", { class: "muted" }, t("playSetup.youPlayOnTheLeft"));

  const form = h("form", { class: "card stack setup-form", novalidate: true },
    formBanner(),
    players,
    settingsFields(settings, looks, { withDifficulty: mode === "ai" }),
    h("div", { class: "button-row" },
      h("button", { type: "submit", class: "button button-primary" }, t("playSetup.startGame")),
      h("a", { href: "/play", class: "button button-ghost" }, t("playSetup.back"))),
  );

  if (mode === "local") {
    const hostPlaysLeft = form.querySelector("[name=hostPlaysLeft]");
    const leftName = form.querySelector("[name=leftName]");
    hostPlaysLeft.addEventListener("change", () => {
      leftName.disabled = hostPlaysLeft.checked;
      leftName.value = hostPlaysLeft.checked ? me.username : "";
      if (!hostPlaysLeft.checked) leftName.focus();
    });
  }

  handleSubmit(form, async (data) => {
    const saved = await meAPI.saveGameSettings(settingsFromForm(form, settings, looks));
    const hostPlaysLeft = form.querySelector("[name=hostPlaysLeft]")?.checked ?? true;
    const game = await gamesAPI.start({ mode, difficulty: saved.aiDifficulty, rightName: data.get("rightName") ?? "",
      leftName: hostPlaysLeft ? undefined : data.get("leftName") ?? "" });
    navigate(`/games/${game.id}`);
  });

  main.append(
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, mode === "ai" ? t("playSetup.versusTheAi") : t("common.sameKeyboard")),
        h("h1", {}, t("playSetup.setUpTheGame")))),
    form,
  );
}
