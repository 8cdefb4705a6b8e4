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
    field({ label: "Players", name: "capacity", type: "number", min: 3, max: 16, value: 8,
            hint: "The most who can join (3–16). Byes go to the top seeds when it isn't 4, 8 or 16." }),
    selectField({ label: "Seeding", name: "seeding", value: "rating", options: [["rating", "By rating"], ["random", "At random"]] }),
    ratedChoice("tournament-rated", "Rated (every game moves both ratings)"));

  const aliasList = h("ol", { class: "alias-list" });
  const addAlias = h("button", { type: "button", class: "button button-small button-ghost" }, "Add a player");
  const aliases = h("fieldset", { class: "alias-fieldset", dataset: { field: "aliases", for: "local" } },
    h("legend", {}, "Players at this keyboard"),
    h("p", { class: "field-hint" }, "3 to 8 different names, up to 20 characters each. They take turns; the bracket is drawn at random."),
    aliasList,
    h("p", { class: "field-error", hidden: true }),
    addAlias);
  const renumber = () => {
    [...aliasList.children].forEach((row, index) => {
      row.querySelector("label").textContent = `Player ${index + 1}`;
      row.querySelector("button").setAttribute("aria-label", `Remove player ${index + 1}`);
      row.querySelector("button").disabled = aliasList.children.length <= FEWEST_ALIASES;
    });
    addAlias.disabled = aliasList.children.length >= MOST_ALIASES;
  };
  let aliasCounter = 0;
  const aliasRow = (value = "") => {
    const id = `alias-${++aliasCounter}`;
    const row = h("li", { class: "alias-row" },
      h("label", { for: id }, "Player"),
      h("input", { id, name: "alias", type: "text", maxlength: 20, value, autocomplete: "off" }),
      h("button", { type: "button", class: "button button-small button-ghost", onclick: () => { row.remove(); renumber(); } }, "Remove"));
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
    h("fieldset", { class: "kind-choice" }, h("legend", {}, "Where do you play?"),
      kind("online", "Online with friends", "Invite friends; each match is played on your own machines, with a call when it's your turn."),
      kind("local", "On this keyboard", "Enter everyone's name and take turns on this keyboard.")),
    field({ label: "Tournament name", name: "name", maxlength: 40, value: "", hint: "1 to 40 characters." }),
    online, aliases,
    h("fieldset", { class: "settings-fieldset" }, h("legend", {}, "Rules for every match"), h("div", { class: "settings-grid" }, ...rulesFields(settings))),
    formBanner(),
    h("div", { class: "button-row" }, submit, h("a", { href: "/tournaments", class: "button button-ghost" }, "My tournaments")));
  const chosen = () => form.querySelector("input[name=kind]:checked").value;
  const show = () => {
    const isLocal = chosen() === "local";
    online.hidden = isLocal;
    aliases.hidden = !isLocal;
    submit.textContent = isLocal ? "Draw and start" : "Create tournament";
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
      h("div", {}, h("p", { class: "eyebrow" }, "Tournament"), h("h1", {}, "Create a tournament"))),
    form);
  form.querySelector("input[name=name]").focus();
}
