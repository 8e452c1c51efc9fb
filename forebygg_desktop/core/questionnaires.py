"""Anonymous evaluation questionnaires: versioned JSON definitions, loaded and checked.

Each questionnaire version is one file, `resources/questionnaires/<code>.v<version>.json`,
with every text in every language it lists (`sv`, `sv-x-easy` for easy Swedish, `en`,
`ar`, `so`). A published version never changes: a change means a new file with the next
version. `fingerprint()` lets the store notice when a stored version's content differs.

Errors here are developer errors (bad data shipped or sent by the central department, or a
caller passing answers the form cannot produce), so `QuestionnaireError` carries a plain
English message and is not translated. No Qt import: this module is part of the core.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, TypeGuard, cast

from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.core.validation import LIKERT_MAX, LIKERT_MIN

FORMAT: Final = 1
FOLDER_NAME: Final = "questionnaires"

ItemType = Literal["likert5", "yes_no", "free_text"]
ScaleKind = Literal["likert5", "yes_no"]
Answer = int | bool | str | None

ITEM_TYPES: Final[frozenset[str]] = frozenset({"likert5", "yes_no", "free_text"})
# Number of labels each answer scale must have in every language.
SCALE_SIZES: Final[Mapping[str, int]] = MappingProxyType({"likert5": 5, "yes_no": 2})
# Where a questionnaire may be used (matches EvaluationResponse.context_type).
CONTEXTS: Final[frozenset[str]] = frozenset({"series", "meeting", "open_meeting"})

_TOP_LEVEL_KEYS: Final = frozenset({
    "format", "code", "version", "published", "context", "programs", "languages",
    "title", "intro", "thanks", "scales", "items",
})
_ITEM_KEYS: Final = frozenset({"code", "type", "required", "text"})
_FILE_NAME = re.compile(r"(?P<code>[^/\\]+)\.v(?P<version>[0-9]+)\.json")
_QUESTIONNAIRE_CODE = re.compile(r"[a-z][a-z0-9-]*")
_ITEM_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class QuestionnaireError(Exception):
    """A questionnaire definition or a set of answers is invalid (developer message)."""


@dataclass(frozen=True)
class Item:
    """One question: its stable code, answer type and text per language."""

    code: str
    type: ItemType
    required: bool
    texts: Mapping[str, str] = field(repr=False)

    def __hash__(self) -> int:
        return hash((self.code, self.type, self.required, tuple(sorted(self.texts.items()))))


@dataclass(frozen=True)
class Questionnaire:
    """One published questionnaire version, checked and read-only.

    Equal versions have equal fingerprints; `definition()` gives back the JSON content,
    e.g. for the store's `questionnaire.definition` column.
    """

    code: str
    version: int
    published: date
    contexts: tuple[str, ...]
    programs: tuple[str, ...] | None
    languages: tuple[str, ...]
    title_texts: Mapping[str, str] = field(repr=False)
    intro_texts: Mapping[str, str] = field(repr=False)
    thanks_texts: Mapping[str, str] = field(repr=False)
    scales: Mapping[str, Mapping[str, tuple[str, ...]]] = field(repr=False)
    items: tuple[Item, ...] = field(repr=False)
    fingerprint: str = field(repr=False)
    canonical_json: str = field(repr=False, compare=False)

    def __hash__(self) -> int:
        return hash((self.code, self.version, self.fingerprint))

    @property
    def item_codes(self) -> tuple[str, ...]:
        """The item codes in display order."""
        return tuple(item.code for item in self.items)

    def item(self, item_code: str) -> Item:
        """The item with this code; `QuestionnaireError` if there is none."""
        for item in self.items:
            if item.code == item_code:
                return item
        raise QuestionnaireError(f"{self._label()}: no item with code {item_code!r}")

    def text(self, item_code: str, lang: str) -> str:
        """The text of one item in one of the questionnaire's languages."""
        return self.item(item_code).texts[self._check_language(lang)]

    def scale_labels(self, kind: str, lang: str) -> tuple[str, ...]:
        """The answer labels of a scale ("likert5": 5 labels, 1 first; "yes_no": yes, no)."""
        labels = self.scales.get(kind)
        if labels is None:
            raise QuestionnaireError(f"{self._label()}: no scale {kind!r}")
        return labels[self._check_language(lang)]

    def title(self, lang: str) -> str:
        """The questionnaire's title in one language."""
        return self.title_texts[self._check_language(lang)]

    def intro(self, lang: str) -> str:
        """The introduction (anonymous, voluntary, no names) in one language."""
        return self.intro_texts[self._check_language(lang)]

    def thanks(self, lang: str) -> str:
        """The thank-you text shown after answering, in one language."""
        return self.thanks_texts[self._check_language(lang)]

    def definition(self) -> dict[str, Any]:
        """A fresh copy of the JSON content this questionnaire was read from."""
        return cast(dict[str, Any], json.loads(self.canonical_json))

    def _check_language(self, lang: str) -> str:
        if lang not in self.languages:
            raise QuestionnaireError(
                f"{self._label()}: language {lang!r} is not one of {list(self.languages)}"
            )
        return lang

    def _label(self) -> str:
        return f"questionnaire {self.code} v{self.version}"


