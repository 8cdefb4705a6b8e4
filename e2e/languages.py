"""The site in another language: its catalogues, and a check that a screen shows no English
catalogue text and no raw message key while another language is chosen."""
import functools
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "Public" / "i18n"
SERVER = ROOT / "Sources" / "App" / "Resources" / "i18n"
LANGUAGES = [language["code"] for language in json.loads((CLIENT / "languages.json").read_text())]


@functools.lru_cache(maxsize=None)
def catalogue(language, side=CLIENT):
    return json.loads((side / f"{language}.json").read_text())


def texts(message):
    """A message's texts: the string, or each plural form."""
    return list(message.values()) if isinstance(message, dict) else [message]


def tr(language, key, **params):
    """The message `key` in `language`, with its placeholders filled (plural: the `other` form)."""
    message = catalogue(language)[key]
    text = message.get("other") if isinstance(message, dict) else message
    return re.sub(r"\{(\w+)\}", lambda match: str(params.get(match.group(1), match.group(0))), text)


# Every visible text node and every accessible name, description, title and placeholder on the
# page. Language names in the picker are written in their own language on purpose.
PAGE_TEXTS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest("script, style, [lang]:not(html), .language-picker, canvas")) continue;
    if (!element.checkVisibility?.() && !element.closest(".visually-hidden")) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) found.push(text);
  }
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-description]")) {
    if (element.closest("[lang]:not(html), .language-picker")) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
      const value = element.getAttribute(name)?.trim();
      if (value) found.push(value);
    }
  }
  found.push(document.title.replace(/ · Transcendence$/, ""));
  return found;
}"""

API_WORDS = {"slow", "normal", "fast", "small", "large", "easy", "medium", "hard", "rated", "casual", "online", "local",
             "remote", "finished", "abandoned", "forfeit", "live", "waiting", "playing", "cancelled", "left", "right",
             "winner", "quit", "disconnected", "no_show", "pending", "accepted", "declined", "expired"}

# Words of English sentences that French, Spanish and Arabic do not use: three in one text is English left behind.
ENGLISH_WORDS = {"the", "you", "your", "and", "with", "to", "of", "is", "are", "was", "this", "that", "game",
                 "games", "play", "player", "players", "here", "not", "for", "has", "have", "will"}


class EnglishDetector:
    """Texts of the English catalogues (client and server) that `language` words differently."""

    def __init__(self, language):
        self.language = language
        english, translated = catalogue("en"), catalogue(language)
        server_en, server_tr = catalogue("en", SERVER), catalogue(language, SERVER)
        same = {text.strip() for message in translated.values() for text in texts(message)}
        same |= {text.strip() for text in server_tr.values()}
        english_texts = {text.strip() for message in english.values() for text in texts(message)} | set(server_en)
        self.exact = {text for text in english_texts if text and text not in same and re.search(r"[A-Za-z]{2}", text)}
        # Values the API sends as words (a ball speed, a status): shown raw, they are English.
        self.exact |= {word for word in API_WORDS if word not in same}
        self.patterns = []
        for text in self.exact:
            if "{" not in text:
                continue
            literal = re.sub(r"\{\w+\}", " ", text)
            if len(re.findall(r"[A-Za-z]{3,}", literal)) < 2:
                continue  # "{name} · bye": too little fixed text to tell English by
            parts = re.split(r"\{\w+\}", text)
            self.patterns.append(re.compile("^" + ".+?".join(re.escape(part.strip()) if i in (0, len(parts) - 1) else re.escape(part) for i, part in enumerate(parts)) + "$", re.S))
        self.keys = set(english)

    def problems(self, page_texts, allowed=()):
        found = []
        # A line made of parts ("Online · 1 of 8 players · casual") is checked part by part too.
        pieces = [piece.strip() for text in page_texts for piece in [text, *re.split(r" · |: ", text)] if piece.strip()]
        for text in pieces:
            if text in allowed:
                continue
            if text in self.keys:
                found.append(f"raw key {text!r}")
            elif text in self.exact or any(pattern.match(text) for pattern in self.patterns):
                found.append(f"English {text!r}")
            elif len([word for word in re.findall(r"[A-Za-z']+", text.lower()) if word in ENGLISH_WORDS]) >= 3:
                found.append(f"English-looking {text!r}")
        return sorted(set(found))


def assert_in_language(page, name, allowed=()):
    """The screen is in the chosen language: no raw key, no English catalogue text."""
    language = page.evaluate("document.documentElement.lang")
    if language == "en":
        return
    problems = detector(language).problems(page.evaluate(PAGE_TEXTS), allowed)
    assert not problems, f"{name} in {language}: " + "; ".join(problems)
    # Right to left, nothing may stick out on either side (`screenshot` checks the phone width too).
    if page.evaluate("document.documentElement.dir") == "rtl":
        wide = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert wide[0] <= wide[1] + 1, f"{name} in {language}: {wide[0]} px of content in a {wide[1]}-px window"


@functools.lru_cache(maxsize=None)
def detector(language):
    return EnglishDetector(language)
