// Counted nouns read correctly: "1 hit", "2 hits", "1 rated game". The browser's plural rules
// decide which form a number takes, so languages with other rules only add forms here.
const rules = new Intl.PluralRules("en");
const IRREGULAR = { match: "matches", rally: "rallies", day: "days", reply: "replies", person: "people" };

/// The noun's form for `count`: noun(1, "hit") → "hit", noun(3, "hit") → "hits".
export function noun(count, singular, plural = IRREGULAR[singular] ?? `${singular}s`) {
  return rules.select(count) === "one" ? singular : plural;
}

/// The number and its noun: counted(1, "hit") → "1 hit", counted(1200, "point") → "1,200 points".
/// A noun of several words pluralises its last: counted(2, "rated game") → "2 rated games".
export function counted(count, singular, plural) {
  const words = singular.split(" ");
  const last = words.pop();
  const form = plural ?? [...words, noun(count, last)].join(" ");
  return `${count.toLocaleString("en")} ${rules.select(count) === "one" ? singular : form}`;
}
