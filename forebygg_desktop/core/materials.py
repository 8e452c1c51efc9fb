"""The library of information sheets for parents: loading, checking, search and fallback.

The library lives in a folder (shipped under `resources/materials/`, later replaceable by a
configuration package from the central department) with an `index.json` that lists every
sheet and its translations, each with a SHA-256 checksum of the file's bytes. Loading never
stops at the first fault: faults are collected as developer-facing problems, and only the
translations that are present and intact are offered for reading.

No Qt here: the viewer renders the Markdown; this module only finds the right file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.package_paths import resolve_inside

INDEX_FILE = "index.json"
SUPPORTED_FORMAT = 1
SWEDISH = "sv"
EASY_SWEDISH = "sv-x-easy"
LANGUAGES: tuple[str, ...] = (SWEDISH, EASY_SWEDISH, "en", "ar", "so")
TOPICS: tuple[str, ...] = ("program-info", "social-services", "support", "advice-talks")
REVIEW_STATES: tuple[str, ...] = ("draft", "reviewed")
# Markdown is rendered in the program; a PDF is opened in the system's PDF viewer.
FILE_FORMATS: tuple[str, ...] = ("markdown", "pdf")


class MaterialsError(Exception):
    """The materials library cannot be used at all (no index, unreadable index, ...)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedFormatError(MaterialsError):
    """The index was written in a format this program version does not read."""


@dataclass(frozen=True)
class Translation:
    """One language version of a sheet, as listed in the index."""

    language: str
    title: str
    file: str
    format: str
    sha256: str
    review: str


