"""Undo and redo of the last registrations: saves, corrections, deletions, status changes.

Every write transaction notes the registration rows it creates or touches, with their
content before and after (`WriteTransaction` does this on `add`, `insert` and `touch`). When
such a transaction commits, the whole of it becomes one step on the undo stack. Undoing a
step writes the earlier content back — a new row is tombstoned, a deleted one brought back
— through the same write path as every other change, so it gets a new change counter, this
laptop's device id and the next change sequence: it travels to the central department like
any other correction. Redo writes the later content again.

A step is refused (and dropped) when one of its rows changed since, for example by an
import: undo never overwrites someone else's newer version. Evaluation answers, staff and
the catalogue are never part of a step (a parent's answer is not for staff to take back).
The stacks live in memory only: nothing about the order of changes is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_

# Rows of these tables make an undoable step; any other row in a transaction makes it not.
UNDOABLE = frozenset({"group_series", "meeting", "open_meeting", "advice_talk",
                      "digital_use", "research_count"})
# Columns that say who changed a row and when, not what it holds.
META = frozenset({"id", "device_id", "version", "local_seq", "created_at", "updated_at"})
# A transaction writing more rows than this (the demo year, say) is not a step.
MAX_ROWS = 50
# How many steps are kept.
DEPTH = 50


class NothingToUndoError(UserError):
    msgid = N_("There is nothing to undo.")


class NothingToRedoError(UserError):
    msgid = N_("There is nothing to redo.")


class ChangedSinceError(UserError):
    msgid = N_("This cannot be undone: the registration was changed since (perhaps by an "
               "import). Nothing was changed.")


@dataclass(frozen=True)
class RowStep:
    """One row's content before and after a step (`before` None: the step created it)."""

    table: str
    row_id: str
    before: dict[str, Any] | None
    after: dict[str, Any]
    version: int  # the row's change counter once the step (or its undo/redo) was written
    series_id: str | None = None  # meetings and research counts: their series


@dataclass(frozen=True)
class Step:
    """One committed transaction's registration changes."""

    rows: tuple[RowStep, ...]

    @property
    def kind(self) -> str:
        """The kind of the main row (the first one written)."""
        return self.rows[0].table

    @property
    def action(self) -> str:
        """created, deleted, restored or updated — of the main row."""
        first = self.rows[0]
        if first.before is None:
            return "created"
        if first.after.get("deleted") and not first.before.get("deleted"):
            return "deleted"
        if first.before.get("deleted") and not first.after.get("deleted"):
            return "restored"
        return "updated"

    def ids(self) -> tuple[str, ...]:
        """Ids for the Change: every row, and the series of a meeting (views refresh it)."""
        out: list[str] = []
        for row in self.rows:
            for value in (row.row_id, row.series_id):
                if value and value not in out:
                    out.append(value)
        return tuple(out)


class History:
    """The undo and redo stacks of one Store (thread-safe; in memory only)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._replaying = threading.local()
        self.listeners: list[Callable[[], None]] = []

    # --- recording -----------------------------------------------------------------------
    @property
    def replaying(self) -> bool:
        return bool(getattr(self._replaying, "on", False))

    @contextmanager
    def replay(self) -> Iterator[None]:
        """Writes inside are an undo or redo: not recorded as a new step."""
        self._replaying.on = True
        try:
            yield
        finally:
            self._replaying.on = False

    def record(self, step: Step) -> None:
        """A new change committed: it can be undone; what was undone can no longer be redone."""
        with self._lock:
            self._undo.append(step)
            del self._undo[:-DEPTH]
            self._redo.clear()
        self._notify()

    def clear(self) -> None:
        with self._lock:
            self._undo.clear()
            self._redo.clear()
        self._notify()

    # --- reading -------------------------------------------------------------------------
    def can_undo(self) -> bool:
        with self._lock:
            return bool(self._undo)

    def can_redo(self) -> bool:
        with self._lock:
            return bool(self._redo)

    def next_undo(self) -> Step | None:
        with self._lock:
            return self._undo[-1] if self._undo else None

    def next_redo(self) -> Step | None:
        with self._lock:
            return self._redo[-1] if self._redo else None

    # --- moving between the stacks ---------------------------------------------------------
    def take(self, undo: bool) -> Step:
        """The step to undo (or redo), removed from its stack."""
        with self._lock:
            stack = self._undo if undo else self._redo
            if not stack:
                raise NothingToUndoError() if undo else NothingToRedoError()
            return stack.pop()

    def put(self, step: Step, undone: bool) -> None:
        """A step written back: an undone one can be redone, a redone one undone."""
        with self._lock:
            (self._redo if undone else self._undo).append(step)
        self._notify()

    def dropped(self) -> None:
        """A step could not be replayed (changed since): it is gone."""
        self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener()


def replayed(step: Step, versions: dict[tuple[str, str], int]) -> Step:
    """The step with each row's new change counter after an undo or redo."""
    return Step(tuple(replace(r, version=versions[(r.table, r.row_id)]) for r in step.rows))
