"""The front end's catalogues: one file per language, every key in every language with the same
placeholders and the plural forms the language's own rules ask for; every key the code uses exists."""
import json
import re
import subprocess

import pytest

from languages import CLIENT, LANGUAGES, ROOT, catalogue, texts

MODULES = ROOT / "Public" / "js"


def placeholders(message):
    return {name for text in texts(message) for name in re.findall(r"\{(\w+)\}", text)} - {"count"}


def plural_categories(language):
    """The forms `Intl.PluralRules` (the browser's plural rules) picks for counts from 0 to 1,000."""
    script = (f"const rules = new Intl.PluralRules({json.dumps(language)});"
              "console.log(JSON.stringify([...new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))]))")
    return set(json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout))


def test_four_languages_one_file_each_arabic_right_to_left():
    listed = json.loads((CLIENT / "languages.json").read_text())
    assert [language["code"] for language in listed] == ["en", "fr", "es", "ar"]
    assert {language["code"]: language["dir"] for language in listed}["ar"] == "rtl"
    assert sorted(path.stem for path in CLIENT.glob("*.json") if path.stem != "languages") == sorted(LANGUAGES)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_key_is_in_every_language(language):
    english, translated = catalogue("en"), catalogue(language)
    assert set(translated) == set(english), f"missing {sorted(set(english) - set(translated))}, extra {sorted(set(translated) - set(english))}"
    needed = plural_categories(language)
    for key, message in english.items():
        other = translated[key]
        assert isinstance(other, dict) == isinstance(message, dict), f"{key}: plural in one language only"
        assert placeholders(other) == placeholders(message), f"{key}: {placeholders(other)} ≠ {placeholders(message)}"
        assert all(text.strip() for text in texts(other)), f"{key} is empty"
        if isinstance(other, dict):
            assert needed <= set(other), f"{key}: {language} needs the forms {sorted(needed)}, has {sorted(other)}"


def test_a_missing_key_is_caught():
    english = dict(catalogue("en"))
    english.pop("common.play")
    assert set(catalogue("fr")) != set(english)


def test_every_key_the_code_uses_exists():
    english = catalogue("en")
    used, prefixes = set(), set()
    for module in MODULES.rglob("*.js"):
        source = module.read_text()
        used |= set(re.findall(r"\bt(?:Nodes)?\(\s*\"([\w.]+)\"", source))
        prefixes |= set(re.findall(r"\bt\(\s*`([\w.]+)\.\$\{", source))
        # counted(n, "rated game") and noun(n, "win") name plural messages count.ratedGame and noun.win.
        for function, noun in re.findall(r"\b(counted|noun)\([^,()]+(?:\([^()]*\))?,\s*\"([a-z ]+)\"", source):
            key = re.sub(r" (\w)", lambda match: match.group(1).upper(), noun)
            used.add(f"{'count' if function == 'counted' else 'noun'}.{key}")
    assert len(used) > 900, "the scan found the messages"
    missing = sorted(key for key in used if key not in english)
    assert not missing, f"used but not in en.json: {missing}"
    for prefix in prefixes:
        assert any(key.startswith(prefix + ".") for key in english), f"no message starts with {prefix}."
