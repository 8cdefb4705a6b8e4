// Counted nouns read correctly in every language: "1 hit", "2 hits", "2 coups", "٣ ضربات".
// Each noun is a plural message (`count.hit`, `noun.win`) whose forms the language's own
// plural rules choose between (see `t`).
import { t } from "../i18n/i18n.js";

const key = (singular) => singular.replace(/ (\w)/g, (_, letter) => letter.toUpperCase());

/// The noun's form for `count` without the number: noun(1, "win") → "win", noun(3, "win") → "wins".
export function noun(count, singular) {
  return t(`noun.${key(singular)}`, { count });
}

/// The number and its noun: counted(1, "hit") → "1 hit", counted(1200, "point") → "1,200 points".
export function counted(count, singular) {
  return t(`count.${key(singular)}`, { count });
}

/// A round's name as the server gives it ("Final", "Semi-final", "Round 2"), in this language.
export function roundName(name) {
  const known = { "Final": "round.final", "Semi-final": "round.semiFinal", "Quarter-final": "round.quarterFinal", "Match": "common.match" }[name];
  if (known) return t(known);
  const number = /^Round (\d+)$/.exec(name ?? "")?.[1];
  return number ? t("round.number", { number: Number(number) }) : name;
}
