"""The task runner tells the truth: every target declared or named in a document has a rule."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
RULES = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", MAKEFILE, flags=re.MULTILINE))


def _phony() -> set[str]:
    declared: set[str] = set()
    for line in re.findall(r"^\.PHONY:(.*)$", MAKEFILE, flags=re.MULTILINE):
        declared.update(line.split())
    return declared


def _named_in_docs() -> set[str]:
    names: set[str] = set()
    documents = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]
    for path in documents:
        names.update(re.findall(r"`make ([a-z][a-z0-9_-]*)", path.read_text(encoding="utf-8")))
    return names


def test_every_phony_target_has_a_rule() -> None:
    declared = _phony()
    assert declared, "the Makefile declares no .PHONY targets"
    assert declared - RULES == set()


def test_every_target_the_documents_name_has_a_rule() -> None:
    named = _named_in_docs()
    assert {"run", "test"} <= named, "the README's two commands are not named"
    assert named - RULES == set()
