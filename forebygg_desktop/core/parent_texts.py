"""Every text a parent reads, by language, with its review status.

Parents read the questionnaires (latest version of each), the kiosk's texts around them and
the information sheets. Those texts carry promises ("nobody can know who answered"), so each
language version says whether a native speaker who knows the work has checked it
("reviewed") or not ("draft": not yet reviewed by a native speaker). Sheets keep their status
in `materials/index.json`; questionnaires and kiosk texts in `resources/review.json`.

Used by the word checks (`tests/core/test_words.py`) and the review-status report
(`python -m forebygg_desktop.devtools.review_status`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.kiosk_texts import all_texts as kiosk_texts
from forebygg_desktop.core.materials import load_library
from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.core.questionnaires import Questionnaire, latest, load_questionnaires

REVIEWED, DRAFT = "reviewed", "draft"
# TRANSLATORS: the status of a text for parents that no native speaker has checked yet.
NOT_REVIEWED = N_("not yet reviewed by a native speaker")


@dataclass(frozen=True)
class ParentText:
    """One piece of text a parent reads: where it is, its language, its words, its status."""

    kind: str  # "questionnaire", "kiosk", "sheet"
    source: str  # "group v2 intro", "kiosk start", "general-social-services"
    language: str
    text: str
    review: str

    @property
    def reviewed(self) -> bool:
        return self.review == REVIEWED


@cache
def review_file() -> dict[str, Any]:
    path = resources_dir() / "review.json"
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


def questionnaire_review(code: str, version: int, language: str) -> str:
    """The review status of one language of a questionnaire version (draft if not listed)."""
    entry = review_file()["questionnaires"].get(code, {})
    if entry.get("version") != version:
        return DRAFT
    return str(entry.get(language, DRAFT))


def kiosk_review(language: str) -> str:
    return str(review_file()["kiosk"].get(language, DRAFT))


def latest_questionnaires(folder: Path | None = None) -> list[Questionnaire]:
    """The newest shipped version of each questionnaire (older ones are published history)."""
    shipped = load_questionnaires(folder or resources_dir() / "questionnaires")
    return [latest(shipped, code) for code in sorted({q.code for q in shipped})]


def _questionnaire_texts(q: Questionnaire) -> Iterator[ParentText]:
    for lang in q.languages:
        review = questionnaire_review(q.code, q.version, lang)
        name = f"{q.code} v{q.version}"
        yield ParentText("questionnaire", f"{name} title", lang, q.title(lang), review)
        yield ParentText("questionnaire", f"{name} intro", lang, q.intro(lang), review)
        yield ParentText("questionnaire", f"{name} thanks", lang, q.thanks(lang), review)
        for item in q.items:
            yield ParentText("questionnaire", f"{name} {item.code}", lang, item.texts[lang],
                             review)
        for kind in q.scales:
            yield ParentText("questionnaire", f"{name} scale {kind}", lang,
                             " / ".join(q.scale_labels(kind, lang)), review)


def parent_texts() -> Iterator[ParentText]:
    """Every text parents read, in every language it exists in."""
    for questionnaire in latest_questionnaires():
        yield from _questionnaire_texts(questionnaire)
    for key, by_language in kiosk_texts().items():
        for lang, text in by_language.items():
            yield ParentText("kiosk", f"kiosk {key}", lang, text, kiosk_review(lang))
    root = resources_dir() / "materials"
    library = load_library(root)
    for sheet in library.sheets:
        for translation in sheet.translations:
            body = (root / translation.file).read_text(encoding="utf-8")
            yield ParentText("sheet", sheet.id, translation.language,
                             f"{translation.title}\n{body}", translation.review)


def source_texts(kind: str, source: str) -> dict[str, str]:
    """One text in all its languages (e.g. to compare a translation with the English)."""
    return {t.language: t.text for t in parent_texts() if t.kind == kind and t.source == source}
