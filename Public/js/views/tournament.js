import { t } from "../i18n/i18n.js";
// One tournament, whatever its stage: the lobby (who is invited, joined, declined; invite,
// start, cancel, join, decline, leave), the live bracket with my call or the next local
// match, and, once over, the recap: final ranking, totals and every game. It redraws
// whenever the server says the tournament changed.
import { h, formatRelative } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as tournamentsAPI from "../api/tournaments.js";
import * as realtime from "../realtime.js";
import { ServerEvents } from "../realtime.js";
import { navigate } from "../router.js";
import { social, onSocial, loadFriends } from "../social/store.js";
import { openConversation, setOpen as setChatOpen } from "../social/chat-dock.js";
import { scrollableBracket } from "../tournament/bracket.js";
import { formatSeconds } from "../game/screen/end-panel.js";
import { counted, roundName } from "../components/words.js";
import { openReportDialog } from "../moderation/report-dialog.js";
import { user } from "../session.js";

const STATUS_TEXT = { lobby: t("tournament.waitingToStart"), running: t("tournament.beingPlayed"), finished: t("tournament.finished"), cancelled: t("common.cancelled") };
const SEAT_TEXT = { invited: t("tournament.invited"), joined: t("tournament.joined"), declined: t("common.declined"), left: t("tournament.left"), removed: t("tournament.invitationTakenBack") };
const PLACE = (place) => (place === 1 ? t("tournament.winner") : place === 2 ? t("tournament.finalist") : place === 3 ? t("tournament.semiFinalist") : place === 5 ? t("tournament.quarterFinalist") : t("tournament.last", { count: place - 1 }));

export async function render(main, { params, scope }) {
  const id = params.id;
  const body = h("div", { class: "tournament-page" });
  main.append(body);
  let ticker = null;
  scope.add(() => clearInterval(ticker));

  const draw = async () => {
    let tournament;
    try {
      tournament = await tournamentsAPI.get(id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        body.replaceChildren(h("section", { class: "card empty-state" }, h("h1", {}, t("tournament.noSuchTournament")),
          h("p", { class: "muted" }, t("tournament.itMayHaveBeenMistyped")), h("a", { href: "/tournaments", class: "button button-primary" }, t("common.myTournaments"))));
        return;
      }
      throw error;
    }
    const focused = document.activeElement?.dataset?.action;
    body.replaceChildren(...screen(tournament, draw).filter(Boolean));
    // Keep the keyboard where it was when the screen redraws under it.
    if (focused) body.querySelector(`[data-action="${CSS.escape(focused)}"]`)?.focus();
    clearInterval(ticker);
    ticker = setInterval(() => body.querySelectorAll("[data-deadline]").forEach((element) => {
      element.textContent = t("tournament.sLeft", { value: secondsLeft(element.dataset.deadline) });
    }), 1000);
  };
  const redraw = () => draw().catch(() => {});
  scope.add(realtime.on(ServerEvents.tournament, (event) => { if (event.tournament === id) redraw(); }));
  scope.add(realtime.on(ServerEvents.tournamentCall, (call) => { if (call.tournament === id) redraw(); }));
  scope.add(onSocial("friends", () => {
    if (body.querySelector(".invite-friend")) redraw();
  }));
  if (!social().friendsLoaded) loadFriends().catch(() => {});
  await realtime.connect();
  await draw();
}

function secondsLeft(iso) {
  return Math.max(0, Math.ceil((new Date(iso) - Date.now()) / 1000));
}

/// Runs an action, then redraws; a refusal shows as a toast.
function act(run, redraw, success) {
  return async (event) => {
    const button = event?.currentTarget;
    if (button) button.disabled = true;
    try {
      await run();
      if (success) toast(success, "success");
      await redraw();
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t("common.thatDidntWorkTryAgain"), "error");
      if (button) button.disabled = false;
    }
  };
}

function actionButton(label, action, onclick, style = "button-ghost", name = label) {
  return h("button", { type: "button", class: `button ${style}`, "aria-label": name, dataset: { action }, onclick }, label);
}

