import { t } from "../i18n/i18n.js";
// Create a tournament: online with friends (invited from its lobby), or on this keyboard
// with 3–8 players' names (drawn and started at once).
import { h } from "../components/dom.js";
import { field, selectField, formBanner, handleSubmit } from "../components/form.js";
import { offerRatedOnlyWithFitRules, ratedChoice, rulesFields } from "../game/screen/settings-form.js";
import * as meAPI from "../api/me.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { navigate } from "../router.js";
import { user } from "../session.js";

const MOST_ALIASES = 8;
const FEWEST_ALIASES = 3;

export async function render(main) {
  const settings = await meAPI.gameSettings().catch(() => ({ pointsToWin: 5, ballSpeed: "normal", paddleSize: "normal" }));
  const local = new URLSearchParams(window.location.search).get("kind") === "local";
  const kind = (value, label, text) => h("label", { class: "kind-option" },
    h("input", { type: "radio", name: "kind", value, checked: (value === "local") === local }),
    h("span", { class: "kind-title" }, label), h("span", { class: "muted small" }, text));

  const online = h("div", { class: "settings-grid", dataset: { for: "online" } },
    field({ label: t("common.players"), name: "capacity", type: "number", min: 3, max: 16, value: 8,
            hint: t("tournamentNew.theMostWhoCanJoin") }),
    selectField({ label: t("tournamentNew.seeding"), name: "seeding", value: "rating", options: [["rating", t("tournamentNew.byRating")], ["random", t("tournamentNew.atRandom")]] }),
    ratedChoice("tournament-rated", t("tournamentNew.ratedEveryGameMovesBoth")));

  const aliasList = h("ol", { class: "alias-list" });
  const addAlias = h("button", { type: "button", class: "button button-small button-ghost" }, t("tournamentNew.addAPlayer"));
  const aliases = h("fieldset", { class: "alias-fieldset", dataset: { field: "aliases", for: "local" } },
    h("legend", {}, t("tournamentNew.playersAtThisKeyboard")),
    h("p", { class: "field-hint" }, t("tournamentNew.3To8DifferentNames")),
    aliasList,
    h("p", { class: "field-error", hidden: true }),
    addAlias);
  const renumber = () => {
    [...aliasList.children].forEach((row, index) => {
      row.querySelector("label").textContent = t("tournamentNew.player", { value: index + 1 });
      row.querySelector("button").setAttribute("aria-label", t("tournamentNew.removePlayer", { value: index + 1 }));
      row.querySelector("button").disabled = aliasList.children.length <= FEWEST_ALIASES;
    });
    addAlias.disabled = aliasList.children.length >= MOST_ALIASES;
  };
  let aliasCounter = 0;
  const aliasRow = (value = "") => {
    const id = `alias-${++aliasCounter}`;
    const row = h("li", { class: "alias-row" },
      h("label", { for: id }, t("common.player")),
      h("input", { id, name: "alias", type: "text", maxlength: 20, value, autocomplete: "off" }),
      h("button", { type: "button", class: "button button-small button-ghost", onclick: () => { row.remove(); renumber(); } }, t("tournamentNew.remove")));
    return row;
  };
  aliasList.append(aliasRow(user()?.username ?? ""), aliasRow(), aliasRow(), aliasRow());
  addAlias.addEventListener("click", () => {
    aliasList.append(aliasRow());
    renumber();
    aliasList.lastElementChild.querySelector("input").focus();
  });
  renumber();

  const submit = h("button", { type: "submit", class: "button button-primary" });
  const form = h("form", { class: "card stack tournament-form", novalidate: true },
    h("fieldset", { class: "kind-choice" }, h("legend", {}, t("tournamentNew.whereDoYouPlay")),
      kind("online", t("tournamentNew.onlineWithFriends"), t("tournamentNew.inviteFriendsEachMatchIs")),
      kind("local", t("tournamentNew.onThisKeyboard"), t("tournamentNew.enterEveryonesNameAndTake"))),
    field({ label: t("tournamentNew.tournamentName"), name: "name", maxlength: 40, value: "", hint: t("tournamentNew.nameLength") }),
    online, aliases,
    h("fieldset", { class: "settings-fieldset" }, h("legend", {}, t("tournamentNew.rulesForEveryMatch")), h("div", { class: "settings-grid" }, ...rulesFields(settings))),
    formBanner(),
    h("div", { class: "button-row" }, submit, h("a", { href: "/tournaments", class: "button button-ghost" }, t("common.myTournaments"))));
  const chosen = () => form.querySelector("input[name=kind]:checked").value;
  const show = () => {
    const isLocal = chosen() === "local";
    online.hidden = isLocal;
    aliases.hidden = !isLocal;
    submit.textContent = isLocal ? t("tournamentNew.drawAndStart") : t("tournamentNew.createTournament");
  };
  form.querySelectorAll("input[name=kind]").forEach((radio) => radio.addEventListener("change", show));
  show();
  offerRatedOnlyWithFitRules(form);

  handleSubmit(form, async (data) => {
    const isLocal = chosen() === "local";
    const body = {
      kind: chosen(),
      name: data.get("name"),
      pointsToWin: Number.parseInt(data.get("pointsToWin"), 10),
      ballSpeed: data.get("ballSpeed"),
      paddleSize: data.get("paddleSize"),
    };
    if (isLocal) {
      body.aliases = data.getAll("alias");
    } else {
      Object.assign(body, { capacity: Number.parseInt(data.get("capacity"), 10), seeding: data.get("seeding"), rated: data.get("rated") === "on" });
    }
    const tournament = await tournamentsAPI.create(body);
    navigate(`/tournaments/${tournament.id}`);
  });

  main.append(
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, t("common.tournament")), h("h1", {}, t("tournamentNew.createATournament")))),
    form);
  form.querySelector("input[name=name]").focus();
}
