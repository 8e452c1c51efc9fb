"""The dry-run summary before an import, and the changes a configuration package makes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.exchange.breakdown import COLUMNS, KindCounts, combined
from forebygg_desktop.core.exchange.config import ConfigPlan
from forebygg_desktop.core.exchange.container import shown_name
from forebygg_desktop.core.exchange.service import FileReport
from forebygg_desktop.core.exchange.texts import (
    BREAKDOWN_LABELS,
    UNCHANGED_MEANS,
    change_text,
    config_lines,
    file_source,
    file_status,
    kind_label,
    report_lines,
)
from forebygg_desktop.core.i18n import _, format_number, ngettext, pgettext
from forebygg_desktop.gui.widgets.window_geometry import resize_within_screen


class ImportPlanDialog(QDialog):
    """One row per file: source, counts per category, and what happens (or why not)."""

    def __init__(self, reports: list[FileReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import-plan")
        self.reports = reports
        resize_within_screen(self, 1100, 680)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        # The same columns as the breakdown below: a deletion is never an "update" here.
        self.table = QTableWidget(len(reports), 3 + len(COLUMNS), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2 + len(COLUMNS), QHeaderView.ResizeMode.Stretch)
        # What the files to be imported do together, kind by kind.
        self.importable = [r for r in reports if r.ok and r.already_imported_at is None]
        self.kinds: dict[str, KindCounts] = {
            kind: counts for kind, counts in combined(r.breakdown for r in self.importable)
            .items() if counts.any}
        self.breakdown_label = QLabel(self)
        self.breakdown_label.setWordWrap(True)
        self.breakdown = QTableWidget(len(self.kinds), 1 + len(COLUMNS), self)
        self.breakdown.setObjectName("import-breakdown")
        self.breakdown.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.breakdown.verticalHeader().setVisible(False)
        self.breakdown.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.breakdown.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.breakdown_label.setBuddy(self.breakdown)
        self.unchanged_means = QLabel(self)
        self.unchanged_means.setObjectName("unchanged-means")
        self.unchanged_means.setWordWrap(True)
        self.details_label = QLabel(self)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details_label.setBuddy(self.details)
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("commit-import")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.breakdown_label)
        layout.addWidget(self.breakdown, 4)
        layout.addWidget(self.unchanged_means)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 2)
        layout.addWidget(self.buttons)
        self.import_button.setEnabled(bool(self.importable))
        self.retranslate_ui()
        if reports:
            self.table.setCurrentCell(0, 0)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import: what will change"))
        refused = sum(1 for r in self.reports if not r.ok)
        self.heading.setText(
            ngettext("{n} file checked. Nothing has been changed yet.",
                     "{n} files checked. Nothing has been changed yet.",
                     len(self.reports)).format(n=len(self.reports))
            + (" " + ngettext("{n} file is refused and will not be imported.",
                              "{n} files are refused and will not be imported.",
                              refused).format(n=refused) if refused else ""))
        self.table.setHorizontalHeaderLabels(
            [_("File"), pgettext("import: the laptop a file comes from", "From")]
            + [_(BREAKDOWN_LABELS[c]) for c in COLUMNS] + [_("Result")])
        for row, report in enumerate(self.reports):
            cells = [shown_name(report.path), file_source(report)]
            totals = sum(report.breakdown.values(), KindCounts())
            cells += ["" if not report.ok else format_number(getattr(totals, c))
                      for c in COLUMNS]
            # A symbol as well as words: the state never depends on colour alone.
            mark = "✗ " if not report.ok else ("⚠ " if report.rejected or report.conflicts
                                               else "✓ ")
            cells.append(mark + file_status(report))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if 2 <= column < 2 + len(COLUMNS):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._fill_breakdown()
        self.details_label.setText(_("&Details of the chosen file:"))
        self.import_button.setText(
            ngettext("&Import {n} file", "&Import {n} files", len(self.importable))
            .format(n=len(self.importable)))
        self._show_details(self.table.currentRow())

    def _fill_breakdown(self) -> None:
        self.breakdown_label.setText(
            _("&By kind, for the files to be imported:") if self.kinds
            else _("The files to be imported hold no rows that change anything."))
        self.breakdown.setVisible(bool(self.kinds))
        self.breakdown.setHorizontalHeaderLabels(
            [_("Kind")] + [_(BREAKDOWN_LABELS[c]) for c in COLUMNS])
        for row, (kind, counts) in enumerate(self.kinds.items()):
            cells = [kind_label(kind)] + [format_number(getattr(counts, c)) for c in COLUMNS]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.breakdown.setItem(row, column, item)
        self.breakdown.setAccessibleName(_("By kind"))
        self.unchanged_means.setText(_(UNCHANGED_MEANS))

    def _show_details(self, row: int) -> None:
        if 0 <= row < len(self.reports):
            # The per-kind table is above (a text table would not keep its columns in
            # right-to-left text).
            self.details.setPlainText("\n".join(report_lines(self.reports[row], kinds=False)))


class ConfigPlanDialog(QDialog):
    """The changes a configuration package makes, and one button to apply them all."""

    def __init__(self, plan: ConfigPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("config-plan")
        self.plan = plan
        resize_within_screen(self, 720, 480)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.changes = QListWidget(self)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("commit-config")
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.heading)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Configuration package"))
        self.heading.setText("\n".join(config_lines(self.plan)[:2]))
        self.changes.clear()
        self.changes.addItems([change_text(c) for c in self.plan.changes])
        self.changes.setAccessibleName(_("Changes"))
        self.apply_button.setText(_("&Apply all changes"))
        self.apply_button.setEnabled(not self.plan.up_to_date)