# --- loading --------------------------------------------------------------------------------

def shipped_folder() -> Path:
    """The folder of the questionnaires shipped with the program."""
    return resources_dir() / FOLDER_NAME


def load_questionnaires(folder: Path) -> list[Questionnaire]:
    """Load and check every `<code>.v<version>.json` in `folder`, sorted by code and version.

    Raises `QuestionnaireError` on the first invalid file (a missing folder included).
    """
    if not folder.is_dir():
        raise QuestionnaireError(f"questionnaire folder {folder} does not exist")
    loaded = [load_questionnaire_file(path) for path in sorted(folder.glob("*.json"))]
    return sorted(loaded, key=lambda q: (q.code, q.version))


def load_questionnaire_file(path: Path) -> Questionnaire:
    """Load and check one questionnaire file; its name must match its code and version."""
    match = _FILE_NAME.fullmatch(path.name)
    if match is None:
        raise QuestionnaireError(
            f"{path.name}: file name must be <code>.v<version>.json, e.g. group.v1.json"
        )
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(f"{path.name}: cannot read as UTF-8 text: {exc}") from exc
    try:
        data = json.loads(raw, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise QuestionnaireError(f"{path.name}: invalid JSON: {exc}") from exc
    except _DuplicateKeyError as exc:
        raise QuestionnaireError(f"{path.name}: duplicate key {exc.args[0]!r}") from exc
    questionnaire = questionnaire_from_definition(data, source=path.name)
    if (questionnaire.code, str(questionnaire.version)) != (
        match["code"], match["version"]
    ):
        raise QuestionnaireError(
            f"{path.name}: file name does not match code {questionnaire.code!r} and "
            f"version {questionnaire.version}; expected "
            f"{questionnaire.code}.v{questionnaire.version}.json"
        )
    return questionnaire


def questionnaire_from_definition(
    data: object, *, source: str = "questionnaire"
) -> Questionnaire:
    """Check a parsed definition (a file's JSON, or a stored copy) and build it.

    `source` names the definition in error messages.
    """
    top = _as_dict(data, source)
    # Format first: a newer format may have other keys, and that is the clearer message.
    fmt = top.get("format")
    if not _is_int(fmt) or fmt != FORMAT:
        raise QuestionnaireError(f"{source}: format must be {FORMAT}, not {fmt!r}")
    _check_keys(top, _TOP_LEVEL_KEYS, source)

    code = top["code"]
    if not isinstance(code, str) or not _QUESTIONNAIRE_CODE.fullmatch(code):
        raise QuestionnaireError(
            f"{source}: code must be lowercase letters, digits and '-', not {code!r}"
        )
    version = top["version"]
    if not _is_int(version) or version < 1:
        raise QuestionnaireError(f"{source}: version must be an integer >= 1, not {version!r}")
    where = f"{source} ({code} v{version})"

    published = _parse_date(top["published"], f"{where}: published")
    contexts = _parse_codes(top["context"], f"{where}: context", pattern=None)
    unknown_contexts = sorted(set(contexts) - CONTEXTS)
    if unknown_contexts:
        raise QuestionnaireError(
            f"{where}: unknown context {unknown_contexts}; known: {sorted(CONTEXTS)}"
        )
    programs = (
        None if top["programs"] is None
        else _parse_codes(top["programs"], f"{where}: programs", pattern=None)
    )
    languages = _parse_codes(top["languages"], f"{where}: languages", pattern=_LANGUAGE_TAG)

    titles = _parse_texts(top["title"], languages, f"{where}: title")
    intros = _parse_texts(top["intro"], languages, f"{where}: intro")
    thanks = _parse_texts(top["thanks"], languages, f"{where}: thanks")
    scales = _parse_scales(top["scales"], languages, f"{where}: scales")
    items = _parse_items(top["items"], languages, scales, f"{where}: items")

    canonical = canonical_json(top)
    return Questionnaire(
        code=code,
        version=version,
        published=published,
        contexts=contexts,
        programs=programs,
        languages=languages,
        title_texts=titles,
        intro_texts=intros,
        thanks_texts=thanks,
        scales=scales,
        items=items,
        fingerprint=_sha256(canonical),
        canonical_json=canonical,
    )


# --- using ----------------------------------------------------------------------------------

def latest(questionnaires: Iterable[Questionnaire], code: str) -> Questionnaire:
    """The highest version of the questionnaire `code`; `QuestionnaireError` if none."""
    versions = [q for q in questionnaires if q.code == code]
    if not versions:
        raise QuestionnaireError(f"no questionnaire with code {code!r}")
    return max(versions, key=lambda q: q.version)


def validate_answers(q: Questionnaire, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """Check one parent's answers and return them normalised, one entry per item.

    Likert answers are ints 1-5, yes/no answers bools, free text a str (stripped; empty
    becomes None). An unanswered item is None. Unknown item codes, wrong types, values
    out of range and unanswered required items raise `QuestionnaireError`.
    """
    label = f"answers to questionnaire {q.code} v{q.version}"
    unknown = sorted(set(answers) - set(q.item_codes))
    if unknown:
        raise QuestionnaireError(f"{label}: unknown item codes {unknown}")
    result: dict[str, Answer] = {}
    for item in q.items:
        value = _normalise_answer(item, answers.get(item.code), label)
        if value is None and item.required:
            raise QuestionnaireError(f"{label}: required item {item.code!r} is unanswered")
        result[item.code] = value
    return result


def fingerprint(q: Questionnaire) -> str:
    """SHA-256 (hex) of the canonical JSON of the questionnaire's file content.

    Formatting and key order of the file do not count; any change of content does.
    """
    return q.fingerprint


def definition_fingerprint(definition: Mapping[str, Any]) -> str:
    """The fingerprint of a definition as stored (e.g. the store's `definition` column)."""
    return _sha256(canonical_json(definition))


def canonical_json(definition: Mapping[str, Any]) -> str:
    """Sorted keys, no whitespace, UTF-8 text kept as is: the form that is fingerprinted."""
    return json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --- helpers --------------------------------------------------------------------------------

class _DuplicateKeyError(ValueError):
    pass


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads silently keeps the last of two equal keys: a duplicated "ar" would hide.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_int(value: object) -> TypeGuard[int]:
    # bool is a subclass of int: True must not pass as 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _as_dict(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise QuestionnaireError(f"{where}: expected a JSON object, got {type(value).__name__}")
    return cast(dict[str, object], value)


def _as_list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise QuestionnaireError(f"{where}: expected a JSON list, got {type(value).__name__}")
    return cast(list[object], value)


def _check_keys(data: Mapping[str, object], expected: frozenset[str], where: str) -> None:
    missing = sorted(expected - set(data))
    extra = sorted(set(data) - expected)
    if missing:
        raise QuestionnaireError(f"{where}: missing keys {missing}")
    if extra:
        raise QuestionnaireError(f"{where}: unknown keys {extra}")


def _nonempty_str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def _parse_date(value: object, where: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise QuestionnaireError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise QuestionnaireError(f"{where}: invalid date {value!r}") from exc


def _parse_codes(value: object, where: str, *, pattern: re.Pattern[str] | None) -> tuple[str, ...]:
    entries = _as_list(value, where)
    if not entries:
        raise QuestionnaireError(f"{where}: must not be empty")
    codes = tuple(_nonempty_str(entry, where) for entry in entries)
    if len(set(codes)) != len(codes):
        raise QuestionnaireError(f"{where}: duplicate entries in {list(codes)}")
    if pattern is not None:
        bad = [c for c in codes if not pattern.fullmatch(c)]
        if bad:
            raise QuestionnaireError(f"{where}: malformed entries {bad}")
    return codes


def _check_languages(data: Mapping[str, object], languages: tuple[str, ...], where: str) -> None:
    missing = [lang for lang in languages if lang not in data]
    extra = sorted(set(data) - set(languages))
    if missing:
        raise QuestionnaireError(f"{where}: missing languages {missing}")
    if extra:
        raise QuestionnaireError(f"{where}: languages {extra} are not listed in 'languages'")


def _parse_texts(value: object, languages: tuple[str, ...], where: str) -> Mapping[str, str]:
    data = _as_dict(value, where)
    _check_languages(data, languages, where)
    return MappingProxyType(
        {lang: _nonempty_str(data[lang], f"{where}[{lang}]") for lang in languages}
    )


def _parse_scales(
    value: object, languages: tuple[str, ...], where: str
) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    data = _as_dict(value, where)
    unknown = sorted(set(data) - set(SCALE_SIZES))
    if unknown:
        raise QuestionnaireError(f"{where}: unknown scales {unknown}; known: {sorted(SCALE_SIZES)}")
    scales: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for kind, per_language in data.items():
        size = SCALE_SIZES[kind]
        labels_by_lang = _as_dict(per_language, f"{where}.{kind}")
        _check_languages(labels_by_lang, languages, f"{where}.{kind}")
        parsed: dict[str, tuple[str, ...]] = {}
        for lang in languages:
            at = f"{where}.{kind}[{lang}]"
            labels = _as_list(labels_by_lang[lang], at)
            if len(labels) != size:
                raise QuestionnaireError(f"{at}: expected {size} labels, got {len(labels)}")
            parsed[lang] = tuple(_nonempty_str(label, at) for label in labels)
        scales[kind] = MappingProxyType(parsed)
    return MappingProxyType(scales)


def _parse_items(
    value: object,
    languages: tuple[str, ...],
    scales: Mapping[str, Mapping[str, tuple[str, ...]]],
    where: str,
) -> tuple[Item, ...]:
    entries = _as_list(value, where)
    if not entries:
        raise QuestionnaireError(f"{where}: a questionnaire needs at least one item")
    items: list[Item] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        at = f"{where}[{index}]"
        data = _as_dict(entry, at)
        _check_keys(data, _ITEM_KEYS, at)
        code = data["code"]
        if not isinstance(code, str) or not _ITEM_CODE.fullmatch(code):
            raise QuestionnaireError(f"{at}: item code must be lowercase snake_case, not {code!r}")
        at = f"{where}[{index}] ({code})"
        if code in seen:
            raise QuestionnaireError(f"{at}: duplicate item code {code!r}")
        seen.add(code)
        item_type = data["type"]
        if not isinstance(item_type, str) or item_type not in ITEM_TYPES:
            raise QuestionnaireError(
                f"{at}: unknown item type {item_type!r}; known: {sorted(ITEM_TYPES)}"
            )
        if item_type in SCALE_SIZES and item_type not in scales:
            raise QuestionnaireError(f"{at}: uses scale {item_type!r}, which 'scales' lacks")
        required = data["required"]
        if not isinstance(required, bool):
            raise QuestionnaireError(f"{at}: required must be true or false, not {required!r}")
        texts = _parse_texts(data["text"], languages, f"{at}.text")
        items.append(Item(code, cast(ItemType, item_type), required, texts))
    free_text_items = [item.code for item in items if item.type == "free_text"]
    if len(free_text_items) > 1:
        # A response keeps one free text (reviewed before release), see EvaluationResponse.
        raise QuestionnaireError(f"{where}: at most one free_text item, got {free_text_items}")
    return tuple(items)


def _normalise_answer(item: Item, value: object, label: str) -> Answer:
    if value is None:
        return None
    at = f"{label}: item {item.code!r} ({item.type})"
    if item.type == "likert5":
        if not _is_int(value):
            raise QuestionnaireError(f"{at}: expected an integer 1-5, got {value!r}")
        if not LIKERT_MIN <= value <= LIKERT_MAX:
            raise QuestionnaireError(f"{at}: {value} is outside 1-5")
        return value
    if item.type == "yes_no":
        if not isinstance(value, bool):
            raise QuestionnaireError(f"{at}: expected true or false, got {value!r}")
        return value
    if not isinstance(value, str):
        raise QuestionnaireError(f"{at}: expected text, got {value!r}")
    return value.strip() or None
