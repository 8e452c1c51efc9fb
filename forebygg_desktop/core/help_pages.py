"""The user guide shipped with the program: one short HTML page per area and language.

`resources/help/<language>/<area>.html`, in Swedish, easy Swedish (`sv-x-easy`), English,
Arabic and Somali. A page carries `<meta name="review" content="draft">` until a native
speaker has checked it, and says so in its first lines. F1 opens the page of the area
on screen, in the interface language; the help window offers the other languages too.
"""

from __future__ import annotations

import re
from pathlib import Path

from forebygg_desktop.core.paths import resources_dir

EASY_SWEDISH = "sv-x-easy"
HELP_LANGUAGES: tuple[str, ...] = ("sv", EASY_SWEDISH, "en", "ar", "so")
# Each language's own name, shown in the help window's language list.
AUTONYMS = {"sv": "Svenska", EASY_SWEDISH: "Lättläst svenska", "en": "English",
            "ar": "العربية", "so": "Soomaali"}
RTL_LANGUAGES = frozenset({"ar"})
_REVIEW = re.compile(r'<meta\s+name="review"\s+content="([a-z]+)"', re.IGNORECASE)


def help_dir() -> Path:
    return resources_dir() / "help"


def page_path(area: str, language: str) -> Path | None:
    """The help page of `area` in `language`, falling back to Swedish, then English."""
    for candidate in dict.fromkeys((language, language.split("-")[0], "sv", "en")):
        path = help_dir() / candidate / f"{area}.html"
        if path.is_file():
            return path
    return None


def page_language(path: Path) -> str:
    """The language folder a page came from."""
    return path.parent.name


def read_page(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def is_reviewed(html: str) -> bool:
    """Whether a native speaker has checked the page (`review` meta says `reviewed`)."""
    match = _REVIEW.search(html)
    return match is not None and match.group(1) == "reviewed"
