// The player's language: its messages, its plural rules and its number and date formats.
// Every module that shows text imports `t` from here; the catalogue is loaded once, before any
// module that uses it runs (top-level await), so no screen ever draws a raw key.
//
// The language is, in order: the `lang` cookie (the player's last choice on this device, also
// read by the server for its error messages), the browser's languages, English. A signed-in
// player's stored choice is copied into the cookie when they sign in (see `adoptLanguage`).

const COOKIE = "lang";
const YEAR = 365 * 24 * 3600;

async function fetchJSON(path) {
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/// [{ code, name, dir }] — adding a language is adding its files and a line in languages.json.
export const languages = await fetchJSON("/i18n/languages.json");

function cookieLanguage() {
  const match = document.cookie.match(/(?:^|;\s*)lang=([a-z]{2,3}(?:-[A-Za-z]{2,4})?)/);
  return match?.[1];
}

function supported(tag) {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  return languages.find((language) => language.code === lower)?.code
    ?? languages.find((language) => language.code === lower.split("-")[0])?.code ?? null;
}

function chooseLanguage() {
  return supported(cookieLanguage())
    ?? (navigator.languages ?? [navigator.language]).map(supported).find(Boolean)
    ?? "en";
}

/// The language in use, e.g. "fr"; also the locale for `Intl`.
export const locale = chooseLanguage();
const messages = await fetchJSON(`/i18n/${locale}.json`);
const pluralRules = new Intl.PluralRules(locale);
const numbers = new Intl.NumberFormat(locale);
// Ratings, scores and years read as one block ("1500", not "1,500"); only five digits and more
// are grouped ("12,000").
const values = new Intl.NumberFormat(locale, { useGrouping: "min2" });

export const direction = languages.find((language) => language.code === locale)?.dir ?? "ltr";
document.documentElement.lang = locale;
document.documentElement.dir = direction;

/// A number written the way the language writes it ("1,200", "1 200", "١٬٢٠٠").
export function formatNumber(value) {
  return numbers.format(value);
}

/// The message `key` in this language: the plural form `params.count` calls for, if it has forms.
function chosen(key, params) {
  let message = messages[key];
  if (message && typeof message === "object") {
    const count = Number(params.count ?? 0);
    message = message[count === 0 && message.zero !== undefined ? "zero" : pluralRules.select(count)] ?? message.other;
  }
  if (typeof message !== "string") {
    console.error(`Missing message ${key} in ${locale}`);
    return null;
  }
  return message;
}

function written(name, value) {
  if (value === undefined || value === null) return "";
  // A `count` is a quantity ("1,200 points"); other numbers are values (a rating, a score).
  if (typeof value === "number") return name === "count" ? numbers.format(value) : values.format(value);
  return String(value);
}

/// The message `key` with its `{placeholders}` filled. A message with plural forms
/// (`{"one": …, "other": …}`) takes the form `params.count` calls for in this language.
export function t(key, params = {}) {
  const message = chosen(key, params);
  if (message === null) return key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => written(name, params[name]));
}

/// The same, for a sentence with an element inside it (a bold address, a link, a countdown): the
/// pieces to append, each placeholder whose value is a DOM node replaced by that node. Each
/// language keeps its whole sentence and puts the element where its word order wants it.
export function tNodes(key, params = {}) {
  const message = chosen(key, params);
  if (message === null) return [key];
  return message.split(/\{(\w+)\}/).map((piece, index) => {
    if (index % 2 === 0) return piece;
    const value = params[piece];
    return value instanceof Node ? value : written(piece, value);
  }).filter((piece) => piece !== "");
}

// The names the server writes for a player rather than taking them from one: the AI's, stored
// with each game as "AI (medium)", and a visitor's "You". Usernames cannot hold spaces or brackets, so this never
// touches a person's name.
const AI_NAME = /^AI \((easy|medium|hard)\)$/;

/// `data` from the server with the AI's names in this language (a JSON value, walked in place).
export function localizeNames(data) {
  if (typeof data === "string") {
    const level = AI_NAME.exec(data)?.[1];
    return level ? t("aiPlayer.name", { level: t(`aiLevel.${level}`) }) : data;
  }
  if (Array.isArray(data)) return data.map(localizeNames);
  if (data && typeof data === "object") {
    for (const key of Object.keys(data)) data[key] = localizeNames(data[key]);
    // A visitor playing without an account is "You" to the server (a guest, never a username).
    if (data.kind === "guest" && data.name === "You") data.name = t("game.you");
  }
  return data;
}

/// Saves the choice on this device (and for the server) and reloads into it.
export function switchLanguage(code, { reload = true } = {}) {
  if (!supported(code)) return;
  document.cookie = `${COOKIE}=${code}; path=/; max-age=${YEAR}; samesite=lax`;
  if (reload && code !== locale) window.location.reload();
}

/// A signed-in player's stored language wins over the device's guess: adopt it (reloading
/// into it once) unless this device already made the same choice.
export function adoptLanguage(code) {
  if (!code || cookieLanguage() === code) return;
  // Already showing it (the browser's guess was right): only remember it, no reload.
  switchLanguage(code, { reload: supported(code) !== locale });
}
