"""The parent-information library: the shipped content and the loader's rules."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from forebygg_desktop.core.materials import (
    EASY_SWEDISH,
    SWEDISH,
    MaterialsError,
    UnsupportedFormatError,
    fallback_chain,
    load_library,
    refresh_checksums,
    verify,
)

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "materials"
ALL_LANGUAGES = {"sv", "sv-x-easy", "en", "ar", "so"}
PROGRAM_CODES = (
    "ABC-3-12", "ABC-TONAR", "ABC-0-2", "FOS", "TRUST", "BIFF", "HANNA-THEO",
    "IKOMET", "FWEB-TONAR", "SES", "CAFE", "LECTURE", "TALK",
)
GENERAL_SHEETS = ("general-social-services", "general-where-to-turn", "general-advice-talks")


# --- the shipped library -------------------------------------------------------------

def test_shipped_library_has_no_problems() -> None:
    assert verify(SHIPPED) == []


def test_shipped_languages_are_the_five_known_ones() -> None:
    library = load_library(SHIPPED)
    used = {t.language for sheet in library.sheets for t in sheet.translations}
    assert used == ALL_LANGUAGES


@pytest.mark.parametrize("code", PROGRAM_CODES)
def test_every_program_has_a_sheet_in_all_five_languages(code: str) -> None:
    library = load_library(SHIPPED)
    sheets = library.filter(program=code)
    assert len(sheets) == 1, code
    sheet = sheets[0]
    assert sheet.topic == "program-info"
    assert set(sheet.languages) == ALL_LANGUAGES
    assert all((sheet.id, lang) in library.usable for lang in ALL_LANGUAGES)


@pytest.mark.parametrize("sheet_id", GENERAL_SHEETS)
def test_every_general_sheet_is_in_all_five_languages(sheet_id: str) -> None:
    library = load_library(SHIPPED)
    sheet = library.sheet(sheet_id)
    assert sheet.program is None
    assert set(sheet.languages) == ALL_LANGUAGES
    assert all((sheet_id, lang) in library.usable for lang in ALL_LANGUAGES)


def test_swedish_is_reviewed_and_titles_match_the_files() -> None:
    library = load_library(SHIPPED)
    for sheet in library.sheets:
        swedish = sheet.translation(SWEDISH)
        assert swedish is not None and swedish.review == "reviewed", sheet.id
        for translation in sheet.translations:
            first_line = (SHIPPED / translation.file).read_text("utf-8").splitlines()[0]
            assert first_line == f"# {translation.title}", translation.file


def _shipped_files() -> list[Path]:
    return sorted((SHIPPED / "sheets").glob("*/*.md"))


@pytest.mark.parametrize("path", _shipped_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_sheet_is_plain_short_markdown_without_contact_details(path: Path) -> None:
    text = path.read_text("utf-8")
    # QTextDocument.setMarkdown: headings, paragraphs and bullets only.
    assert not re.search(r"<[A-Za-z/!]", text), "HTML"
    assert not re.search(r"^\s*\|", text, re.MULTILINE), "table"
    assert "![" not in text and "](" not in text, "image or link"
    # No invented contact details: no URLs, e-mail addresses or phone numbers (112 is fine).
    assert not re.search(r"https?:|www\.|@", text), "URL or e-mail"
    assert not re.search(r"\d[\d \-]{4,}\d", text), "phone-number-like digits"
    words = len(re.findall(r"[^\W_][\w'’\-]*", text))
    assert 120 <= words <= 250, words


# --- filter ------------------------------------------------------------------------

def test_filter_by_program_topic_language_and_title_text() -> None:
    library = load_library(SHIPPED)
    assert [s.id for s in library.filter(program="BIFF")] == ["program-biff"]
    assert [s.id for s in library.filter(topic="support")] == ["general-where-to-turn"]
    assert len(library.filter(topic="program-info")) == len(PROGRAM_CODES)
    assert len(library.filter(language="so")) == len(PROGRAM_CODES) + len(GENERAL_SHEETS)
    # Case-insensitive, over every title; restricted to one language's title when given.
    assert [s.id for s in library.filter(text="FÖRÄLDRACAFÉ")] == ["program-cafe"]
    assert [s.id for s in library.filter(text="parent café")] == ["program-cafe"]
    assert library.filter(text="parent café", language="sv") == []
    assert library.filter(program="BIFF", topic="support") == []
    assert library.filter(program="NO-SUCH") == []


# --- fallback ----------------------------------------------------------------------

def _write_library(root: Path, sheets: dict[str, dict[str, str]], **index: Any) -> None:
    """A small library: {sheet id: {language: markdown}}, checksums computed."""
    entries = []
    for sheet_id, texts in sheets.items():
        translations = []
        for language, text in texts.items():
            relative = f"sheets/{sheet_id}/{language}.md"
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            translations.append({
                "language": language, "title": f"{sheet_id} {language}", "file": relative,
                "format": "markdown", "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "review": "reviewed" if language == SWEDISH else "draft",
            })
        entries.append({"id": sheet_id, "program": None, "topic": "support", "version": 1,
                        "translations": translations})
    data = {"format": 1, "package_version": 1, "sheets": entries, **index}
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.json").write_text(json.dumps(data), encoding="utf-8")


def test_missing_language_falls_back_to_swedish_with_notice(tmp_path: Path) -> None:
    _write_library(tmp_path, {"s": {"sv": "# Svenska\n", "en": "# English\n"}})
    library = load_library(tmp_path)
    assert library.problems == ()

    resolved = library.resolve("s", "ar")
    assert resolved.language == SWEDISH
    assert resolved.is_fallback is True
    assert resolved.requested_language == "ar"
    assert resolved.read_text() == "# Svenska\n"

    exact = library.resolve("s", "en")
    assert (exact.language, exact.is_fallback) == ("en", False)


def test_easy_swedish_prefers_easy_then_swedish(tmp_path: Path) -> None:
    _write_library(tmp_path, {
        "both": {"sv": "# sv\n", "sv-x-easy": "# easy\n"},
        "only-sv": {"sv": "# sv\n"},
        "only-easy": {"sv-x-easy": "# easy\n", "en": "# en\n"},
    })
    library = load_library(tmp_path)
    assert library.resolve("both", "sv-x-easy").is_fallback is False
    only_sv = library.resolve("only-sv", "sv-x-easy")
    assert (only_sv.language, only_sv.is_fallback) == ("sv", True)
    # No Swedish at all: easy Swedish comes next, never a blank page.
    only_easy = library.resolve("only-easy", "so")
    assert (only_easy.language, only_easy.is_fallback) == (EASY_SWEDISH, True)
    # A regional tag is served by its language without a notice.
    regional = library.resolve("only-easy", "en_GB")
    assert (regional.language, regional.is_fallback) == ("en", False)


def test_fallback_chain_order() -> None:
    assert fallback_chain("so") == ["so", "sv", "sv-x-easy"]
    assert fallback_chain("SV_X_EASY") == ["sv-x-easy", "sv"]
    assert fallback_chain("sv-x-easy-a1") == ["sv-x-easy-a1", "sv-x-easy", "sv"]
    assert fallback_chain("ar_SA") == ["ar-sa", "ar", "sv", "sv-x-easy"]
    assert fallback_chain("sv") == ["sv", "sv-x-easy"]


def test_unknown_sheet_is_an_error(tmp_path: Path) -> None:
    _write_library(tmp_path, {"s": {"sv": "# sv\n"}})
    with pytest.raises(MaterialsError, match="no sheet"):
        load_library(tmp_path).resolve("nope", "sv")


# --- damage and bad input ----------------------------------------------------------

def test_tampered_file_is_detected_and_not_shown(tmp_path: Path) -> None:
    root = tmp_path / "materials"
    shutil.copytree(SHIPPED, root)
    tampered = root / "sheets" / "program-fos" / "ar.md"
    tampered.write_text(tampered.read_text("utf-8") + "\nextra\n", encoding="utf-8")

    problems = verify(root)
    assert len(problems) == 1
    assert "checksum mismatch" in problems[0] and "program-fos/ar.md" in problems[0]

    resolved = load_library(root).resolve("program-fos", "ar")
    assert (resolved.language, resolved.is_fallback) == (SWEDISH, True)

    # A maintainer who edited the file on purpose refreshes the checksums.
    assert refresh_checksums(root) == ["sheets/program-fos/ar.md"]
    assert verify(root) == []
    assert refresh_checksums(root) == []


def test_missing_file_unknown_language_and_unsafe_path_are_listed(tmp_path: Path) -> None:
    _write_library(tmp_path, {"s": {"sv": "# sv\n", "en": "# en\n", "de": "# de\n"}})
    (tmp_path / "sheets" / "s" / "en.md").unlink()
    index = json.loads((tmp_path / "index.json").read_text("utf-8"))
    index["sheets"][0]["translations"].append({
        "language": "so", "title": "x", "file": "../outside.md", "format": "markdown",
        "sha256": "0" * 64, "review": "draft",
    })
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")

    library = load_library(tmp_path)
    text = "\n".join(library.problems)
    assert "file missing: sheets/s/en.md" in text
    assert "[de]: unknown language" in text
    assert "unsafe file path" in text
    assert len(library.problems) == 3
    assert library.resolve("s", "en").is_fallback is True
    with pytest.raises(MaterialsError):
        refresh_checksums(tmp_path)


def test_unknown_format_is_a_typed_error(tmp_path: Path) -> None:
    _write_library(tmp_path, {"s": {"sv": "# sv\n"}}, format=2)
    with pytest.raises(UnsupportedFormatError) as caught:
        load_library(tmp_path)
    assert "format 2" in caught.value.message
    assert verify(tmp_path) == [caught.value.message]


def test_missing_or_broken_index_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(MaterialsError, match="no materials index"):
        load_library(tmp_path)
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(MaterialsError, match="cannot be read"):
        load_library(tmp_path)
