// Shared wording for match lists and details. `side` is whose story a row tells: the page owner's on
// a player's page, the viewer's elsewhere; without one, the match is told as a neutral result.
export function outcome(match, side = match.yourSide) {
  if (match.status === "abandoned") return { label: "Abandoned", tone: "neutral" };
  if (match.hosted && !side) return { label: "Hosted", tone: "neutral" };
  const byForfeit = match.status === "forfeit" ? " by forfeit" : "";
  if (!side) return { label: `${match[match.winner].name} won${byForfeit}`, tone: "neutral" };
  return match.winner === side ? { label: `Won${byForfeit}`, tone: "win" } : { label: `Lost${byForfeit}`, tone: "loss" };
}

/// "Bob 3 – 1 Alice", with the side whose story it is first.
export function scoreLine(match, side = match.yourSide) {
  const [first, second] = side === "right" ? ["right", "left"] : ["left", "right"];
  return `${match[first].name} ${match[`${first}Score`]} – ${match[`${second}Score`]} ${match[second].name}`;
}

/// How a forfeit happened, in words; null for other endings.
export function forfeitReason(match) {
  if (match.status !== "forfeit") return null;
  const loser = match[match.winner === "left" ? "right" : "left"].name;
  return { quit: `${loser} quit`, disconnected: `${loser} lost the connection`, no_show: `${loser} never arrived` }[match.endReason] ?? null;
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
  if (match.mode === "remote") return match.rated ? "Online · rated" : "Online · casual";
  if (match.mode === "ai") {
    const ai = match.left.kind === "ai" ? match.left : match.right;
    return `Vs AI (${ai.aiLevel})`;
  }
  return "Same keyboard";
}

export function formatWhen(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/// Why a game asked for rated moved no rating (`ratingNote` of a game, its end and its record).
export const RATING_NOTES = {
  pair_limit: "Casual game: you have played 3 rated games against each other in the last 24 hours, so this one moves no rating.",
  too_short: "Not rated: the game ended in its first 20 seconds or before 3 points were played.",
  farmed: "Not rated: a moderator found these games were played to lift a rating.",
};
