"""What an import says about one file: what it holds and does, or why it is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.exchange.breakdown import KindCounts
from forebygg_desktop.core.exchange.merge import TypeCounts
from forebygg_desktop.core.exchange.reader import Rejected
from forebygg_desktop.core.exchange.seal import Signer


@dataclass
class FileReport:
    """One file's dry run or import: what it holds and what it does (or why it is refused)."""

    path: Path
    manifest: dict[str, Any] | None = None
    counts: dict[str, TypeCounts] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    conflicts: int = 0
    error: UserError | None = None
    already_imported_at: datetime | None = None
    committed: bool = False
    # The key that signed the file (None: an unsigned version-1 file, or unreadable);
    # for a laptop not yet enrolled, what a person accepts with `exchange.enrol(signer)`.
    signer: Signer | None = None
    unsigned: bool = False
    held: int = 0  # rows held for approval: they would change a closed quarter
    # Per record kind: new, changed, unchanged, deleted, conflicts, rejected (breakdown.py).
    breakdown: dict[str, KindCounts] = field(default_factory=dict)

    def total(self, category: str) -> int:
        return sum(getattr(c, category) for c in self.counts.values())

    @property
    def ok(self) -> bool:
        return self.error is None
