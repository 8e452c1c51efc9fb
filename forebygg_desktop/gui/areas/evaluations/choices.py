"""What the evaluation tabs choose from (group series, open meetings): read once, off the
screen's thread, shared by every tab, and shown through a lazy list model.

A central store holds tens of thousands of series. Each tab used to read the whole list on
the screen's thread when the area opened (four times); now one read runs on the reader,
the tabs fill their choosers when it arrives (`ready`), and a chooser's texts are made only
for the rows it draws.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from itertools import accumulate
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox

from forebygg_desktop.core.activity_choices import (
    open_meeting_activities,
    series_activities,
)
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.gui.operations import Operations

Index = QModelIndex | QPersistentModelIndex
_USER = int(Qt.ItemDataRole.UserRole)
_ANSWERED = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.UserRole))
KINDS = ("group_series", "series", "meeting", "open_meeting")


class _Offsets(Sequence[Any]):
    """Items kept end to end, found by the offsets where each starts (`_at` reads one)."""

    _offsets: array[int]
    _length: int

    def _at(self, start: int, end: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, row: Any) -> Any:
        if isinstance(row, slice):
            return [self[index] for index in range(*row.indices(self._length))]
        if row < 0:
            row += self._length
        if not 0 <= row < self._length:
            raise IndexError(row)
        return self._at(self._offsets[row], self._offsets[row + 1])


class Packed(_Offsets):
    """Records kept as one block of bytes (each row pickled, with its offset), made into a
    record again when a row is read (drawn).

    A central store offers about 130,000 entries (series and activities). The cycle
    collector on the screen's thread walks every element of every list or tuple it
    tracks: as records, or as a tuple per field, each new read cost a collection there
    80-300 ms. Bytes and an array of offsets are two objects it does not track at all,
    whatever their size. The bytes are made here from the program's own records and never
    leave memory.
    """

    def __init__(self, records: Sequence[Any]) -> None:
        self._kind: Callable[..., Any] = type(records[0]) if records else tuple
        names = [field.name for field in fields(records[0])] if records else []
        parts = [pickle.dumps(tuple(getattr(record, name) for name in names),
                              pickle.HIGHEST_PROTOCOL) for record in records]
        self._offsets = array("Q", accumulate((len(part) for part in parts), initial=0))
        self._blob = b"".join(parts)
        self._length = len(records)

    def _at(self, start: int, end: int) -> Any:
        return self._kind(*pickle.loads(self._blob[start:end]))


class PackedTexts(_Offsets):
    """Texts (ids) kept as one text and the offsets where each starts: untracked, like
    `Packed`."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._offsets = array("Q", accumulate((len(text) for text in texts), initial=0))
        self._joined = "".join(texts)
        self._length = len(texts)

    def _at(self, start: int, end: int) -> str:
        return self._joined[start:end]


@dataclass(frozen=True)
class ChoiceList:
    """Entries and their ids in order, and each id's row: made on the reader, so that
    showing 30,000 of them costs the screen's thread nothing per entry."""

    entries: Sequence[Any]
    ids: Sequence[Any]
    rows: dict[Any, int]

    @classmethod
    def of(cls, entries: Sequence[Any]) -> ChoiceList:
        ids = [entry.id for entry in entries]
        # Texts to numbers only: a dict the cycle collector does not track.
        rows: dict[Any, int] = {}
        for row, entry_id in enumerate(ids):
            rows.setdefault(entry_id, row)
        return cls(Packed(entries), PackedTexts(ids), rows)


EMPTY_LIST = ChoiceList((), (), {})


@dataclass(frozen=True)
class Choices:
    series: ChoiceList
    # (kind, for the kiosk) -> the activities the picker offers, in its order.
    activities: dict[tuple[str, bool], ChoiceList]


def read_choices(store: Store, today: date) -> Choices:
    """One read of everything the tabs choose from (runs on the reader)."""
    series = store.groups.list_series()
    opens = store.open_meetings.list()
    activities = {(kind, kiosk): ChoiceList.of(
        series_activities(series, today, kiosk) if kind == "series"
        else open_meeting_activities(opens, today, kiosk))
        for kind in ("series", "open_meeting") for kiosk in (False, True)}
    return Choices(ChoiceList.of(series), activities)


class ChoiceSource(QObject):
    """One per window (a child of `ctx.ops`); `ready` when a read has arrived."""

    ready = Signal()

    def __init__(self, ops: Operations) -> None:
        super().__init__(ops)
        self.setObjectName("evaluation-choices")
        self.ops = ops
        self.choices: Choices | None = None
        self._loading = False
        self._again = False
        ops.changed.connect(self._on_change)

    @classmethod
    def of(cls, ops: Operations) -> ChoiceSource:
        found = ops.findChild(ChoiceSource, "evaluation-choices")
        return found if isinstance(found, ChoiceSource) else cls(ops)

    def request(self) -> None:
        """Read, unless a read is under way (its `ready` serves every tab)."""
        if self._loading:
            return
        self._loading = True
        today = date.today()
        self.ops.read(lambda store: read_choices(store, today), self._arrived,
                      lambda _error: self._done())

    def _arrived(self, choices: Choices) -> None:
        if not shiboken6.isValid(self):
            return
        self.choices = choices
        self._done()
        self.ready.emit()

    def _done(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.request()

    def _on_change(self, change: object) -> None:
        if not (isinstance(change, Change) and change.affects(*KINDS)):
            return
        if self._loading:
            self._again = True  # the read under way may have missed this change
        elif self.choices is not None:
            self.request()


class ChoiceModel(QAbstractListModel):
    """A ChoiceList, after `head` rows of its own ("All"); texts made when a row is drawn."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._list = EMPTY_LIST
        self._head: tuple[tuple[Any, Any], ...] = ()
        self._text: Callable[[Any], str] = str

    def set_list(self, choices: ChoiceList, text: Callable[[Any], str],
                 head: tuple[tuple[Any, Any], ...] = ()) -> None:
        self.beginResetModel()
        self._list, self._text, self._head = choices, text, head
        self.endResetModel()

    def row_of(self, entry_id: Any) -> int:
        for row, (_entry, head_id) in enumerate(self._head):
            if head_id == entry_id:
                return row
        row = self._list.rows.get(entry_id, -1)
        return row + len(self._head) if row >= 0 else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._head) + len(self._list.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Roles as plain numbers: a combo box asks every shown row for several (see
        # `widgets/record_table.py`), and an enum comparison per call adds up.
        if role not in _ANSWERED:
            return None
        shown = index.row()
        if not 0 <= shown < len(self._head) + len(self._list.ids):
            return None
        row = shown - len(self._head)
        entry, entry_id = (self._head[shown] if row < 0
                           else (self._list.entries[row], self._list.ids[row]))
        return entry_id if role == _USER else self._text(entry)


def lazy_combo(combo: QComboBox, parent: QObject) -> ChoiceModel:
    """Give a combo box a lazy model; it never measures every row to size itself."""
    model = ChoiceModel(parent)
    combo.setModel(model)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    if combo.minimumContentsLength() == 0:
        combo.setMinimumContentsLength(30)
    return model


def refill(combo: QComboBox, model: ChoiceModel, choices: ChoiceList,
           text: Callable[[Any], str], head: tuple[tuple[Any, Any], ...] = ()) -> None:
    """New rows, keeping the chosen id when it is still there (signals held meanwhile)."""
    current = combo.currentData()
    blocked = combo.blockSignals(True)
    model.set_list(choices, text, head)
    combo.setCurrentIndex(max(0, model.row_of(current)) if model.rowCount() else -1)
    combo.blockSignals(blocked)
