// Shared wording for match lists and details.
export function outcome(match) {
  if (match.status === "abandoned") return { label: "Abandoned", tone: "neutral" };
  if (!match.yourSide) return { label: `${match[match.winner].name} won`, tone: "neutral" };
  return match.winner === match.yourSide ? { label: "Won", tone: "win" } : { label: "Lost", tone: "loss" };
}

export function modeName(match) {
  if (match.mode === "ai") {
    const ai = match.left.kind === "ai" ? match.left : match.right;
    return `Vs AI (${ai.aiLevel})`;
  }
  return "Same keyboard";
}

export function formatWhen(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
