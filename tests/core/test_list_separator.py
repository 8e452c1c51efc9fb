"""Lists in running text take the language's separator: Arabic writes "،", not ",".

Found from outside: the series form's hint read "عادةً 4 لقاءات, 150 دقيقة لكل لقاء" — a
Latin comma inside Arabic, joined in code where no translator could see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.i18n import separated
from forebygg_desktop.core.reports.texts import ReportTexts

PACKAGE = Path(i18n.__file__).resolve().parents[1]


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.mark.parametrize(("code", "expected"), [("sv", "2, 5, 7"), ("en", "2, 5, 7"),
                                                ("so", "2, 5, 7"), ("ar", "2، 5، 7")])
def test_a_list_takes_the_interface_languages_separator(language: None, code: str,
                                                        expected: str) -> None:
    i18n.set_language(code)
    assert separated(["2", "5", "7"]) == expected
    assert separated(iter(["2"])) == "2" and separated([]) == ""


def test_a_reports_list_takes_the_reports_language_not_the_interface_language(
        language: None) -> None:
    i18n.set_language("sv")
    assert separated(["2026K1", "2026K2"], ReportTexts("ar").pgettext) == "2026K1، 2026K2"
    i18n.set_language("ar")
    assert separated(["2026K1", "2026K2"], ReportTexts("sv").pgettext) == "2026K1, 2026K2"


def test_no_list_for_people_to_read_is_joined_with_a_comma_in_code() -> None:
    """The window's and the command line's texts: a list goes through `separated`.
    (SQL and file formats are built in core/, never shown; the self-test speaks English to
    IT staff.)"""
    joined = re.compile(r"""["'], ["']\.join\(""")
    found = [f"{path.relative_to(PACKAGE)}:{number}"
             for folder in ("gui", "commands", "render")
             for path in sorted((PACKAGE / folder).rglob("*.py"))
             if "selftest" not in path.parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if joined.search(line)]
    assert found == []
