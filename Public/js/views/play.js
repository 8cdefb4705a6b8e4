import { t } from "../i18n/i18n.js";
// Choose how to play: a stranger, a friend, one keyboard or the AI; games still running can be picked up again.
import { h, formatRelative } from "../components/dom.js";
import * as gamesAPI from "../api/games.js";
import { user } from "../session.js";

function watchList(games) {
  if (!games.length) return null;
  return h("section", { class: "card resume-card", "aria-labelledby": "watch-title" },
    h("h2", { id: "watch-title" }, t("play.liveNow")),
    h("ul", { class: "plain-list", "aria-label": t("play.liveGames") }, games.slice(0, 10).map((game) => h("li", { class: "resume-row" },
      h("span", {}, t("play.vs", { name: game.left.name, name2: game.right.name }),
        h("span", { class: "muted small" }, ` · ${game.mode === "remote" ? (game.rated ? t("play.onlineRated") : t("play.onlineLower")) : game.mode === "ai" ? t("play.vsAi") : t("play.oneKeyboard")}`
          + t("play.watching", { spectators: game.spectators }))),
      h("a", { class: "button button-small button-ghost", href: `/games/${game.id}/watch`,
        "aria-label": t("play.watchVs", { name: game.left.name, name2: game.right.name }) }, t("common.watch"))))));
}

export async function render(main) {
  const [live, watchable] = await Promise.all([gamesAPI.live(), gamesAPI.watchable()]);
  const me = user()?.username;
  const others = watchable.filter((game) => game.left.name !== me && game.right.name !== me);
  main.append(...[
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, t("common.play")), h("h1", {}, t("play.chooseAGame")))),
    live.length ? h("section", { class: "card resume-card", "aria-labelledby": "resume-title" },
      h("h2", { id: "resume-title" }, t("play.gamesInProgress")),
      h("ul", { class: "plain-list" }, live.map((game) => h("li", { class: "resume-row" },
        h("span", {}, t("play.vs2", { name: game.left.name, name2: game.right.name, online: game.mode === "remote" ? t("play.online") : "" }), h("span", { class: "muted small" }, t("play.started", { when: formatRelative(game.startedAt) }))),
        h("a", { class: "button button-small button-primary", href: `/games/${game.id}` }, t("play.resume")),
      )))) : null,
    h("div", { class: "mode-grid" },
      modeCard({
        href: "/play/quick", title: t("common.quickMatch"), art: "online",
        text: t("play.aRatedGameAgainstA"),
      }),
      modeCard({
        href: "/", title: t("play.playAFriend"), art: "friend",
        text: t("play.inviteAFriendFromYour"),
      }),
      modeCard({
        href: "/play/challenge", title: t("common.challengeLink"), art: "friend",
        text: t("play.aLinkToPasteAnywhere"),
      }),
      modeCard({
        href: "/play/local", title: t("common.sameKeyboard"), art: "local",
        text: t("play.twoPlayersOneKeyboardW"),
      }),
      modeCard({
        href: "/play/ai", title: t("play.versusTheAi"), art: "ai",
        text: t("play.easyMediumOrHardIt"),
      }),
      modeCard({
        href: "/tournaments/new", title: t("common.tournament"), art: "tournament",
        text: t("play.inviteFriendsToABracket"),
      }),
    ),
    watchList(others),
  ].filter(Boolean)); // DOM append would print a null as text
}

function modeCard({ href, title, text, art }) {
  return h("a", { class: `card mode-card mode-${art}`, href },
    h("span", { class: "mode-art", "aria-hidden": "true" }, h("span"), h("span"), h("span")),
    h("span", { class: "mode-title" }, title),
    h("span", { class: "muted" }, text),
  );
}
