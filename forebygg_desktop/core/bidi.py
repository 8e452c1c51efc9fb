"""Bidi by construction: every part put into a composed string is isolated.

A string composed from parts — "2027-01-02 · Norrtälje", "Meeting 3, 2 jan. 2027",
"+3", "ABC · Rimbo · 2 يناير 2027" — is laid out by the Unicode bidi algorithm as one
paragraph. Without isolation, neutral characters between parts (the dot, the comma, the
minus sign, the slashes of a date) take the direction of their neighbours, so in an Arabic
window the date's parts, a sign or a Latin name trade places with the text around them.

Wrapping each part in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069) makes
it one unit that keeps its own inner order and sits in the sentence like a single letter.
Numbers, signed numbers and codes are wrapped LEFT-TO-RIGHT ISOLATE … PDI (U+2066 … U+2069):
they are written left to right in every language (digit policy: Latin digits everywhere).

All composed texts of the program go through `isolate`, `isolate_ltr`, `join` or `compose`.
Texts written to files for other programs (workbook cells, CLI output, export files) use
`plain` to drop the controls again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FSI = "\u2068"  # FIRST STRONG ISOLATE: direction from the part's first strong letter
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE: numbers, signs, codes
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ends an isolate
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
# Every invisible direction control a composed text may carry (isolates, embeddings, marks).
CONTROLS = frozenset("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u061c")
_CONTROLS_RE = re.compile("[" + "".join(sorted(CONTROLS)) + "]")

# The separator between parts of a label ("ABC · Rimbo · 2 jan. 2027").
SEPARATOR = " · "


def _wrapped(text: str, opener: str) -> bool:
    """True when `text` is one isolate from its first to its last character."""
    if len(text) < 2 or text[0] != opener or text[-1] != PDI:
        return False
    depth = 0
    for index, char in enumerate(text):
        if char in (FSI, LRI, RLI):
            depth += 1
        elif char == PDI:
            depth -= 1
            if depth == 0 and index != len(text) - 1:
                return False  # "⁨a⁩ · ⁨b⁩": two isolates side by side, not one
    return depth == 0


def isolate(part: object) -> str:
    """`part` as one isolated unit taking its direction from its first strong letter.

    Empty parts stay empty; isolating twice changes nothing.
    """
    text = str(part)
    if not text or _wrapped(text, FSI) or _wrapped(text, LRI) or _wrapped(text, RLI):
        return text
    return f"{FSI}{text}{PDI}"


def isolate_ltr(part: object) -> str:
    """`part` as one unit written left to right: numbers, signed numbers, codes, ISO dates.

    A LEFT-TO-RIGHT MARK leads inside the isolate: where a renderer ignores isolates, the
    mark alone still keeps a sign before its digits (Unicode's rule W7).
    """
    text = str(part)
    if not text or _wrapped(text, LRI):
        return text
    inner = text[1:-1] if _wrapped(text, FSI) or _wrapped(text, RLI) else text
    return f"{LRI}{LRM}{inner}{PDI}"


def join(parts: Iterable[object], separator: str = SEPARATOR) -> str:
    """Non-empty parts, each isolated, joined by `separator` (a label such as an activity)."""
    return separator.join(isolate(p) for p in parts if p is not None and str(p) != "")


def compose(template: str, /, **parts: object) -> str:
    """A translated template with every placeholder filled by an isolated part.

    `compose(_("Meeting {number}, {date}"), number=3, date=format_date(day))`. Numbers
    (int, float) are isolated left to right, everything else by its first strong letter.
    """
    filled = {key: isolate_ltr(value) if isinstance(value, int | float) and
              not isinstance(value, bool) else isolate(value)
              for key, value in parts.items()}
    return template.format(**filled)


def paragraph(text: str, rtl: bool) -> str:
    """`text` with a leading mark that sets its paragraph direction (RLM or LRM).

    A text made only of isolated parts ("⁨FÖS⁩ · ⁨Rimbo⁩") has no strong letter outside
    its isolates, so a widget that takes the direction from the text (a line edit, the
    editable field of a searchable drop-down) lays it out left to right, flush left, in an
    Arabic window too. The mark makes it a paragraph of the interface's direction.
    """
    if not text or text[0] in (LRM, RLM):
        return text
    return (RLM if rtl else LRM) + text


def plain(text: str) -> str:
    """`text` without any direction control (for files, workbook cells, the terminal)."""
    return _CONTROLS_RE.sub("", text)


def balanced(text: str) -> bool:
    """True when every isolate opened in `text` is closed, in order (a test helper)."""
    depth = 0
    for char in text:
        if char in (FSI, LRI, RLI):
            depth += 1
        elif char == PDI:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