@dataclass(frozen=True)
class Sheet:
    """One information sheet with all its language versions."""

    id: str
    program: str | None
    topic: str
    version: int
    translations: tuple[Translation, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes this sheet is listed in, in index order."""
        return tuple(t.language for t in self.translations)

    def translation(self, language: str) -> Translation | None:
        """The translation in exactly `language`, or None."""
        for translation in self.translations:
            if translation.language == language:
                return translation
        return None


@dataclass(frozen=True)
class ResolvedTranslation:
    """What the viewer shows: the chosen translation and whether it is a substitute."""

    sheet: Sheet
    translation: Translation
    requested_language: str
    path: Path
    is_fallback: bool

    @property
    def language(self) -> str:
        """The language actually shown."""
        return self.translation.language

    def read_text(self) -> str:
        """The Markdown text of the chosen translation."""
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class MaterialLibrary:
    """A loaded library: its sheets, the problems found, and the usable files."""

    root: Path
    package_version: int
    sheets: tuple[Sheet, ...]
    problems: tuple[str, ...]
    # (sheet id, language) pairs whose file exists and matches its checksum.
    usable: frozenset[tuple[str, str]]
    # A merged library (shipped + installed update) reads some sheets from another folder.
    sheet_roots: Mapping[str, Path] = field(default_factory=dict)

    def sheet(self, sheet_id: str) -> Sheet:
        """The sheet with this id; MaterialsError if there is none."""
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise MaterialsError(f"no sheet with id {sheet_id!r}")

    def filter(
        self,
        program: str | None = None,
        language: str | None = None,
        topic: str | None = None,
        text: str | None = None,
    ) -> list[Sheet]:
        """Sheets matching every given criterion, in index order.

        `program` and `topic` match exactly, `language` keeps sheets listed in that
        language, and `text` is a case-insensitive substring of any of the sheet's titles
        (of the `language` title only, when a language is given).
        """
        needle = _fold(text) if text else ""
        result: list[Sheet] = []
        for sheet in self.sheets:
            if program is not None and sheet.program != program:
                continue
            if topic is not None and sheet.topic != topic:
                continue
            translations = sheet.translations
            if language is not None:
                translations = tuple(t for t in translations if t.language == language)
                if not translations:
                    continue
            if needle and not any(needle in _fold(t.title) for t in translations):
                continue
            result.append(sheet)
        return result

    def resolve(self, sheet_id: str, language: str) -> ResolvedTranslation:
        """The best usable translation of a sheet for `language`, never nothing.

        Order: the requested language (then its base language for regional tags such as
        `en-GB`); for easy Swedish next easy Swedish, then Swedish; for every other
        language Swedish, then easy Swedish; last any other usable translation.
        `is_fallback` is True when the text is not in the requested language, so the
        viewer can say so. MaterialsError if the sheet has no usable file at all.
        """
        sheet = self.sheet(sheet_id)
        requested = normalise_language(language)
        candidates = [*fallback_chain(requested), *sheet.languages]
        for candidate in candidates:
            translation = sheet.translation(candidate)
            if translation is None or (sheet.id, candidate) not in self.usable:
                continue
            return ResolvedTranslation(
                sheet=sheet,
                translation=translation,
                requested_language=requested,
                path=self.sheet_roots.get(sheet.id, self.root) / translation.file,
                is_fallback=not _same_language(requested, candidate),
            )
        raise MaterialsError(f"sheet {sheet_id!r} has no readable translation")


def normalise_language(language: str) -> str:
    """A language tag in the index's spelling: lower case, hyphens (`sv_SE` → `sv-se`)."""
    return language.strip().replace("_", "-").lower()


def fallback_chain(language: str) -> list[str]:
    """The languages to try, in order, when `language` is asked for."""
    requested = normalise_language(language)
    chain = [requested]
    if _is_easy_swedish(requested):
        chain += [EASY_SWEDISH, SWEDISH]
    else:
        base = requested.split("-", 1)[0]
        if "-x-" not in requested:
            chain.append(base)
        chain += [SWEDISH, EASY_SWEDISH]
    return [code for i, code in enumerate(chain) if code and code not in chain[:i]]


def load_library(root: Path) -> MaterialLibrary:
    """Read and check `root/index.json` and every file it lists.

    Raises MaterialsError when the index is missing or unreadable, and
    UnsupportedFormatError for an unknown format version. Faults in single sheets or files
    (missing file, checksum mismatch, unknown language, ...) are listed in `problems`;
    such translations are not offered by `resolve`.
    """
    data = _read_index(root)
    package_version = data.get("package_version")
    if not isinstance(package_version, int) or isinstance(package_version, bool):
        raise MaterialsError("index.json: package_version must be an integer")
    raw_sheets = data.get("sheets")
    if not isinstance(raw_sheets, list):
        raise MaterialsError("index.json: sheets must be a list")

    problems: list[str] = []
    sheets: list[Sheet] = []
    usable: set[tuple[str, str]] = set()
    seen_ids: set[str] = set()
    for position, raw in enumerate(raw_sheets):
        sheet = _parse_sheet(raw, position, problems)
        if sheet is None:
            continue
        if sheet.id in seen_ids:
            problems.append(f"sheet {sheet.id}: listed more than once; later entry ignored")
            continue
        seen_ids.add(sheet.id)
        sheets.append(sheet)
        if SWEDISH not in sheet.languages:
            problems.append(f"sheet {sheet.id}: no Swedish (sv) translation")
        for translation in sheet.translations:
            fault = _check_file(root, translation)
            if fault:
                problems.append(f"sheet {sheet.id} [{translation.language}]: {fault}")
            else:
                usable.add((sheet.id, translation.language))
    return MaterialLibrary(
        root=root,
        package_version=package_version,
        sheets=tuple(sheets),
        problems=tuple(problems),
        usable=frozenset(usable),
    )


def verify(root: Path) -> list[str]:
    """Every problem of the library at `root`, empty when all is well."""
    try:
        return list(load_library(root).problems)
    except MaterialsError as error:
        return [error.message]


def refresh_checksums(root: Path) -> list[str]:
    """Rewrite the sha256 values in `root/index.json` from the files on disk.

    For maintainers after editing a sheet. Returns the files whose checksum changed. Raises
    MaterialsError, leaving the index untouched, if a listed file is missing or its path
    is unsafe. Other fields, and their order, are kept.
    """
    data = _read_index(root)
    changed: list[str] = []
    for raw_sheet in data.get("sheets") or []:
        if not isinstance(raw_sheet, dict):
            raise MaterialsError("index.json: a sheet entry is not an object")
        for raw in raw_sheet.get("translations") or []:
            if not isinstance(raw, dict) or not isinstance(raw.get("file"), str):
                raise MaterialsError("index.json: a translation has no file")
            path = _safe_path(root, raw["file"])
            if path is None or not path.is_file():
                raise MaterialsError(f"{raw['file']}: file missing or outside the library")
            digest = file_sha256(path)
            if raw.get("sha256") != digest:
                raw["sha256"] = digest
                changed.append(raw["file"])
    if changed:
        _write_json_atomically(root / INDEX_FILE, data)
    return changed


def file_sha256(path: Path) -> str:
    """Lower-case hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_index(root: Path) -> dict[str, Any]:
    index = root / INDEX_FILE
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise MaterialsError(f"{index}: no materials index") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MaterialsError(f"{index}: cannot be read ({error})") from error
    if not isinstance(data, dict):
        raise MaterialsError(f"{index}: not a JSON object")
    if data.get("format") != SUPPORTED_FORMAT:
        raise UnsupportedFormatError(
            f"{index}: format {data.get('format')!r} is not supported "
            f"(this program reads format {SUPPORTED_FORMAT})"
        )
    return data


def _parse_sheet(raw: object, position: int, problems: list[str]) -> Sheet | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        problems.append(f"sheet #{position + 1}: no id; ignored")
        return None
    sheet_id: str = raw["id"]
    program = raw.get("program")
    topic = raw.get("topic")
    version = raw.get("version")
    raw_translations = raw.get("translations")
    if program is not None and not isinstance(program, str):
        problems.append(f"sheet {sheet_id}: program must be a code or null; ignored")
        return None
    if not isinstance(topic, str) or topic not in TOPICS:
        problems.append(f"sheet {sheet_id}: unknown topic {topic!r}; ignored")
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        problems.append(f"sheet {sheet_id}: version must be an integer; ignored")
        return None
    if not isinstance(raw_translations, list) or not raw_translations:
        problems.append(f"sheet {sheet_id}: no translations; ignored")
        return None
    translations: list[Translation] = []
    for item in raw_translations:
        translation = _parse_translation(sheet_id, item, problems)
        if translation is None:
            continue
        if translation.language in {t.language for t in translations}:
            problems.append(
                f"sheet {sheet_id}: language {translation.language} listed twice; "
                "later entry ignored"
            )
            continue
        translations.append(translation)
    return Sheet(sheet_id, program, topic, version, tuple(translations))


def _parse_translation(sheet_id: str, raw: object, problems: list[str]) -> Translation | None:
    fields = ("language", "title", "file", "format", "sha256", "review")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(f), str) for f in fields):
        problems.append(f"sheet {sheet_id}: a translation lacks one of {', '.join(fields)}")
        return None
    translation = Translation(**{f: raw[f] for f in fields})
    where = f"sheet {sheet_id} [{translation.language}]"
    if translation.language not in LANGUAGES:
        problems.append(f"{where}: unknown language; ignored")
        return None
    if translation.format not in FILE_FORMATS:
        problems.append(f"{where}: unknown file format {translation.format!r}; ignored")
        return None
    if translation.review not in REVIEW_STATES:
        problems.append(f"{where}: unknown review status {translation.review!r}")
    if not translation.title.strip():
        problems.append(f"{where}: empty title")
    return translation


def _check_file(root: Path, translation: Translation) -> str | None:
    path = _safe_path(root, translation.file)
    if path is None:
        return f"unsafe file path {translation.file!r}"
    if not path.is_file():
        return f"file missing: {translation.file}"
    if file_sha256(path) != translation.sha256.lower():
        return f"checksum mismatch: {translation.file}"
    return None


def _safe_path(root: Path, relative: str) -> Path | None:
    """The file inside the library, or None for a path unsafe on Windows or POSIX."""
    return resolve_inside(root, relative)


def _write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    fd, temp_name = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        fsretry.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _is_easy_swedish(language: str) -> bool:
    return language == EASY_SWEDISH or language.startswith(EASY_SWEDISH + "-")


def _same_language(requested: str, shown: str) -> bool:
    # A regional tag (en-gb) is served by its base language without a notice; private-use
    # variants (sv-x-easy) are a different text and always get one.
    return shown == requested or ("-x-" not in requested and shown == requested.split("-")[0])
