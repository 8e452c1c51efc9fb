"""What was reported and what changed since: below the Reports page's figures.

For the chosen quarter: when it was last handed on and every figure that differs now
(figure by figure); whether the quarter is closed, and the changes from later packages
held for approval, with who approved them and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.exchange.conflicts import RECORD_TYPE_LABELS
from forebygg_desktop.core.i18n import (
    _,
    format_date,
    format_number,
    format_percent,
    format_quarter,
    ngettext,
    separated,
)
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.closing import HeldInfo
from forebygg_desktop.core.reports.records import FigureChange
from forebygg_desktop.core.stats.service import ReportData
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable


def _period_label(period: Period) -> str:
    if Period.quarter_of(period.start) == period:
        year, number = period.quarters()[0]
        return format_quarter(year, number)
    return period.code


def _value(value: Any, key: str) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        return value  # a suppressed cell as it was shown ("<5", "..")
    if key.startswith("share_") and isinstance(value, float):
        return format_percent(value)
    return format_number(value)


@dataclass(frozen=True)
class ReportedRead:
    """What the panel shows for a period, read in one go (off the screen's thread)."""

    period: Period
    record: Any
    changes: list[FigureChange]
    changed_elsewhere: list[Period]
    held: list[HeldInfo]
    closure: Any


class ReportedPanel(Retranslatable):
    """The reported-figures notice, the closing of a quarter and the held changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period: Period | None = None
        self.changes: list[FigureChange] = []
        self.changed_elsewhere: list[Period] = []
        self.held: list[HeldInfo] = []
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setObjectName("reportedNotice")
        self.changes_table = QTableWidget(0, 3, self)
        self.held_table = QTableWidget(0, 4, self)
        for table in (self.changes_table, self.held_table):
            table.hide()  # shown once the period's changes are read and there are any
        for table in (self.changes_table, self.held_table):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            table.setMaximumHeight(100)
        self.closure = QLabel(self)
        self.closure.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self._ask_close)
        self.approve_button = QPushButton(self)
        self.approve_button.clicked.connect(self._ask_approve)
        buttons = QHBoxLayout()
        buttons.addWidget(self.closure, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.approve_button)
        closing = QVBoxLayout()
        closing.addLayout(buttons)
        closing.addWidget(self.held_table)
        closing.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.changes_table, 1)
        row.addLayout(closing, 1)
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(0, 0, 0, 0)
        layout_.addWidget(self.notice)
        layout_.addLayout(row)
        self.retranslate_ui()

    def show_period(self, period: Period, report: ReportData | None = None) -> None:
        """Read what the store knows about `period` and show it (`report`: its figures,
        when the page has read them already)."""
        self.show_read(self.read(self.ctx.store, period, report))

    @staticmethod
    def read(store: Store, period: Period, report: ReportData | None = None) -> ReportedRead:
        """What the store knows about `period` (no Qt: runs on the reader too)."""
        record, changes = store.reported.changes(period, report)
        return ReportedRead(
            period, record, changes,
            [p for p in store.reported.changed_periods() if p != period],
            [h for h in store.closing.held(include_approved=True)
             if h.period_code == period.code],
            store.closing.closure(period))

    def show_read(self, read: ReportedRead) -> None:
        self.period = read.period
        self.changes, self.changed_elsewhere, self.held = \
            read.changes, read.changed_elsewhere, read.held
        self._record, self._closure = read.record, read.closure
        self._fill()

    def _fill(self) -> None:
        record = getattr(self, "_record", None)
        elsewhere = ""
        if self.changed_elsewhere:
            elsewhere = " " + _("Other reported periods whose figures changed since: "
                                "{periods}.").format(periods=separated(
                                    _period_label(p) for p in self.changed_elsewhere))
        if record is None:
            self.notice.setText(_("This period has not been reported yet.") + elsewhere)
        elif self.changes:
            self.notice.setText(_(
                "The figures of this period changed after it was reported on {date}: a later "
                "import brought changes. What changed, figure by figure:").format(
                    date=format_date(record.made_at.date())) + elsewhere)
        else:
            self.notice.setText(_("Reported on {date}; no figure has changed since.").format(
                date=format_date(record.made_at.date())) + elsewhere)
        self.changes_table.setVisible(bool(self.changes))
        self.changes_table.setRowCount(len(self.changes))
        self.changes_table.setHorizontalHeaderLabels(
            [_("Figure"), _("Reported"), _("Now")])
        for r, change in enumerate(self.changes):
            for c, text in enumerate((_(change.label_msgid), _value(change.reported, change.key),
                                      _value(change.now, change.key))):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.changes_table.setItem(r, c, item)
        quarter = self.period is not None and Period.quarter_of(self.period.start) == self.period
        closure = getattr(self, "_closure", None)
        self.close_button.setVisible(quarter and closure is None)
        waiting = [h for h in self.held if h.approved_at is None]
        self.approve_button.setVisible(bool(waiting))
        if closure is not None:
            text = _("Closed on {date} by {name}.").format(
                date=format_date(closure[0].date()), name=closure[1])
            if waiting:
                text += " " + ngettext(
                    "{n} change from a later package waits for approval.",
                    "{n} changes from later packages wait for approval.",
                    len(waiting)).format(n=len(waiting))
            self.closure.setText(text)
        else:
            self.closure.setText("")
        self.held_table.setVisible(bool(self.held))
        self.held_table.setRowCount(len(self.held))
        self.held_table.setHorizontalHeaderLabels(
            [_("Record"), _("Held on"), _("Approved by"), _("Approved on")])
        for r, held in enumerate(self.held):
            label = RECORD_TYPE_LABELS.get(held.record_type)
            cells = (_(label) if label else held.record_type, format_date(held.held_at.date()),
                     held.approved_by or _("Waiting for approval"),
                     format_date(held.approved_at.date()) if held.approved_at else "")
            for c, text in enumerate(cells):
                self.held_table.setItem(r, c, QTableWidgetItem(text))

    # --- actions (through the write worker) ----------------------------------------------

    def _ask_close(self) -> None:
        name, ok = QInputDialog.getText(self, _("Close the quarter"), _(
            "Changes that later packages bring to this quarter will wait for approval. "
            "Your name:"))
        if ok and name.strip():
            self.close_period(name.strip())

    def _ask_approve(self) -> None:
        name, ok = QInputDialog.getText(self, _("Approve held changes"), _(
            "The held changes will be applied and the figures of the quarter will change. "
            "Your name:"))
        if ok and name.strip():
            self.approve(name.strip())

    def close_period(self, by: str) -> None:
        period = self.period
        if period is not None:
            self.ctx.ops.run(lambda store: store.closing.close(period, by))

    def approve(self, by: str) -> None:
        period = self.period
        if period is not None:
            self.ctx.ops.run(lambda store: store.closing.approve(by, period))

    def retranslate_ui(self) -> None:
        self.close_button.setText(_("&Close this quarter…"))
        self.approve_button.setText(_("&Approve held changes…"))
        if self.period is not None:
            self._fill()