function screen(tournament, redraw) {
  const seats = new Map(tournament.participants.map((seat) => [seat.id, seat]));
  const rules = tournament.rules;
  const meta = [
    tournament.kind === "local" ? t("tournament.onOneKeyboard") : t("common.online"),
    tournament.kind === "online" ? t("tournament.of", { playerCount: tournament.playerCount, capacity: counted(tournament.capacity, "player") }) : counted(tournament.playerCount, "player"),
    t("tournament.firstTo", { pointsToWin: rules.pointsToWin }), t(`rules.ball.${rules.ballSpeed}`), t(`rules.paddles.${rules.paddleSize}`),
    tournament.kind === "online" ? (rules.rated ? t("rules.rated") : t("rules.casual")) : null,
    t("tournament.by", { creator: tournament.creator }),
  ].filter(Boolean);
  return [
    h("div", { class: "page-header" },
      h("div", {},
        h("p", { class: "eyebrow" }, t("common.tournament")),
        h("h1", {}, tournament.name),
        h("p", { class: "muted" }, h("span", { class: `status-pill status-${tournament.status}` }, STATUS_TEXT[tournament.status]), " ", meta.join(" · "))),
      h("div", { class: "button-row" },
        tournament.conversationID ? h("button", { type: "button", class: "button button-ghost", onclick: () => openConversation(tournament.conversationID) }, t("tournament.tournamentChat")) : null,
        h("a", { href: "/tournaments", class: "button button-ghost" }, t("common.myTournaments")))),
    tournament.status === "lobby" ? lobby(tournament, redraw) : null,
    tournament.status === "cancelled" ? h("section", { class: "card" }, h("p", {}, t("tournament.thisTournamentWasCancelledBefore"))) : null,
    tournament.status === "running" ? nextUp(tournament, seats, redraw) : null,
    tournament.status === "finished" ? podium(tournament, seats) : null,
    tournament.status === "running" || tournament.status === "finished"
      ? h("section", { class: "card bracket-card", "aria-labelledby": "bracket-title" },
        h("h2", { id: "bracket-title" }, tournament.status === "finished" ? t("tournament.bracket") : t("tournament.liveBracket")),
        scrollableBracket(tournament))
      : null,
    tournament.status === "running" || tournament.status === "finished" ? gameList(tournament, seats) : null,
  ];
}

// MARK: The lobby

function lobby(tournament, redraw) {
  const role = tournament.viewer.role;
  const joined = tournament.playerCount;
  // Before the start the seats are the organiser's and the invited players' to see.
  const people = tournament.participants.length === 0 ? null : h("ul", { class: "plain-list seat-list", "aria-label": t("common.players") }, tournament.participants
    .filter((seat) => seat.status !== "removed")
    .map((seat) => h("li", { class: `seat-row seat-${seat.status}` },
      seat.username ? h("a", { href: `/users/${encodeURIComponent(seat.username)}` }, seat.name) : h("span", {}, seat.name),
      h("span", { class: `status-pill seat-status-${seat.status}` }, seat.name === tournament.creator ? t("tournament.organiser") : SEAT_TEXT[seat.status]),
      role === "creator" && seat.name !== tournament.creator && ["invited", "joined"].includes(seat.status)
        ? actionButton(t("tournament.remove"), `remove-${seat.name}`, act(() => tournamentsAPI.uninvite(tournament.id, seat.name), redraw),
          "button-small button-ghost", t("tournament.remove2", { name: seat.name }))
        : null,
      reportSeat(tournament, seat))));
  const actions = [];
  if (role === "creator") {
    actions.push(actionButton(t("tournament.startTournament"), "start", act(() => tournamentsAPI.start(tournament.id), redraw), "button-primary"));
    actions.push(actionButton(t("tournament.cancelTournament"), "cancel", act(async () => {
      if (!window.confirm(t("tournament.cancelThisTournamentEveryoneInvited"))) throw new ApiError(0, "kept", t("tournament.theTournamentGoesOn"));
      await tournamentsAPI.cancel(tournament.id);
    }, redraw)));
  } else if (role === "invited") {
    actions.push(actionButton(t("tournament.joinTournament"), "join", act(() => tournamentsAPI.join(tournament.id), redraw, t("tournament.youJoined")), "button-primary"));
    actions.push(actionButton(t("common.decline"), "decline", act(() => tournamentsAPI.decline(tournament.id), redraw)));
  } else if (role === "player") {
    actions.push(actionButton(t("tournament.leaveTournament"), "leave", act(() => tournamentsAPI.leave(tournament.id), redraw)));
  }
  return h("div", { class: "lobby-grid" },
    h("section", { class: "card", "aria-labelledby": "lobby-title" },
      h("h2", { id: "lobby-title" }, t("tournament.lobby")),
      h("p", { class: "muted" }, joined >= 3
        ? t("tournament.playersHaveJoinedTheOrganiser", { joined })
        : t("tournament.joinedSoFarATournament", { joined })),
      people,
      actions.length ? h("div", { class: "button-row" }, actions) : null),
    role === "creator" ? inviteForm(tournament, redraw) : null);
}

