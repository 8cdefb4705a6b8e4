import { formatNumber, t, tNodes } from "../i18n/i18n.js";
import { h, formatDate } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { ApiError } from "../api/client.js";
import * as usersAPI from "../api/users.js";
import * as matchesAPI from "../api/matches.js";
import * as friendsAPI from "../api/friends.js";
import * as gamesAPI from "../api/games.js";
import { user } from "../session.js";
import { matchRow } from "./matches.js";
import { tournamentRow } from "./tournaments.js";
import { dashboardSection } from "../stats/dashboard.js";
import * as statsAPI from "../api/stats.js";
import * as tournamentsAPI from "../api/tournaments.js";
import { playerActions } from "../social/player-actions.js";
import { counted, noun } from "../components/words.js";
import { playerSafety } from "../moderation/player-safety.js";

function statsBlock(stats) {
  const rate = stats.winRate == null ? "—" : `${Math.round(stats.winRate * 100)} %`;
  // Provisional until the deviation has come down: a few rated games say little yet.
  // The qualifier goes on a line of its own under the number, so the tile keeps its width on a phone.
  const note = stats.ratedGames === 0 ? "unrated" : stats.ratingDeviation > 110 ? "provisional" : null;
  const rating = [String(stats.ratedGames === 0 ? 1500 : stats.rating), note ? h("span", { class: "stat-note" }, note) : null];
  const figures = [
    [t("common.rating"), rating], [t("player.played"), stats.played], [t("player.won"), stats.won], [t("player.lost"), stats.lost], [t("player.winRate"), rate],
    [t("player.onlineWins"), t("player.of", { onlineWon: stats.onlineWon, onlinePlayed: stats.onlinePlayed })],
    [t("common.pointsScored"), stats.pointsScored], [t("common.longestRally"), stats.longestRally],
    [t("player.tournamentsPlayed"), stats.tournamentsPlayed], [t("player.tournamentsWon"), stats.tournamentsWon],
  ];
  return h("section", { class: "card", "aria-labelledby": "stats-title" },
    h("h2", { id: "stats-title" }, t("common.statistics")),
    h("dl", { class: "stat-grid" }, figures.map(([label, value]) =>
      h("div", { class: "stat" }, h("dt", { class: "muted" }, label), h("dd", {}, ...[value].flat().filter((part) => part != null).map((part) => part instanceof Node ? part : String(part)))))));
}

/// My record against this player in online games, and our last games.
async function headToHeadCard(username) {
  const record = await statsAPI.headToHead(username);
  const played = record.wins + record.losses;
  return h("section", { class: "card head-to-head", "aria-labelledby": "h2h-title" },
    h("h2", { id: "h2h-title" }, t("player.youAgainst", { username })),
    played
      ? h("p", { class: "h2h-score" }, ...tNodes("player.headToHeadRecord", {
        wins: h("strong", {}, formatNumber(record.wins)), winsNoun: noun(record.wins, "win"),
        losses: h("strong", {}, formatNumber(record.losses)), lossesNoun: noun(record.losses, "loss"),
        games: counted(played, "online game"),
      }))
      : h("p", { class: "muted" }, t("player.youHaventPlayedOnlineYet", { username })),
    record.games.length ? h("ol", { class: "match-list", "aria-label": t("player.lastGamesAgainst", { username }) }, record.games.map(matchRow)) : null);
}

export async function render(main, { params, scope }) {
  let profile;
  try {
    profile = await usersAPI.profile(params.username);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    main.append(h("section", { class: "card empty-state" },
      h("h1", {}, t("player.noSuchPlayer")),
      h("p", { class: "muted" }, t("player.nobodyPlaysUnderThisName")),
      h("a", { href: "/", class: "button button-primary" }, t("player.backHome")),
    ));
    return;
  }
  document.title = t("player.transcendence", { username: profile.username });
  const me = user();
  const isMe = me?.username === profile.username;
  const [stats, recent, relation, liveGame, tournaments, safety] = await Promise.all([
    matchesAPI.statsOf(profile.username),
    matchesAPI.ofPlayer(profile.username, { per: 10 }),
    me && !isMe ? friendsAPI.relationWith(profile.username) : Promise.resolve(null),
    me && !isMe ? gamesAPI.liveGameOf(profile.username).catch(() => null) : Promise.resolve(null),
    tournamentsAPI.playedBy(profile.username, { per: 5 }).catch(() => ({ items: [], total: 0 })),
    me && !isMe ? playerSafety(profile.username) : Promise.resolve(null),
  ]);
  main.append(h("section", { class: "card profile-banner" },
    avatar(profile.avatarURL, profile.username, "xl"),
    h("div", { class: "profile-banner-text" },
      h("p", { class: "eyebrow" }, isMe ? t("player.yourPublicPage") : t("common.player")),
      h("h1", {}, profile.username),
      h("p", { class: "muted" }, t("player.joined", { value: formatDate(profile.joinedAt) })),
      isMe ? h("a", { href: "/profile", class: "button button-ghost" }, t("player.editMyProfile")) : null,
      relation ? playerActions(relation, scope) : null,
      safety,
      liveGame ? h("a", { href: `/games/${liveGame.id}/watch`, class: "button button-ghost live-link" },
        t("player.watchVsLive", { name: liveGame.left.name, name2: liveGame.right.name })) : null,
    ),
  ));
  main.append(statsBlock(stats));
  if (me && !isMe) main.append(await headToHeadCard(profile.username).catch(() => ""));
  main.append(await dashboardSection(profile.username));
  main.append(h("section", { class: "recent-matches", "aria-labelledby": "recent-title" },
    h("h2", { id: "recent-title" }, t("player.recentMatches")),
    recent.items.length
      ? h("ol", { class: "match-list", "aria-label": t("player.matchesOf", { username: profile.username }) }, recent.items.map(matchRow))
      : h("p", { class: "muted" }, t("player.noMatchesPlayedYet"))));
  if (tournaments.total > 0) {
    main.append(h("section", { class: "recent-matches", "aria-labelledby": "tournaments-title" },
      h("h2", { id: "tournaments-title" }, t("common.tournaments")),
      h("ol", { class: "match-list", "aria-label": t("player.tournamentsOf", { username: profile.username }) }, tournaments.items.map(tournamentRow))));
  }
}
