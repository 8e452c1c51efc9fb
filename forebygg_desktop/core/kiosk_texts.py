"""Texts around a questionnaire in the parent kiosk, in the parent's chosen language.

They are content like the questionnaires themselves (`resources/kiosk/texts.json`), not
interface messages: the kiosk speaks the language the parent picked, whatever language the
staff interface is in, and easy Swedish (`sv-x-easy`) is no interface language at all.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, cast

from forebygg_desktop.core import i18n
from forebygg_desktop.core.paths import resources_dir

FALLBACK = "en"


@cache
def _texts() -> dict[str, dict[str, str]]:
    path = resources_dir() / "kiosk" / "texts.json"
    data = cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))
    return cast(dict[str, dict[str, str]], data["texts"])


def kiosk_text(key: str, language: str, **params: object) -> str:
    """The kiosk text `key` in `language` (English if that language lacks it)."""
    by_language = _texts()[key]
    text = by_language.get(language) or by_language[FALLBACK]
    return text.format(**params) if params else text


def autonym(language: str) -> str:
    """A questionnaire language's name in its own script ("العربية", "Soomaali")."""
    return _texts()["autonym"].get(language, language)


def all_texts() -> dict[str, dict[str, str]]:
    """Every kiosk text by key and language (for the word checks and review report)."""
    return {key: dict(by_language) for key, by_language in _texts().items()}


def kiosk_languages() -> tuple[str, ...]:
    """Every language the kiosk texts are written in."""
    return tuple(_texts()["autonym"])


def is_rtl(language: str) -> bool:
    """Right-to-left for a questionnaire language tag (`sv-x-easy` reads as Swedish)."""
    return i18n.is_rtl(language.split("-")[0])