function inviteForm(tournament, redraw) {
  const taken = new Set(tournament.participants.filter((seat) => ["invited", "joined"].includes(seat.status)).map((seat) => seat.name.toLowerCase()));
  const friends = social().friends.map((friend) => friend.user.username).filter((name) => !taken.has(name.toLowerCase()));
  const select = h("select", { id: "invite-friend", name: "username" },
    friends.map((name) => h("option", { value: name }, name)));
  const form = h("form", { class: "stack invite-friend", onsubmit: (event) => {
    event.preventDefault();
    const name = select.value;
    act(() => tournamentsAPI.invite(tournament.id, name), redraw, t("tournament.isInvited", { name }))();
  } },
  friends.length ? [h("label", { for: "invite-friend" }, t("tournament.friendToInvite")),
    h("div", { class: "inline-form" }, select, h("button", { type: "submit", class: "button button-primary", dataset: { action: "invite" } }, t("tournament.invite")))]
    : h("p", { class: "muted small" }, social().friends.length
      ? t("tournament.everyFriendOfYoursIs")
      : t("tournament.youHaveNoFriendsTo")));
  return h("section", { class: "card", "aria-labelledby": "invite-title" },
    h("h2", { id: "invite-title" }, t("tournament.inviteFriends")),
    h("p", { class: "muted small" }, t("tournament.theyGetANotificationAnd")),
    form);
}

// MARK: While it runs

function nextUp(tournament, seats, redraw) {
  const name = (id) => seats.get(id)?.name ?? t("bracket.toBeDecided");
  if (tournament.kind === "local") {
    const next = tournament.matches.find((match) => match.status === "called" || match.status === "playing");
    if (!next) return null;
    const resume = next.status === "playing" && next.gameID;
    return h("section", { class: "card next-match", "aria-labelledby": "next-title" },
      h("p", { class: "eyebrow" }, t("tournament.match", { roundName: roundName(next.roundName), number: next.number })),
      h("h2", { id: "next-title" }, t("tournament.nextMatchVs", { value: name(next.left), value2: name(next.right) })),
      h("p", { class: "muted" }, t("tournament.playsWithWAndS", { value: name(next.left), value2: name(next.right) })),
      tournament.viewer.role === "creator"
        ? (resume
          ? h("a", { href: `/games/${next.gameID}`, class: "button button-primary" }, t("tournament.resumeTheMatch"))
          : actionButton(t("tournament.playNextMatch"), "play", act(async () => {
            const started = await tournamentsAPI.playLocal(tournament.id, next.number);
            navigate(`/games/${started.game}`);
          }, () => {}), "button-primary"))
        : null);
  }
  const mine = tournament.viewer.participant;
  const myMatch = mine && tournament.matches.find((match) => (match.left === mine || match.right === mine) && ["called", "playing"].includes(match.status));
  if (!myMatch) {
    const out = mine && seats.get(mine)?.placement;
    return h("section", { class: "card next-match" },
      h("p", {}, out ? t("tournament.youFinishedFollowTheRest", { value: PLACE(out).toLowerCase() })
        : mine ? t("tournament.yourNextMatchIsCalled") : t("tournament.followTheMatchesLiveBelow")));
  }
  const opponent = name(myMatch.left === mine ? myMatch.right : myMatch.left);
  const ready = myMatch[myMatch.left === mine ? "leftReady" : "rightReady"];
  return h("section", { class: "card next-match", "aria-labelledby": "next-title" },
    h("p", { class: "eyebrow" }, t("tournament.match", { roundName: roundName(myMatch.roundName), number: myMatch.number })),
    h("h2", { id: "next-title" }, t("tournament.yourAgainst", { value: roundName(myMatch.roundName).toLowerCase(), opponent })),
    myMatch.status === "playing" && myMatch.gameID
      ? h("a", { href: `/games/${myMatch.gameID}`, class: "button button-primary", onclick: () => setChatOpen(false) }, t("tournament.openYourGame"))
      : ready
        ? h("p", {}, t("tournament.youreReadyWaitingFor", { opponent }), h("span", { class: "muted", dataset: { deadline: myMatch.readyDeadline } }, t("tournament.sLeft", { value: secondsLeft(myMatch.readyDeadline) })))
        : h("div", { class: "button-row" },
          actionButton(t("tournament.imReady"), "ready", act(() => tournamentsAPI.ready(tournament.id, myMatch.number), redraw), "button-primary"),
          h("span", { class: "muted", dataset: { deadline: myMatch.readyDeadline } }, t("tournament.sLeft", { value: secondsLeft(myMatch.readyDeadline) }))));
}

