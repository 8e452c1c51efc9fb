"""`store.undo`: take back the last registration changes, and redo them.

The steps are recorded by the write path itself (`core/store/history.py`); this service
writes a step's earlier (or later) content back in one transaction, stamped like any
other change so that it travels in the next export.
"""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.errors import NotFoundError
from forebygg_desktop.core.models import TRAVELLING
from forebygg_desktop.core.store.history import ChangedSinceError, History, Step, replayed
from forebygg_desktop.core.store.unit import Change, UnitOfWork


class UndoService:
    """Undo and redo through the same door as every other change."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def history(self) -> History:
        return self._uow.history

    def can_undo(self) -> bool:
        return self.history.can_undo()

    def can_redo(self) -> bool:
        return self.history.can_redo()

    def next_undo(self) -> Step | None:
        """The step `undo` would take back (its kind and action name it for a menu)."""
        return self.history.next_undo()

    def next_redo(self) -> Step | None:
        return self.history.next_redo()

    def undo(self) -> Change:
        """Take back the latest change; `ChangedSinceError` if a row changed meanwhile."""
        return self._replay(undo=True)

    def redo(self) -> Change:
        """Write the latest undone change again."""
        return self._replay(undo=False)

    def _replay(self, undo: bool) -> Change:
        step = self.history.take(undo)
        try:
            with self.history.replay(), self._uow.write() as tx:
                versions: dict[tuple[str, str], int] = {}
                for row_step in reversed(step.rows) if undo else step.rows:
                    model = TRAVELLING[row_step.table]
                    row: Any = tx.session.get(model, row_step.row_id)
                    if row is None:
                        raise NotFoundError()
                    if row.version != row_step.version:
                        raise ChangedSinceError()
                    target = row_step.before if undo else row_step.after
                    if target is None:  # undoing a creation: a tombstone
                        row.deleted = True
                    else:
                        for name, value in target.items():
                            setattr(row, name, value)
                    tx.touch(row)
                    tx.session.flush()
                    versions[(row_step.table, row_step.row_id)] = row.version
        except (ChangedSinceError, NotFoundError):
            self.history.dropped()
            raise
        except BaseException:
            self.history.put(step, undone=not undo)  # nothing written: back where it was
            raise
        self.history.put(replayed(step, versions), undone=undo)
        return Change(step.kind, "undone" if undo else "redone", step.ids())
