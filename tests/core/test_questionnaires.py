"""The shipped evaluation questionnaires and their Qt-free loader."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from forebygg_desktop.core.questionnaires import (
    Questionnaire,
    QuestionnaireError,
    definition_fingerprint,
    fingerprint,
    latest,
    load_questionnaire_file,
    load_questionnaires,
    shipped_folder,
    validate_answers,
)

LANGUAGES = ("sv", "sv-x-easy", "en", "ar", "so")
GROUP_ITEMS = (
    "overall", "learned_use_at_home", "more_secure_parent", "know_where_to_turn",
    "leaders_listened", "would_recommend", "comment",
)


@pytest.fixture(scope="module")
def shipped() -> list[Questionnaire]:
    return load_questionnaires(shipped_folder())


def by_code(questionnaires: list[Questionnaire], code: str) -> Questionnaire:
    return next(q for q in questionnaires if q.code == code)


def group_definition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (shipped_folder() / "group.v1.json").read_text(encoding="utf-8")
    )
    return data


def write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- shipped files ---------------------------------------------------------------------------

def test_shipped_questionnaires_load(shipped: list[Questionnaire]) -> None:
    # Version 2 corrects the Arabic and Somali wording (issue 18); version 1 stays shipped:
    # it is published on laptops and its answers refer to it.
    assert [(q.code, q.version) for q in shipped] == [
        ("fos", 1), ("fos", 2), ("group", 1), ("group", 2), ("open-meeting", 1),
        ("open-meeting", 2)
    ]
    for q in shipped:
        assert q.languages == LANGUAGES
        assert (shipped_folder() / f"{q.code}.v{q.version}.json").is_file()


def test_every_text_exists_in_every_language(shipped: list[Questionnaire]) -> None:
    for q in shipped:
        for lang in LANGUAGES:
            assert q.title(lang).strip() and q.intro(lang).strip() and q.thanks(lang).strip()
            assert len(q.scale_labels("likert5", lang)) == 5
            assert len(q.scale_labels("yes_no", lang)) == 2
            for item in q.items:
                assert set(item.texts) == set(LANGUAGES), (q.code, item.code)
                assert q.text(item.code, lang).strip(), (q.code, item.code, lang)


def _has_arabic(text: str) -> bool:
    return any("ARABIC" in unicodedata.name(ch, "") for ch in text)


def test_arabic_texts_are_arabic_and_others_are_not(shipped: list[Questionnaire]) -> None:
    # Catches a text pasted into the wrong language slot.
    for q in shipped:
        texts = [q.title, q.intro, q.thanks]
        for lang in LANGUAGES:
            values = [t(lang) for t in texts] + [q.text(code, lang) for code in q.item_codes]
            values += list(q.scale_labels("likert5", lang) + q.scale_labels("yes_no", lang))
            for value in values:
                assert _has_arabic(value) == (lang == "ar"), (q.code, lang, value)


def test_scales_run_from_disagree_to_agree(shipped: list[Questionnaire]) -> None:
    for q in shipped:
        assert q.scale_labels("likert5", "sv")[0] == "Instämmer inte alls"
        assert q.scale_labels("likert5", "sv")[4] == "Instämmer helt"
        assert q.scale_labels("yes_no", "en") == ("Yes", "No")


def test_shipped_item_sets(shipped: list[Questionnaire]) -> None:
    group, fos, meeting = (by_code(shipped, c) for c in ("group", "fos", "open-meeting"))
    assert group.item_codes == GROUP_ITEMS
    assert set(GROUP_ITEMS) | {"trust_social_services", "know_support_norrtalje"} == set(
        fos.item_codes
    )
    assert meeting.item_codes == (
        "overall", "useful_for_me", "know_where_to_turn", "would_come_again", "comment"
    )
    assert fos.programs == ("FOS",) and fos.contexts == ("series",)
    assert group.programs is None and group.contexts == ("series",)
    assert meeting.contexts == ("open_meeting",)
    for q in shipped:
        assert all(not item.required for item in q.items)
        assert q.item("comment").type == "free_text"


def test_shared_item_codes_keep_their_type(shipped: list[Questionnaire]) -> None:
    types: dict[str, str] = {}
    for q in shipped:
        for item in q.items:
            assert types.setdefault(item.code, item.type) == item.type, item.code


def test_unknown_language_is_rejected(shipped: list[Questionnaire]) -> None:
    with pytest.raises(QuestionnaireError, match="language 'de'"):
        shipped[0].text("overall", "de")


# --- answers ---------------------------------------------------------------------------------

def test_validate_answers_accepts_and_normalises(shipped: list[Questionnaire]) -> None:
    group = by_code(shipped, "group")
    answers = validate_answers(
        group, {"overall": 5, "learned_use_at_home": 1, "would_recommend": False,
                "comment": "  Bra grupp!\n"},
    )
    assert answers == {
        "overall": 5, "learned_use_at_home": 1, "more_secure_parent": None,
        "know_where_to_turn": None, "leaders_listened": None, "would_recommend": False,
        "comment": "Bra grupp!",
    }
    assert validate_answers(group, {"comment": "   "})["comment"] is None
    assert validate_answers(group, {}) == dict.fromkeys(GROUP_ITEMS)


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("overall", 0),
        ("overall", 6),
        ("overall", -1),
        ("overall", True),
        ("overall", "3"),
        ("overall", 3.0),
        ("would_recommend", 1),
        ("would_recommend", "yes"),
        ("comment", 5),
    ],
)
def test_validate_answers_rejects_bad_values(
    shipped: list[Questionnaire], code: str, value: Any
) -> None:
    with pytest.raises(QuestionnaireError, match=code):
        validate_answers(by_code(shipped, "group"), {code: value})


def test_validate_answers_rejects_unknown_codes(shipped: list[Questionnaire]) -> None:
    # trust_social_services belongs to fos, not to group.
    with pytest.raises(QuestionnaireError, match="unknown item codes"):
        validate_answers(by_code(shipped, "group"), {"overall": 4, "trust_social_services": 4})


def test_required_item_must_be_answered(tmp_path: Path) -> None:
    data = group_definition()
    data["items"][0]["required"] = True
    q = load_questionnaire_file(write(tmp_path, "group.v1.json", data))
    with pytest.raises(QuestionnaireError, match="required item 'overall'"):
        validate_answers(q, {"learned_use_at_home": 3})
    assert validate_answers(q, {"overall": 3})["overall"] == 3


# --- malformed files -------------------------------------------------------------------------

def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _delete(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


def _duplicate_first_item(data: dict[str, Any]) -> None:
    data["items"].append(copy.deepcopy(data["items"][0]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set(("format",), 2), "format must be 1"),
        (_set(("format",), True), "format must be 1"),
        (_delete(("items", 1, "text", "so")), r"missing languages \['so'\]"),
        (_delete(("intro", "ar")), r"intro: missing languages \['ar'\]"),
        (_delete(("scales", "yes_no", "sv-x-easy")), "missing languages"),
        (_set(("scales", "likert5", "en"), ["No", "Maybe", "Yes"]), "expected 5 labels"),
        (_delete(("scales", "yes_no")), "lacks"),
        (_set(("items", 0, "text", "de"), "Insgesamt zufrieden"), "not listed"),
        (_set(("items", 0, "text", "en"), "  "), "non-empty string"),
        (_set(("items", 0, "type"), "likert7"), "unknown item type"),
        (_set(("items", 0, "code"), "Overall"), "snake_case"),
        (_set(("items", 0, "required"), "no"), "required must be"),
        (_set(("items", 0, "hint"), "x"), "unknown keys"),
        (_duplicate_first_item, "duplicate item code 'overall'"),
        (_set(("items",), []), "at least one item"),
        (_set(("context",), ["kiosk"]), "unknown context"),
        (_set(("published",), "1 Nov 2026"), "YYYY-MM-DD"),
        (_set(("version",), 2), "file name does not match"),
        (_set(("code",), "groups"), "file name does not match"),
        (_delete(("thanks",)), "missing keys"),
    ],
)
def test_malformed_file_is_rejected(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = group_definition()
    change(data)
    write(tmp_path, "group.v1.json", data)
    with pytest.raises(QuestionnaireError, match=message):
        load_questionnaires(tmp_path)


def test_second_free_text_item_is_rejected(tmp_path: Path) -> None:
    data = group_definition()
    extra = copy.deepcopy(data["items"][-1])
    extra["code"] = "comment_two"
    data["items"].append(extra)
    write(tmp_path, "group.v1.json", data)
    with pytest.raises(QuestionnaireError, match="at most one free_text item"):
        load_questionnaires(tmp_path)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("group.v1.json", '{"format": 1, "code": "group",', "invalid JSON"),
        ("group.v1.json", '{"format": 1, "format": 1}', "duplicate key 'format'"),
        ("group.v1.json", "[1, 2]", "expected a JSON object"),
        ("group.json", "{}", "file name must be"),
    ],
)
def test_unparsable_file_is_rejected(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=message):
        load_questionnaires(tmp_path)


def test_missing_folder_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="does not exist"):
        load_questionnaires(tmp_path / "nope")


# --- versions and fingerprints ---------------------------------------------------------------

def test_latest_picks_highest_version(tmp_path: Path) -> None:
    data = group_definition()
    write(tmp_path, "group.v1.json", data)
    data["version"] = 2
    write(tmp_path, "group.v2.json", data)
    loaded = load_questionnaires(tmp_path)
    assert latest(loaded, "group").version == 2
    with pytest.raises(QuestionnaireError, match="no questionnaire"):
        latest(loaded, "fos")


def test_fingerprint_ignores_layout_but_not_content(tmp_path: Path) -> None:
    data = group_definition()
    shipped_q = load_questionnaire_file(shipped_folder() / "group.v1.json")
    (tmp_path / "group.v1.json").write_text(
        json.dumps(dict(reversed(data.items())), ensure_ascii=True), encoding="utf-8"
    )
    relaid = load_questionnaire_file(tmp_path / "group.v1.json")
    assert fingerprint(relaid) == fingerprint(shipped_q)
    assert len(fingerprint(shipped_q)) == 64
    assert definition_fingerprint(shipped_q.definition()) == fingerprint(shipped_q)
    assert shipped_q.definition() == data

    data["items"][0]["text"]["sv"] = "Jag är nöjd."
    changed = load_questionnaire_file(write(tmp_path, "group.v1.json", data))
    assert fingerprint(changed) != fingerprint(shipped_q)
    assert changed != shipped_q


def test_questionnaires_are_hashable(shipped: list[Questionnaire]) -> None:
    assert len(set(shipped)) == len(shipped)
    assert len({item for q in shipped for item in q.items}) > 0


def test_module_imports_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None; "
        "import forebygg_desktop.core.questionnaires as m; "
        "print(len(m.load_questionnaires(m.shipped_folder())))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "6"
