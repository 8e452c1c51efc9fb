"""Names in the order a reader of the interface language expects (no ICU needed).

`collation_key(text, language)` gives a plain string whose code-point order is the
language's alphabetical order: case and accents are ignored at the first level (é with e,
Arabic vowel marks and hamza seats with their letter), the letters a language adds after
z are placed there (Swedish å, ä, ö — with æ, ø and ü as ä, ö and y, as CLDR's Swedish
collation does), and the text itself breaks ties so equal keys never hide a difference.
The same key sorts a small list in Python and a long one in SQL (see `store/listing.py`).
"""

from __future__ import annotations

import unicodedata

# Letters sorted after z, per language: mapped onto code points just after "z".
_AFTER_Z = {
    "sv": {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"},
}
# Letters that sort as another one (primary level) in a language.
_AS = {
    "sv": {"ü": "y", "w": "v"},
}
_SEPARATOR = "\x00"


def _base(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for matching what a user types."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def collation_key(text: str | None, language: str = "sv") -> str:
    """A key whose plain string order is `language`'s alphabetical order."""
    if not text:
        return ""
    base = _base(language)
    after_z, same_as = _AFTER_Z.get(base, {}), _AS.get(base, {})
    primary: list[str] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        if char in after_z:
            primary.append(after_z[char])
            continue
        char = same_as.get(char, char)
        decomposed = unicodedata.normalize("NFD", char)
        primary.extend(c for c in decomposed if not unicodedata.combining(c))
    # Spaces and punctuation are kept: "ABC 3" before "ABC Tonår", as a reader expects.
    return "".join(primary) + _SEPARATOR + text
