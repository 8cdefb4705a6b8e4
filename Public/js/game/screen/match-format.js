import { t, locale, direction } from "../../i18n/i18n.js";
// Shared wording for match lists and details. `side` is whose story a row tells: the page owner's on
// a player's page, the viewer's elsewhere; without one, the match is told as a neutral result.
export function outcome(match, side = match.yourSide) {
  if (match.status === "abandoned") return { label: t("matchFormat.abandoned"), tone: "neutral" };
  if (match.hosted && !side) return { label: t("matchFormat.hosted"), tone: "neutral" };
  const byForfeit = match.status === "forfeit" ? t("matchFormat.byForfeit") : "";
  if (!side) return { label: t("matchFormat.won", { value: match[match.winner].name, byForfeit }), tone: "neutral" };
  return match.winner === side ? { label: t("matchFormat.youWon", { byForfeit }), tone: "win" } : { label: t("matchFormat.youLost", { byForfeit }), tone: "loss" };
}

/// "Bob 3 – 1 Alice", with the side whose story it is first.
export function scoreLine(match, side = match.yourSide) {
  const [first, second] = side === "right" ? ["right", "left"] : ["left", "right"];
  // Right to left, each name is isolated so the scores between them keep their places.
  const name = (player) => (direction === "rtl" ? `\u2068${player.name}\u2069` : player.name);
  return `${name(match[first])} ${match[`${first}Score`]} – ${match[`${second}Score`]} ${name(match[second])}`;
}

/// How a forfeit happened, in words; null for other endings.
export function forfeitReason(match) {
  if (match.status !== "forfeit") return null;
  const loser = match[match.winner === "left" ? "right" : "left"].name;
  return { quit: t("matchFormat.quit", { loser }), disconnected: t("matchFormat.lostTheConnection", { loser }), no_show: t("matchFormat.neverArrived", { loser }) }[match.endReason] ?? null;
}

/// That side's rating change in a rated game ("+12"); null when the game moved no rating or has no side.
export function ratingChange(match, side = match.yourSide) {
  if (!match.rated || !side) return null;
  return signed(match[`${side}RatingChange`]);
}

/// "1500 → 1662 (+162)", or "+162" alone when the rating after is unknown (games stored before it was kept).
export function ratingMove(change, after) {
  return after == null ? signed(change) : `${after - change} → ${after} (${signed(change)})`;
}

export function signed(value) {
  if (value == null) return null;
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : "±0";
}

export function modeName(match) {
  if (match.mode === "remote") return match.rated ? t("matchFormat.onlineRated") : t("matchFormat.onlineCasual");
  if (match.mode === "ai") {
    const ai = match.left.kind === "ai" ? match.left : match.right;
    return t("matchFormat.vsAi", { aiLevel: t(`aiLevel.${ai.aiLevel}`) });
  }
  return t("common.sameKeyboard");
}

export function formatWhen(iso) {
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/// Why a game asked for rated moved no rating (`ratingNote` of a game, its end and its record).
export const RATING_NOTES = {
  pair_limit: t("matchFormat.casualGameYouHavePlayed"),
  too_short: t("matchFormat.notRatedTheGameEnded"),
  farmed: t("matchFormat.notRatedAModeratorFound"),
};
