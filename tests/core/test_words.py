"""Words parents and staff can trust: one word per concept, no rejected rendering, plurals
for counts, contexts for short messages used in two places, and every parent text marked
with its review status.

The rules live in `translations/terms.json` (concepts and rejected renderings) and
`translations/message-checks.json` (reviewed exceptions); `docs/glossary.md` explains them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from forebygg_desktop.core import parent_texts
from forebygg_desktop.core.i18n import UI_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TRANSLATED = ("sv", "ar", "so")
# A placeholder followed by a word: "{rows} rows", "{count} with an interpreter".
COUNTED = re.compile(r"\{(\w+)\}(?= [^\W\d_])")
# Placeholders that hold counts of things (names, paths, dates and codes do not).
COUNT_NAMES = {"n", "k", "count", "rows", "files", "groups", "open", "attendance",
               "registered", "limit", "low", "high", "total", "visits", "held", "planned",
               "answers", "meetings", "seconds", "days", "minutes", "points"}


@cache
def terms() -> dict:
    return json.loads((TRANSLATIONS / "terms.json").read_text(encoding="utf-8"))


@cache
def checks() -> dict:
    return json.loads((TRANSLATIONS / "message-checks.json").read_text(encoding="utf-8"))


@cache
def catalog(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@cache
def template() -> Catalog:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return read_po(handle)


def _strings(value: object) -> list[str]:
    return list(value) if isinstance(value, tuple) else [str(value)]


def interface_pairs(language: str) -> Iterator[tuple[str, str, str]]:
    """(where, English, translation) for every interface message."""
    for message in catalog(language):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[1]
        for text in _strings(message.string):
            yield f"catalog {language}: {english[:60]!r}", english.replace("&", ""), \
                text.replace("&", "")


def parent_pairs(language: str) -> Iterator[tuple[str, str, str]]:
    """(where, English, translation) for every text parents read."""
    english = {(t.kind, t.source): t.text for t in parent_texts.parent_texts()
               if t.language == "en"}
    for text in parent_texts.parent_texts():
        if text.language == language and (text.kind, text.source) in english:
            yield f"{text.kind} {text.source} ({language})", english[(text.kind, text.source)], \
                text.text


def every_text(language: str) -> Iterator[tuple[str, str]]:
    for where, _english, text in interface_pairs(language):
        yield where, text
    for text in parent_texts.parent_texts():
        if text.language.split("-")[0] == language:
            yield f"{text.kind} {text.source} ({text.language})", text.text


# --- rejected renderings ---------------------------------------------------------------------

def _flags(rule: dict) -> re.RegexFlag:
    return re.NOFLAG if rule.get("case_sensitive") else re.IGNORECASE


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_rejected_rendering_anywhere(language: str) -> None:
    """A rendering the bilingual review rejected appears in no message, questionnaire,
    kiosk text or sheet of that language."""
    rules = terms()["rejected"].get(language, [])
    found = [f"{where}: {rule['pattern']} — {rule['why']}"
             for where, text in every_text(language) for rule in rules
             if re.search(rule["pattern"], text, _flags(rule))]
    assert not found, "\n".join(found)


def test_the_rejected_list_catches_what_the_review_found() -> None:
    """The rules themselves are tested on the wrong wordings of the review."""
    wrong = {"ar": ["عرض على الوالد", "تجاهل", "مجموعة أولياء الأمور",
                    "FÖS – الأبوة والأمومة في السويد"],
             "so": ["Su'aalahan waa qarsoodi", "qaab xashiish (hash) ah", "Iska tuur"],
             "sv": ["Ett möte", "visas på Arabiska"]}
    right = {"ar": ["مجموعة الوالدين", "الأب أو الأم", "دعم الوالدية", "والد الطفل أو والدته",
                    "حذف"],
             "so": ["qofna ma ogaan karo", "loo qarsoodiyay", "Tirtir"],
             "sv": ["En träff", "visas på arabiska", "Arabiska"]}
    for language, texts in wrong.items():
        rules = terms()["rejected"][language]
        for text in texts:
            assert any(re.search(r["pattern"], text, _flags(r)) for r in rules), text
        for text in right[language]:
            assert not any(re.search(r["pattern"], text, _flags(r)) for r in rules), text


# --- one word per concept ---------------------------------------------------------------------

@pytest.mark.parametrize("language", TRANSLATED)
def test_one_word_per_concept_in_interface_questionnaires_kiosk_and_sheets(
        language: str) -> None:
    missing = []
    for concept in terms()["concepts"]:
        accept = concept["accept"].get(language)
        if not accept:
            continue
        for source in (interface_pairs, parent_pairs):
            for where, english, text in source(language):
                if re.search(concept["en"], english, re.IGNORECASE | re.MULTILINE) and \
                        not re.search(accept, text, re.IGNORECASE):
                    missing.append(f"{where}: '{concept['concept']}' should be /{accept}/")
    assert not missing, "\n".join(missing)


def _glossary_rows() -> dict[str, list[str]]:
    rows = {}
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and not set(cells[0]) <= {"-"}:
            rows[cells[0]] = cells
    return rows


def test_the_glossary_names_the_checked_words() -> None:
    """docs/glossary.md and terms.json agree (sv, ar, so columns)."""
    rows = _glossary_rows()
    columns = {"sv": 1, "ar": 2, "so": 3}
    for concept in terms()["concepts"]:
        row = next((cells for english, cells in rows.items()
                    if re.search(concept["en"], english, re.I)), None)
        if row is None:
            continue
        for language, pattern in concept["accept"].items():
            assert re.search(pattern, row[columns[language]], re.I), (concept, row)
    for language, rules in terms()["rejected"].items():
        for cells in rows.values():
            for rule in rules:
                assert not re.search(rule["pattern"], cells[columns[language]], _flags(rule)), \
                    cells


# --- numbers in sentences ---------------------------------------------------------------------

def counted_singulars() -> set[str]:
    """Messages (not plural ones) that put a count before a word: "{rows} rows"."""
    found = set()
    for message in template():
        if message.id and isinstance(message.id, str) and any(
                name in COUNT_NAMES for name in COUNTED.findall(message.id)):
            found.add(message.id)
    return found


def test_counts_in_sentences_use_ngettext() -> None:
    """A count put into a sentence needs plural forms (Arabic has six); the exceptions are
    reviewed one by one in message-checks.json."""
    exempt = {entry["msgid"] for entry in checks()["counts_without_plural"]}
    unexplained = counted_singulars() - exempt
    assert not unexplained, "use ngettext for:\n" + "\n".join(sorted(unexplained))


def test_the_count_lint_flags_the_reviewed_example() -> None:
    assert COUNTED.findall("Exported {rows} rows to {path}.") == ["rows"]
    assert not COUNTED.findall("Participant visits: {visits}")
    assert not {n for n in COUNTED.findall("Delete the series {series} and") if n in COUNT_NAMES}


def test_exemptions_are_still_needed() -> None:
    """An exemption for a message that no longer exists is removed, not kept around."""
    stale = {e["msgid"] for e in checks()["counts_without_plural"]} - counted_singulars()
    assert not stale, stale


# --- short messages used in two places ------------------------------------------------------

def shared_short_msgids() -> set[str]:
    """Messages of one or two words without a context, used in two or more files."""
    found = set()
    for message in template():
        if not message.id or not isinstance(message.id, str) or message.context:
            continue
        words = re.sub(r"[&:….]", "", message.id).split()
        if len(words) <= 2 and len({path for path, _line in message.locations}) >= 2:
            found.add(message.id)
    return found


def test_short_messages_used_in_two_places_have_a_context_or_a_review() -> None:
    """"From" in a report period and "From" in the import dialog are two messages. A short
    message used in several files must carry a context, or be reviewed as meaning the same
    everywhere (message-checks.json)."""
    reviewed = set(checks()["same_meaning_everywhere"])
    unexplained = shared_short_msgids() - reviewed
    assert not unexplained, "add a context (pgettext) or review:\n" + "\n".join(
        sorted(unexplained))


def test_from_has_a_context_per_use() -> None:
    contexts = {m.context for m in template() if m.id == "From"}
    assert "start of a report period" in contexts


# --- review status ----------------------------------------------------------------------------

def test_every_parent_text_has_a_review_status() -> None:
    texts = list(parent_texts.parent_texts())
    assert texts
    for text in texts:
        assert text.review in (parent_texts.REVIEWED, parent_texts.DRAFT), text
    # Nobody has reviewed the Arabic and Somali texts yet: they say so.
    for text in texts:
        if text.language in ("ar", "so"):
            assert not text.reviewed, text.source


def test_every_language_of_the_latest_questionnaires_is_listed() -> None:
    listed = parent_texts.review_file()["questionnaires"]
    for questionnaire in parent_texts.latest_questionnaires():
        entry = listed[questionnaire.code]
        assert entry["version"] == questionnaire.version
        assert set(questionnaire.languages) <= set(entry) - {"version"}


def test_a_newer_version_is_draft_until_reviewed(tmp_path: Path) -> None:
    assert parent_texts.questionnaire_review("group", 99, "sv") == parent_texts.DRAFT


def test_interface_languages_are_all_in_the_catalog_checks() -> None:
    assert set(TRANSLATED) | {"en"} == set(UI_LANGUAGES)


def test_review_status_report_lists_every_language_and_says_what_is_not_reviewed() -> None:
    from forebygg_desktop.devtools.review_status import report

    text = "\n".join(report())
    for language in ("sv", "ar", "so"):
        assert f"  {language} " in text
    assert "not yet reviewed by a native speaker" in text
    assert "sheet         so           0 / 16" in text
