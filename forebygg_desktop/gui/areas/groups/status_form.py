"""Change a series' status; cancelling asks for the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from forebygg_desktop.core.codes import CANCEL_REASONS, SERIES_STATUSES
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import SeriesRecord
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import code_items, none_item
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog


class StatusForm(RecordDialog):
    def __init__(self, ctx: AppContext, series: SeriesRecord, series_title: str,
                 status: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"groups/status/{series.id}", parent)
        self.series, self.series_title = series, series_title
        self.setObjectName("status-form")
        self.add_field("status", lambda: _("Status"), CodeCombo(self)).set_items(
            code_items(SERIES_STATUSES))
        self.add_field("cancel_reason", lambda: _("Reason for cancelling"),
                       CodeCombo(self)).set_items([none_item(), *code_items(CANCEL_REASONS)])
        self.finish({"status": status or series.status, "cancel_reason": series.cancel_reason},
                    focus="cancel_reason" if status == "cancelled" else "status")

    def values_loaded(self) -> None:
        self.fields["cancel_reason"].setEnabled(self.fields["status"].current_code() == "cancelled")  # type: ignore[attr-defined]

    def draft_title(self) -> str:
        return _("Status – {series}").format(series=self.series_title)

    def retranslate_form(self) -> None:
        self.setWindowTitle(_("Change status"))
        self.heading.setText(f"{_('Change status')}: {self.series_title}")

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        series_id, status = self.series.id, values["status"]
        reason = values["cancel_reason"] if status == "cancelled" else None
        return lambda store: store.groups.set_status(series_id, status, reason)
