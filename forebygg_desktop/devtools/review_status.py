"""The review-status report: what a native speaker has checked, per language.

    python -m forebygg_desktop.devtools.review_status      (or: make review-status)

Interface catalogs count entries marked `#. reviewed-by: <initials> <date>`; questionnaires,
kiosk texts and information sheets count their language versions by status (reviewed /
draft = not yet reviewed by a native speaker). Exit 0 always: it informs, it does not gate.
"""

from __future__ import annotations

import sys
from collections import Counter

from babel.messages.pofile import read_po

from forebygg_desktop.core.i18n import UI_LANGUAGES
from forebygg_desktop.core.parent_texts import NOT_REVIEWED, parent_texts
from forebygg_desktop.core.paths import translations_dir


def catalog_counts(language: str) -> tuple[int, int]:
    """(reviewed, total) messages of one interface catalog."""
    path = translations_dir() / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages = [m for m in catalog if m.id]
    reviewed = sum(1 for m in messages
                   if any(c.startswith("reviewed-by:") for c in m.auto_comments))
    return reviewed, len(messages)


def report() -> list[str]:
    lines = ["Interface catalogs (messages reviewed / total):"]
    for language in UI_LANGUAGES:
        if language == "en":
            continue  # the English msgids are the source text
        reviewed, total = catalog_counts(language)
        lines.append(f"  {language:10} {reviewed:5} / {total}")
    counts: Counter[tuple[str, str, bool]] = Counter()
    units: dict[tuple[str, str], set[str]] = {}
    for text in parent_texts():
        units.setdefault((text.kind, text.language), set())
        name = text.source.split(" ")[0] if text.kind == "questionnaire" else text.source
        if text.kind == "kiosk":
            name = "kiosk"
        if name not in units[(text.kind, text.language)]:
            units[(text.kind, text.language)].add(name)
            counts[(text.kind, text.language, text.reviewed)] += 1
    lines.append("Texts parents read (versions reviewed / total; the rest are "
                 f"'{NOT_REVIEWED}'):")
    for kind in ("questionnaire", "kiosk", "sheet"):
        languages = sorted({lang for k, lang, _r in counts if k == kind})
        for language in languages:
            done = counts[(kind, language, True)]
            total = done + counts[(kind, language, False)]
            lines.append(f"  {kind:13} {language:10} {done:3} / {total}")
    return lines


def main() -> int:
    print("\n".join(report()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
