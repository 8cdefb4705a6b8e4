// Shared wording for match lists and details.
export function outcome(match) {
  if (match.status === "abandoned") return { label: "Abandoned", tone: "neutral" };
  if (match.hosted) return { label: "Hosted", tone: "neutral" };
  const byForfeit = match.status === "forfeit" ? " by forfeit" : "";
  if (!match.yourSide) return { label: `${match[match.winner].name} won${byForfeit}`, tone: "neutral" };
  return match.winner === match.yourSide ? { label: `Won${byForfeit}`, tone: "win" } : { label: `Lost${byForfeit}`, tone: "loss" };
}

/// How a forfeit happened, in words; null for other endings.
export function forfeitReason(match) {
  if (match.status !== "forfeit") return null;
  const loser = match[match.winner === "left" ? "right" : "left"].name;
  return { quit: `${loser} quit`, disconnected: `${loser} lost the connection`, no_show: `${loser} never arrived` }[match.endReason] ?? null;
}

/// The viewer's rating change in a rated game ("+12"), or the left player's when they didn't play.
export function ratingChange(match) {
  if (!match.rated) return null;
  const value = match[`${match.yourSide ?? "left"}RatingChange`];
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
