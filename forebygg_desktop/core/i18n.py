"""All translation and locale formatting goes through this module.

Messages are English msgids translated at call time (never at import time: module-level
constants use `N_` and are translated where they are shown). Swedish is the default
interface language. Dates, numbers and quarters use Babel's CLDR data; Babel is imported
on first use, so the first window can show before it is loaded (see `core/glance.py`).

Digit policy: every language, Arabic included, shows Western (Latin) digits 0-9, in
widgets and in reports alike, so figures read the same in every copy of a report.
"""

from __future__ import annotations

import gettext
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from forebygg_desktop.core.paths import translations_dir

if TYPE_CHECKING:  # Babel is imported where it is used, not at start
    from babel import Locale

DOMAIN = "messages"
DEFAULT_LANGUAGE = "sv"
# Interface languages in the order they are offered.
UI_LANGUAGES: tuple[str, ...] = ("sv", "en", "ar", "so")
# Developer pseudo-language: long, bracketed strings that reveal untranslated or clipped text.
PSEUDO_LANGUAGE = "qps"


@dataclass(frozen=True)
class LanguageInfo:
    """How an interface language is shown and laid out."""

    code: str
    autonym: str
    rtl: bool


class _PseudoTranslations(gettext.NullTranslations):
    """Stretches every known message by about 40 % and brackets it, keeping placeholders.

    Only messages the catalogs know are bracketed (the English catalog lists every msgid):
    a message missing from extraction, or looked up in a context the catalogs do not have,
    stays bare, so it shows as untranslated exactly as it would in Swedish.
    """

    def __init__(self, known: set[object] | None = None) -> None:
        super().__init__()
        self._known = known

    def _is_known(self, key: object) -> bool:
        return self._known is None or key in self._known

    _placeholder = re.compile(r"(\{[^}]*\}|%\([^)]*\)[sd]|%[sd]|&(?=\w))")
    _accents = str.maketrans("aeiouAEIOUcnyCNY", "áéîõüÅÉÎÕÜçñýÇÑÝ")

    def _stretch(self, message: str) -> str:
        parts = self._placeholder.split(message)
        out = [p if self._placeholder.fullmatch(p) else p.translate(self._accents) for p in parts]
        text = "".join(out)
        padding = "·" * max(2, len(message) * 2 // 5)
        return f"[{text}{padding}]"

    def gettext(self, message: str) -> str:
        return self._stretch(message) if self._is_known(message) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        message = msgid1 if n == 1 else msgid2
        return self._stretch(message) if self._is_known((msgid1, 0)) else message

    def pgettext(self, context: str, message: str) -> str:
        known = self._is_known(f"{context}\x04{message}")
        return self._stretch(message) if known else message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        message = msgid1 if n == 1 else msgid2
        known = self._is_known((f"{context}\x04{msgid1}", 0))
        return self._stretch(message) if known else message


class _State:
    lock = threading.Lock()
    language: str = DEFAULT_LANGUAGE
    translations: gettext.NullTranslations = gettext.NullTranslations()
    listeners: list[Callable[[str], None]] = []


def _known_messages() -> set[object] | None:
    """Every msgid key of the compiled English catalog (None if it is not compiled)."""
    english = gettext.translation(DOMAIN, localedir=str(translations_dir()), languages=["en"],
                                  fallback=True)
    catalog = getattr(english, "_catalog", None)
    return set(catalog) if isinstance(catalog, dict) else None


def translations_for(language: str) -> gettext.NullTranslations:
    """The catalog of one language (or the pseudo-language), e.g. for a report's texts."""
    if language == PSEUDO_LANGUAGE:
        return _PseudoTranslations(_known_messages())
    return gettext.translation(DOMAIN, localedir=str(translations_dir()), languages=[language],
                               fallback=True)


def set_language(language: str) -> None:
    """Switch the interface language for every later call of `_` and the formatters."""
    if language not in UI_LANGUAGES and language != PSEUDO_LANGUAGE:
        raise ValueError(f"unsupported interface language: {language}")
    translations = translations_for(language)
    with _State.lock:
        _State.language = language
        _State.translations = translations
    for listener in list(_State.listeners):
        listener(language)


def current_language() -> str:
    """The code of the interface language in use."""
    return _State.language


def add_language_listener(listener: Callable[[str], None]) -> None:
    """Call `listener(code)` after every language switch (the GUI retranslates there)."""
    _State.listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    """Stop calling a listener added with `add_language_listener`."""
    if listener in _State.listeners:
        _State.listeners.remove(listener)


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _State.translations.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it (translate where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form the current language uses for `n`."""
    return _State.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` in `context`, where one English word means two things."""
    return _State.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """Plural-aware `pgettext`."""
    return _State.translations.npgettext(context, singular, plural, n)


def localized(names: Mapping[str, str], language: str | None = None) -> str:
    """A catalogue label in `language`, else Swedish, else English, else any.

    `language` defaults to the interface language.
    """
    language = language or current_language()
    for code in (language, "sv", "en"):
        if names.get(code):
            return names[code]
    return next(iter(names.values()), "")


def _babel_code(language: str) -> str:
    return "en" if language == PSEUDO_LANGUAGE else language


@cache
def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of `language` (default: the current interface language)."""
    from babel import Locale

    return Locale.parse(_babel_code(language or current_language()))


def is_rtl(language: str | None = None) -> bool:
    """Right-to-left is a property of the language, read from CLDR, never guessed."""
    return bool(babel_locale(language or current_language()).character_order == "right-to-left")


def language_info(code: str) -> LanguageInfo:
    """Autonym and direction of an interface language."""
    locale = babel_locale(code)
    autonym = locale.get_display_name(locale) or code
    return LanguageInfo(code=code, autonym=autonym[:1].upper() + autonym[1:], rtl=is_rtl(code))


def _latn(language: str | None) -> Locale:
    return babel_locale(language or current_language())


def format_date(value: date, format: str = "medium", language: str | None = None) -> str:
    """A date in the current language's CLDR format (Latin digits)."""
    from babel.dates import format_date as _babel_format_date

    return str(_babel_format_date(value, format=format, locale=_latn(language)))


def format_number(value: float | int, language: str | None = None) -> str:
    """A number with the language's grouping and decimal signs (Latin digits)."""
    from babel.numbers import format_decimal as _babel_format_decimal

    return str(_babel_format_decimal(value, locale=_latn(language), numbering_system="latn"))


def format_percent(value: float, language: str | None = None) -> str:
    """A share (0.25 → 25 %) in the language's percent format (Latin digits)."""
    from babel.numbers import format_percent as _babel_format_percent

    return str(_babel_format_percent(value, locale=_latn(language), numbering_system="latn"))


def format_quarter(year: int, quarter: int, language: str | None = None) -> str:
    """A quarter as CLDR names it, e.g. "1:a kvartalet 2026", "Rubaca 1aad 2026"."""
    from babel.dates import format_date as _babel_format_date

    first_day = date(year, 3 * (quarter - 1) + 1, 1)
    return str(_babel_format_date(first_day, format="QQQQ y", locale=_latn(language)))


def date_pattern(language: str | None = None) -> str:
    """The CLDR short date pattern, e.g. for a date editor's display format."""
    pattern = _latn(language).date_formats["short"].pattern
    return str(pattern)
