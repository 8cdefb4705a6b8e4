// A room's system lines ("alice left", "Final: bob beat carol 5–3") worded in the reader's
// language from the line's data. Lines stored before their data carried the details keep the
// English text they were posted with.
import { t } from "../i18n/i18n.js";
import { roundName } from "../components/words.js";

const WORDING = {
  room_created: (data) => data.name && t("systemLine.roomCreated", { user: data.user, name: data.name }),
  member_left: (data) => t("systemLine.memberLeft", { user: data.user }),
  member_added: (data) => t("systemLine.memberAdded", { by: data.by, user: data.user }),
  tournament_started: (data) => data.players && t("systemLine.tournamentStarted", { name: data.name, players: Number(data.players), count: Number(data.players) }),
  tournament_finished: (data) => data.winner && t("systemLine.tournamentFinished", { winner: data.winner, name: data.name }),
  game_invitation: (data) => data.from && t(data.rated === "true" ? "systemLine.invitedToRatedGame" : "systemLine.invitedToGame",
    { from: data.from, to: data.to, pointsToWin: Number(data.pointsToWin) }),
  tournament_invitation: (data) => data.from && t("systemLine.invitedToTournament", { from: data.from, to: data.to, name: data.name }),
  tournament_result: (data) => {
    if (!data.how) return null;
    const result = {
      no_show: () => t("systemLine.resultNoShow", { winner: data.winner, loser: data.loser }),
      forfeit: () => t("systemLine.resultForfeit", { winner: data.winner, loser: data.loser }),
      score: () => t("systemLine.resultScore", { winner: data.winner, loser: data.loser, score: data.score }),
    }[data.how]?.();
    return result && t("systemLine.inRound", { round: roundName(data.round), result });
  },
};

/// The text of a system message for this reader.
export function systemText(message) {
  const data = message.data ?? {};
  return WORDING[data.event]?.(data) || message.text;
}
