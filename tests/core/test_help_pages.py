"""The shipped user guide: a page for every area in every help language, honest marks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from forebygg_desktop.core import help_pages

AREAS = ("home", "groups", "open_meetings", "talks", "digital", "evaluations", "materials",
         "reports", "exchange", "settings")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.attrs = {k: v or "" for k, v in attrs}
        if tag not in {"meta", "br"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


def test_the_area_list_matches_the_navigation() -> None:
    from forebygg_desktop.gui.pages import AREA_ORDER

    assert AREA_ORDER == AREAS


@pytest.mark.parametrize("language", help_pages.HELP_LANGUAGES)
@pytest.mark.parametrize("area", AREAS)
def test_every_area_has_a_well_formed_page_in_every_language(area: str, language: str) -> None:
    path = help_pages.page_path(area, language)
    assert path is not None and help_pages.page_language(path) == language
    html = help_pages.read_page(path)
    checker = _Checker()
    checker.feed(html)
    assert checker.problems == [] and checker.stack == []
    assert checker.attrs["lang"] == language
    assert checker.attrs["dir"] == ("rtl" if language in help_pages.RTL_LANGUAGES else "ltr")
    assert f'<meta name="area" content="{area}">' in html
    # Nobody has reviewed these pages yet: each one says so, in its own language.
    assert not help_pages.is_reviewed(html) and 'class="review"' in html
    body = re.sub(r"<[^>]+>", "", html.split("<body>")[1])
    if language == "ar":
        assert len(re.findall(r"[\u0600-\u06ff]", body)) > 0.6 * len(re.sub(r"\W", "", body))
    assert 150 < len(body) < 3000  # short, but not empty


def test_pages_differ_between_languages() -> None:
    for area in AREAS:
        texts = {help_pages.read_page(help_pages.page_path(area, lang))  # type: ignore[arg-type]
                 for lang in help_pages.HELP_LANGUAGES}
        assert len(texts) == len(help_pages.HELP_LANGUAGES)


def test_unknown_language_falls_back_to_swedish() -> None:
    path = help_pages.page_path("groups", "de")
    assert path is not None and help_pages.page_language(path) == "sv"
    assert help_pages.page_path("no-such-area", "sv") is None
