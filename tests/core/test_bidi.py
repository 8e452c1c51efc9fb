"""Bidi by construction: composed texts keep the order of their parts in every direction.

The visual order is computed with an independent implementation of the Unicode bidi
algorithm (python-bidi, the Rust `unicode-bidi` crate), as a right-to-left paragraph (an
Arabic window) and as a left-to-right one.
"""

from __future__ import annotations

from datetime import date

import pytest
from bidi import get_display
from hypothesis import given
from hypothesis import strategies as st

from forebygg_desktop.core import bidi, i18n

ARABIC_SENTENCE = "النشاط: {activity}"  # "The activity: {activity}"
HEBREW_NAME = "תל אביב"
ARABIC_NAME = "مقهى الوالدين"


def visual(text: str, direction: str) -> str:
    """What the screen shows, left to right, without the invisible controls."""
    return bidi.plain(get_display(text, base_dir=direction))


def test_unisolated_date_is_garbled_in_arabic_and_isolated_one_is_not() -> None:
    """The bug of the issue: "2027-01-02 · Norrtälje" in an Arabic sentence."""
    raw = ARABIC_SENTENCE.format(activity="2027-01-02 · Norrtälje")
    assert "2027-01-02" not in visual(raw, "R")  # the date's parts trade places
    fixed = bidi.compose(ARABIC_SENTENCE, activity=bidi.join(["2027-01-02", "Norrtälje"]))
    shown = visual(fixed, "R")
    # The label of Latin-script parts is one left-to-right unit inside the Arabic sentence.
    assert "2027-01-02 · Norrtälje" in shown
    # Alone in an Arabic list, its parts follow each other right to left, each intact.
    assert visual(bidi.join(["2027-01-02", "Norrtälje"]), "R") == "Norrtälje · 2027-01-02"


@pytest.mark.parametrize("direction", ["R", "L"])
@pytest.mark.parametrize("parts", [
    ["ABC", "Rimbo", "2027-01-02"],
    [ARABIC_NAME, "Norrtälje", "02\u200f/01\u200f/2027"],
    [HEBREW_NAME, "FÖS", "−3"],
    ["Hallstavik", ARABIC_NAME, HEBREW_NAME, "+12 %"],
    ["ABC v1", "2 يناير 2027", "25 %"],
])
def test_every_part_keeps_its_own_inner_order(parts: list[str], direction: str) -> None:
    joined = bidi.join(parts)
    assert bidi.balanced(joined)
    shown = visual(joined, direction)
    for part in parts:
        alone = visual(bidi.isolate(part), "L" if direction == "L" else "R")
        assert alone in shown, (part, shown)
    # The parts follow each other in reading order: left to right in L, right to left in R.
    positions = [shown.index(visual(bidi.isolate(p), direction)) for p in parts]
    assert positions == sorted(positions, reverse=direction == "R")


def test_signed_numbers_keep_the_sign_before_the_digits_in_arabic() -> None:
    for language in i18n.UI_LANGUAGES:
        minus = i18n.format_signed_number(-3, language)
        plus = i18n.format_signed_number(12, language)
        sentence = bidi.compose("التغيير: {a} و {b}", a=minus, b=plus)
        shown = visual(sentence, "R")
        assert "\u22123" in shown and "+12" in shown, (language, shown)


def test_compose_isolates_numbers_left_to_right_and_names_by_their_first_letter() -> None:
    text = bidi.compose("{n} · {name}", n=-2, name=ARABIC_NAME)
    assert text == f"{bidi.LRI}{bidi.LRM}-2{bidi.PDI} · {bidi.FSI}{ARABIC_NAME}{bidi.PDI}"


def test_isolating_twice_changes_nothing_and_empty_parts_vanish() -> None:
    once = bidi.isolate("Rimbo")
    assert bidi.isolate(once) == once
    assert bidi.isolate("") == ""
    assert bidi.join(["", None, "Rimbo", ""]) == once
    ltr = bidi.isolate_ltr("−3")
    assert bidi.isolate_ltr(ltr) == ltr
    assert bidi.isolate_ltr(bidi.isolate("AB")) == f"{bidi.LRI}{bidi.LRM}AB{bidi.PDI}"
    # Two isolates side by side are not one: wrapping them again is needed.
    pair = bidi.isolate("a") + bidi.isolate("b")
    assert bidi.isolate(pair) == f"{bidi.FSI}{pair}{bidi.PDI}"


def test_plain_drops_every_direction_control() -> None:
    text = bidi.compose("{d} · {n}", d=i18n.format_date(date(2027, 1, 2), language="ar"), n=5)
    assert bidi.plain(text) == "02/01/2027 · 5"
    assert not set(bidi.plain(text)) & bidi.CONTROLS


def test_balanced_detects_unclosed_and_stray_isolates() -> None:
    assert bidi.balanced("a" + bidi.isolate("b"))
    assert not bidi.balanced(bidi.FSI + "open")
    assert not bidi.balanced("stray" + bidi.PDI + bidi.FSI)


@given(st.lists(st.text(alphabet=st.sampled_from(
    list("abcÅÄÖ0123456789-+/.:·% ") + list("ابتثجح") + list("אבגד") + ["\u200f"]),
    min_size=1, max_size=12), min_size=1, max_size=5))
def test_any_parts_joined_stay_balanced_and_in_reading_order(parts: list[str]) -> None:
    joined = bidi.join(parts)
    assert bidi.balanced(joined)
    assert bidi.plain(joined) == " · ".join(bidi.plain(p) for p in parts if p)


def test_paragraph_gives_a_text_of_isolated_parts_the_interface_direction() -> None:
    from forebygg_desktop.core.bidi import LRM, RLM, join, paragraph

    label = join(["FÖS", "Rimbo", "2026-11-14"])
    # No strong letter outside the isolates: a line edit would guess left to right.
    assert bidi.plain(label) == "FÖS · Rimbo · 2026-11-14"
    assert paragraph(label, rtl=True) == RLM + label
    assert paragraph(label, rtl=False) == LRM + label
    assert paragraph(paragraph(label, rtl=True), rtl=True) == RLM + label  # once only
    assert paragraph("", rtl=True) == ""


def _arabic_texts() -> list[str]:
    """Every Arabic text the program ships: catalogue names, information sheets (line by
    line) and the interface catalog."""
    import json

    from babel.messages.pofile import read_po

    from forebygg_desktop.core.catalog import default_catalog_path

    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "ar" and isinstance(inner, str):
                    texts.append(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(json.loads(default_catalog_path().read_text(encoding="utf-8")))
    root = default_catalog_path().parents[2]
    for sheet in sorted((root / "resources" / "materials").rglob("ar.md")):
        texts.extend(sheet.read_text(encoding="utf-8").splitlines())
    with open(root / "translations" / "ar" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        for message in read_po(handle):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            texts.extend(s for s in strings if s)
    return texts


def test_no_number_range_turns_around_in_arabic_text() -> None:
    """"3–12" inside Arabic text shows as "12–3": an en dash does not join the numbers
    (say "من 3 إلى 12", or isolate the range)."""
    import re

    turned = []
    for text in _arabic_texts():
        shown = visual(text, "R")
        for match in re.finditer(r"\d+ ?[–—] ?\d+", bidi.plain(text)):
            if match.group() not in shown:
                turned.append(text)
    assert not turned, turned