// MARK: The recap

function podium(tournament, seats) {
  const totals = tournament.totals;
  const champion = seats.get(tournament.winner);
  return h("div", { class: "recap-grid" },
    h("section", { class: "card podium", "aria-labelledby": "ranking-title" },
      h("p", { class: "eyebrow" }, t("tournament.champion")),
      h("p", { class: "champion" }, champion?.name ?? "—"),
      h("h2", { id: "ranking-title" }, t("tournament.finalRanking")),
      h("ol", { class: "plain-list ranking-list", "aria-label": t("tournament.finalRanking") }, tournament.ranking.map((seat) =>
        h("li", { class: `ranking-row place-${seat.placement}` },
          h("span", { class: "place" }, String(seat.placement)),
          seat.username ? h("a", { href: `/users/${encodeURIComponent(seat.username)}` }, seat.name) : h("span", {}, seat.name),
          h("span", { class: "muted small" }, PLACE(seat.placement)),
          reportSeat(tournament, seat))))),
    h("section", { class: "card", "aria-labelledby": "totals-title" },
      h("h2", { id: "totals-title" }, t("tournament.totals")),
      h("dl", { class: "stat-row stat-grid" },
        stat(t("tournament.gamesPlayed"), totals.matchesPlayed),
        stat(t("common.pointsScored"), totals.points),
        stat(t("common.longestRally"), counted(totals.longestRally, "hit")),
        stat(t("tournament.duration"), totals.durationMs != null ? formatSeconds(totals.durationMs / 1000) : "—"),
        stat(t("tournament.ended"), tournament.endedAt ? formatRelative(tournament.endedAt) : "—"))));
}

function stat(label, value) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, String(value)));
}

function gameList(tournament, seats) {
  const name = (id) => seats.get(id)?.name ?? t("bracket.toBeDecided");
  const reason = { no_show: t("tournament.didntShowUp"), forfeit: t("tournament.forfeited"), quit: t("tournament.quit"), disconnected: t("tournament.lostTheConnection") };
  const rows = tournament.matches.map((match) => {
    const score = match.leftScore != null ? `${match.leftScore} – ${match.rightScore}` : t("tournament.vs");
    const text = `${name(match.left)} ${score} ${name(match.right)}`;
    const loser = match.winner && (match.winner === match.left ? match.right : match.left);
    const note = match.status === "finished"
      ? t("common.won", { name: name(match.winner), how: match.endReason && reason[match.endReason] ? t("tournament.loserReason", { loser: name(loser), reason: reason[match.endReason] }) : "" })
      : { waiting: t("tournament.waitingForItsPlayers"), called: t("tournament.calledWaitingForBothPlayers"), playing: t("tournament.beingPlayedNow") }[match.status];
    return h("li", { class: "card match-row" },
      h("span", { class: "match-number" }, `#${match.number}`),
      h("div", { class: "match-players" },
        match.matchID ? h("a", { href: `/matches/${match.matchID}`, class: "match-link" }, text) : h("span", { class: "match-link" }, text),
        h("span", { class: "muted small" }, `${roundName(match.roundName)} · ${note}`)),
      match.matchID && match.status === "finished" ? replayButton(match.matchID, text) : null);
  });
  return h("section", { "aria-labelledby": "games-title" },
    h("h2", { id: "games-title" }, t("tournament.everyGame")),
    h("ol", { class: "match-list", "aria-label": t("tournament.tournamentGames") }, rows));
}

/// Each game of the recap can be watched again. A button beside the game's own link (its record),
/// so each row keeps one link.
function replayButton(matchID, text) {
  const button = h("button", { type: "button", class: "button button-ghost button-small recap-replay", "aria-label": t("tournament.replayOf", { text }) }, t("common.replay"));
  button.addEventListener("click", () => navigate(`/matches/${matchID}/replay`));
  return button;
}

/// Another player of the tournament may be reported from it (their name, their play).
function reportSeat(tournament, seat) {
  if (!seat.username || seat.username === user()?.username) return null;
  const button = h("button", { type: "button", class: "link-button seat-report", "aria-label": t("tournament.report2", { username: seat.username }) }, t("tournament.report"));
  button.addEventListener("click", () => openReportDialog(seat.username, { tournamentID: tournament.id, about: t("tournament.theTournament", { name: tournament.name }) }));
  return button;
}
