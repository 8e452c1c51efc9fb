"""Formats from CLDR in one place: unambiguous dates, no "-0", changes of shares in points,
and the same figures on the Reports screen as in the workbook."""

from __future__ import annotations

import re
from datetime import date

import pytest

from forebygg_desktop.core import bidi, i18n
from forebygg_desktop.core.reports.sheets import NUMBER_FORMATS, points_format
from forebygg_desktop.core.reports.tables import CHANGE, COUNT, POINTS, SHARE
from forebygg_desktop.core.reports.texts import ReportTexts

LANGUAGES = i18n.UI_LANGUAGES
# Days whose day and month could be mistaken for each other, and a year ending in 0x.
AMBIGUOUS_DAYS = [date(2027, 1, 2), date(2026, 3, 4), date(2009, 12, 11), date(2030, 5, 5)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("style", ["short", "iso", "medium", "long"])
def test_every_date_has_a_four_digit_year(language: str, style: str) -> None:
    for day in AMBIGUOUS_DAYS:
        text = i18n.format_date(day, style, language=language)
        assert str(day.year) in text, (language, style, text)
        assert not re.search(r"(?<!\d)\d{1,2}/\d{1,2}/\d{2}(?!\d)", text), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_dates_are_iso_in_every_language(language: str) -> None:
    """No US "1/2/27", no Somali "02/01/27": a date standing alone is ISO."""
    assert i18n.format_date(date(2027, 1, 2), "short", language=language) == "2027-01-02"
    assert i18n.date_pattern(language) == "yyyy-MM-dd"


@pytest.mark.parametrize(("language", "expected"), [
    ("sv", "2 jan. 2027"), ("en", "Jan 2, 2027"), ("so", "02-Jan-2027"),
    ("ar", "02\u200f/01\u200f/2027")])
def test_medium_dates_follow_cldr_with_the_month_named_or_day_first(language: str,
                                                                   expected: str) -> None:
    assert i18n.format_date(date(2027, 1, 2), language=language) == expected


def test_an_unknown_date_style_is_refused() -> None:
    with pytest.raises(ValueError):
        i18n.format_date(date(2027, 1, 2), "full-of-surprises")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("value", [-0.0, -0.001, -0.004999, -1e-12])
def test_no_negative_zero_percent(language: str, value: float) -> None:
    text = i18n.format_percent(value, language)
    assert "-" not in text and "\u2212" not in text and "0" in text, text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("value", [-0.0, -0.0001, -1e-9])
def test_no_negative_zero_number(language: str, value: float) -> None:
    assert bidi.plain(i18n.format_number(value, language)) == "0"
    assert bidi.plain(i18n.format_signed_number(value, language)) == "0"


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_numbers_carry_a_real_sign_in_a_left_to_right_isolate(language: str) -> None:
    assert i18n.format_signed_number(3, language) == f"{bidi.LRI}{bidi.LRM}+3{bidi.PDI}"
    assert i18n.format_signed_number(-2, language) == f"{bidi.LRI}{bidi.LRM}\u22122{bidi.PDI}"
    assert bidi.plain(i18n.format_signed_number(-1234, language)).startswith("\u22121")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_change_of_a_share_is_labelled_in_points_never_percent(language: str) -> None:
    tx = ReportTexts(language)
    text = tx.cell(3, POINTS)
    assert "%" not in text and tx.points_unit() in text and "+3" in bidi.plain(text)
    sentence = i18n.format_points(-2, language)
    assert "%" not in sentence and "\u22122" in bidi.plain(sentence)
    assert "%" not in points_format(tx.points_unit())


def test_points_are_named_per_language() -> None:
    assert ReportTexts("sv").points_unit() == "p.e."
    assert i18n.format_points(1, "en").endswith("percentage point")
    assert i18n.format_points(3, "sv").endswith("procentenheter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_in_the_workbook_has_the_decimals_of_the_screen(language: str) -> None:
    """25.4 % is "25 %" on screen; the workbook's format shows whole percentages too."""
    assert NUMBER_FORMATS[SHARE] == "0%"
    assert bidi.plain(ReportTexts(language).cell(0.254, SHARE)).replace("\u00a0", "") in (
        "25%", "25 %")
    assert i18n.share_points(0.254) == 25 and i18n.share_points(0.255) in (25, 26)


def test_change_formats_in_the_workbook_are_signed() -> None:
    positive, negative, zero = NUMBER_FORMATS[CHANGE].split(";")
    assert positive.startswith("+") and "\u2212" in negative and zero == "0"
    assert ReportTexts("en").cell(-4, CHANGE) == f"{bidi.LRI}{bidi.LRM}\u22124{bidi.PDI}"
    assert ReportTexts("en").cell(1234, COUNT) == "1,234"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_names_keep_their_own_capitalisation(language: str) -> None:
    autonym = i18n.language_info(language).autonym
    assert autonym == {"sv": "svenska", "en": "English", "ar": "العربية",
                       "so": "Soomaali"}[language]
    # Swedish writes every language name in lower case.
    assert i18n.language_name("ar", "sv") == "arabiska"
    assert i18n.language_name("ar", "en") == "Arabic"
