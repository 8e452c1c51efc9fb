"""Settings → Backups: every backup with its date, kind and contents; restore one; back up
now; an optional second location (e.g. a USB stick).

Restoring keeps the current database aside (`backups/set-aside/`) and reopens the program
on the restored file; the window asks first. The list is read on the worker (summaries
open each file read-only) and refreshes after every backup or restore.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.backups import (
    BackupInfo,
    BackupSummary,
    copy_to_second,
    list_all,
    second_folder,
    set_second_folder,
    summarize,
)
from forebygg_desktop.core.db import backup_to_folder
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _, format_number
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.item_lists import SortItem, fill_table, filter_table, row_id
from forebygg_desktop.gui.widgets.last_folder import BACKUP, choose_folder
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.record_table import isolated


@dataclass(frozen=True)
class BackupRow:
    info: BackupInfo
    summary: BackupSummary | None


def load_rows(store: Store) -> list[BackupRow]:
    """Every backup, newest first, with what it holds (runs on the worker)."""
    if store.data_dir is None:
        return []
    return [BackupRow(info, summarize(info.path))
            for info in list_all(store.data_dir, second_folder(store))]


def back_up_now(store: Store) -> list[UserError]:
    """A rolling backup (and its copy in the second location); warnings for the user."""
    assert store.data_dir is not None
    keep = max(1, store.settings.get(settings.BACKUPS_KEEP))
    backup_to_folder(store.engine, store.data_dir / "backups", keep=keep)
    second = second_folder(store)
    return copy_to_second(store, second, keep) if second is not None else []


class BackupsSection(QGroupBox):
    """The restore screen: a list of backups and what can be done with them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settings-backups")
        self.rows: list[BackupRow] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("backup-list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(220)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restore-backup")
        self.restore_button.setEnabled(False)
        self.backup_button = QPushButton(self)
        self.backup_button.setObjectName("backup-now")
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        second = QHBoxLayout()
        self.second_label = QLabel(self)
        self.second_label.setWordWrap(True)
        self.second_choose = QPushButton(self)
        self.second_choose.setObjectName("second-location")
        self.second_clear = QPushButton(self)
        self.second_clear.setObjectName("second-location-off")
        second.addWidget(self.second_label, 1)
        second.addWidget(self.second_choose)
        second.addWidget(self.second_clear)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("backups-status")
        self.filter = ListFilter(self, lambda text: filter_table(self.table, text))
        for widget in (self.intro, self.filter, self.table):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addLayout(second)
        layout.addWidget(self.status)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.restore_button.clicked.connect(self.ask_restore)
        self.backup_button.clicked.connect(self.back_up)
        self.second_choose.clicked.connect(self.choose_second)
        self.second_clear.clicked.connect(lambda: self.set_second(None))
        # Tests and the restore flow answer the question without a real dialog.
        self.confirm: Callable[[BackupRow], bool] = self._confirm_restore
        # "Back up now" is this list's new entry: Ctrl+N, as in every list.
        self.keys = ListKeys(self, self.table, self.filter, new=self.back_up,
                             new_button=self.backup_button)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.retranslate_ui()
        self.refresh()

    # --- reading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.ops.run(load_rows, on_done=self._loaded, on_error=self._failed)

    def _alive(self) -> bool:
        """False once the page was closed while the worker was still reading."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.table)

    def _loaded(self, rows: list[BackupRow]) -> None:
        if not self._alive():
            return
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        chosen = self.selected()
        cells = []
        for index, entry in enumerate(self.rows):
            info = entry.info
            place = _("second location") if info.second_location else ""
            kind = info.kind_label() + (f" ({place})" if place else "")
            held = entry.summary.text() if entry.summary else _("cannot be read")
            size = _("{size} MB").format(size=format_number(round(info.size / 1e6, 1)))
            items = [SortItem(isolated(f"{info.taken_at:%Y-%m-%d %H:%M}"), info.taken_at,
                              row_id=index),
                     SortItem(kind), SortItem(held), SortItem(size, info.size)]
            for item in items:
                item.setToolTip(str(info.path))
            cells.append(items)
        fill_table(self.table, cells)
        filter_table(self.table, self.filter.text())
        self.table.resizeRowsToContents()
        if chosen is not None and chosen in self.rows:  # a language switch keeps the choice
            self.choose(self.rows.index(chosen))
        self._selection_changed()

    def choose(self, index: int) -> None:
        """Select backup `index` of `rows`, wherever the user's sort shows it.

        (QTableView.selectRow misses rows in right-to-left layouts.)
        """
        row = next((r for r in range(self.table.rowCount())
                    if row_id(self.table, r) == index), -1)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().select(self.table.model().index(row, 0), flags)
        self._show_second()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None
                                       and self.ctx.restore is not None)

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        index = row_id(self.table, rows[0].row()) if rows else None
        return self.rows[index] if isinstance(index, int) and index < len(self.rows) else None

    # --- actions ------------------------------------------------------------------------------
    def _confirm_restore(self, entry: BackupRow) -> bool:
        answer = QMessageBox.question(
            self, _("Restore a backup"),
            _("Restore the backup of {date}? The current database is kept aside in the "
              "backups folder, not deleted. Registrations made after this backup will no "
              "longer show.").format(date=isolated(f"{entry.info.taken_at:%Y-%m-%d %H:%M}")))
        return answer == QMessageBox.StandardButton.Yes

    def ask_restore(self) -> None:
        entry = self.selected()
        if entry is None or self.ctx.restore is None or not self.confirm(entry):
            return
        self.ctx.restore(entry.info.path)

    def back_up(self) -> None:
        self.backup_button.setEnabled(False)
        self._set_status(_("Making a backup…"))
        self.ctx.ops.run(back_up_now, on_done=self._backed_up, on_error=self._failed)

    def _backed_up(self, warnings: list[UserError]) -> None:
        if not self._alive():
            return
        self.backup_button.setEnabled(True)
        self._set_status(" ".join(w.message() for w in warnings) or _("Backup made."))
        self.refresh()

    def choose_second(self) -> None:
        folder = choose_folder(self.ctx, BACKUP, self, _("Choose a second backup location"))
        if folder is not None:
            self.set_second(folder)

    def set_second(self, folder: Path | None) -> None:
        def save(store: Store) -> Change:
            return set_second_folder(store, folder)  # refused inside the data folder
        def saved(_change: Change) -> None:
            if self._alive():
                self.refresh()
        self.ctx.ops.run(save, on_done=saved, on_error=self._failed)

    def _failed(self, error: UserError) -> None:
        if not self._alive():
            return
        self.backup_button.setEnabled(True)
        self._set_status(error.message())

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    def _show_second(self) -> None:
        second = second_folder(self.ctx.store)
        self.second_label.setText(
            _("Second backup location: {folder}").format(folder=isolated(str(second)))
            if second is not None else _("Second backup location: none (optional, e.g. a USB "
                                         "stick)"))
        self.second_clear.setEnabled(second is not None)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Backups"))
        self.intro.setText(_(
            "A backup is made at every start. Kept: the newest regular backups (the number "
            "is set above), the newest 3 made before an upgrade, and every file set aside at "
            "a restore. Restoring keeps the current database aside."))
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Kind"), _("Contents"), _("Size")])
        self.restore_button.setText(_("Restore the chosen backup…"))
        self.backup_button.setText(_("Back up now"))
        self.second_choose.setText(_("Choose…"))
        self.second_clear.setText(_("Do not use"))
        self.keys.retranslate_ui()
        self._fill()
