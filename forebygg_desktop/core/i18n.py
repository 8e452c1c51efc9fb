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
from collections.abc import Callable, Iterable, Mapping
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


def NC_(context: str, message: str) -> str:
    """Mark `message` in `context` for extraction, for module-level code lists.

    Returns gettext's own key for a message in a context ("context\\x04message"):
    `_()` looks it up as it is, `label_of` shows it in the current language.
    """
    return f"{context}\x04{message}"


def label_of(marked: str, translations: gettext.NullTranslations | None = None) -> str:
    """The translation of a message marked with `N_` or `NC_` (a context is honoured)."""
    source = translations or _State.translations
    context, separator, message = marked.partition("\x04")
    return source.pgettext(context, message) if separator else source.gettext(marked)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form the current language uses for `n`."""
    return _State.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` in `context`, where one English word means two things."""
    return _State.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """Plural-aware `pgettext`."""
    return _State.translations.npgettext(context, singular, plural, n)


def separated(items: Iterable[str],
              translate: Callable[[str, str], str] | None = None) -> str:
    """Items listed in running text with the language's separator ("A, B, C"; Arabic uses
    "،"). `translate` is a `pgettext` of another language's texts (a report's)."""
    if translate is None:
        # TRANSLATORS: between the items of a list ("60 group series, 272 meetings").
        separator = pgettext("list separator", ", ")
    else:
        separator = translate("list separator", ", ")
    return separator.join(items)


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
    """Autonym and direction of an interface language.

    The autonym keeps its own language's capitalisation (CLDR): "svenska" is written in lower
    case like every Swedish language name, "English", "العربية" and "Soomaali" as they are.
    """
    locale = babel_locale(code)
    autonym = locale.get_display_name(locale) or code
    return LanguageInfo(code=code, autonym=autonym, rtl=is_rtl(code))


def language_name(code: str, language: str | None = None) -> str:
    """The name of language `code` in `language` (default: the interface language), from
    CLDR and with that language's capitalisation ("arabiska" in Swedish, "Arabic")."""
    base = code.split("-")[0]
    name = babel_locale(language or current_language()).languages.get(base)
    return str(name) if name else code


def _latn(language: str | None) -> Locale:
    return babel_locale(language or current_language())


# Every date the program shows is unambiguous: ISO (2027-01-02) where a date stands alone in a
# table or an editor, CLDR's medium or long form (month name or day-month order of the
# language, always a four-digit year) in sentences. CLDR's short forms are never used: the
# English one is the US "1/2/27", the Somali one "02/01/27".
ISO_DATE = "iso"
DATE_STYLES = (ISO_DATE, "medium", "long")


def format_date(value: date, format: str = "medium", language: str | None = None) -> str:
    """A date in the current language (Latin digits, four-digit year).

    `format` is "medium" (CLDR: "2 jan. 2027", "Jan 2, 2027", "02‏/01‏/2027",
    "02-Jan-2027"), "long", or "iso"/"short" (2027-01-02 in every language).
    """
    if format in (ISO_DATE, "short"):
        return value.isoformat()[:10]
    if format not in DATE_STYLES:
        raise ValueError(f"unknown date style: {format}")
    from babel.dates import format_date as _babel_format_date

    text = str(_babel_format_date(value, format=format, locale=_latn(language)))
    if str(value.year) not in text:  # never a two-digit year, whatever CLDR says
        return value.isoformat()[:10]
    return text


def format_number(value: float | int, language: str | None = None) -> str:
    """A number with the language's grouping and decimal signs (Latin digits); never "-0"."""
    from babel.numbers import format_decimal as _babel_format_decimal

    text = str(_babel_format_decimal(value, locale=_latn(language), numbering_system="latn"))
    return _no_negative_zero(text)


def _no_negative_zero(text: str) -> str:
    """"-0", "-0 %", "−0,0" (a value that rounds to zero) without its sign."""
    if any(d in text for d in "123456789"):
        return text
    return text.translate(_MINUS_AND_MARKS)


_MINUS_AND_MARKS = dict.fromkeys(map(ord, "-\u2212\u200e\u200f\u061c"))


# Shares are shown as whole percentages, on screen and in the workbook alike.
SHARE_DECIMALS = 0


def share_points(value: float) -> int:
    """A share (0.254) as the whole percentage shown for it (25)."""
    return int(round(value * 100 + 0.0, SHARE_DECIMALS))


def format_percent(value: float, language: str | None = None) -> str:
    """A share (0.25 → 25 %) in the language's percent format (Latin digits); never "-0 %"."""
    from babel.numbers import format_percent as _babel_format_percent

    shown = round(value, 2 + SHARE_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = str(_babel_format_percent(shown, locale=_latn(language), numbering_system="latn"))
    return _no_negative_zero(text)


def _signed(magnitude: str, value: float) -> str:
    """A formatted magnitude with the sign of `value`, none when it shows as zero."""
    if not any(d in magnitude for d in "123456789"):
        return magnitude
    return ("+" if value > 0 else "\u2212") + magnitude


def format_signed_number(value: float | int, language: str | None = None) -> str:
    """A change of a count: "+3", "−2" (a real minus sign), "0" (never "-0"); isolated left
    to right so the sign stays before the digits in Arabic too."""
    from forebygg_desktop.core.bidi import isolate_ltr

    return isolate_ltr(_signed(format_number(abs(value), language), value))


def format_points(value: int, language: str | None = None) -> str:
    """A change of a share in percentage points, signed and labelled ("+3 procentenheter",
    "−2 percentage points"); never "%", which would mean a relative change."""
    translations = translations_for(language) if language else _State.translations
    number = format_signed_number(value, language)
    # TRANSLATORS: a change of a share, e.g. "+3 percentage points" (25 % → 28 %).
    return translations.ngettext("{points} percentage point", "{points} percentage points",
                                 abs(value)).format(points=number)


def format_quarter(year: int, quarter: int, language: str | None = None) -> str:
    """A quarter as CLDR names it, e.g. "1:a kvartalet 2026", "Rubaca 1aad 2026"."""
    from babel.dates import format_date as _babel_format_date

    first_day = date(year, 3 * (quarter - 1) + 1, 1)
    return str(_babel_format_date(first_day, format="QQQQ y", locale=_latn(language)))


def date_pattern(language: str | None = None) -> str:
    """The display pattern of date editors: ISO `yyyy-MM-dd` in every language (CLDR's short
    patterns are ambiguous: "M/d/yy" in English, "dd/MM/yy" in Somali)."""
    return "yyyy-MM-dd"
