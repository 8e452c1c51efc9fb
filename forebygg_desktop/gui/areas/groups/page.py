"""Groups area: the list of series, and one series' page with its meetings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.gui.areas.groups.series_form import SeriesForm
from forebygg_desktop.gui.areas.groups.series_list import SeriesListView
from forebygg_desktop.gui.areas.groups.series_view import SeriesView
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.page_stack import PageStack
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

# Changes that alter what the list shows.
LIST_KINDS = ("group_series", "meeting", "catalog")


class GroupsPage(Retranslatable):
    navigate_requested = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form: RecordDialog | None = None
        self._dirty = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # As large as the list or the series shown, not as the larger of the two (the
        # series view's width pushed the list past the window at 150 %).
        self.stack = PageStack(self)
        self.list_view = SeriesListView(ctx, self.stack)
        self.stack.addWidget(self.list_view)
        # One series' page is built when a series is first opened: the area opens on the
        # list, and building both held the window for longer (issue 21).
        self._series_view: SeriesView | None = None
        layout.addWidget(self.stack)
        self.list_view.open_series.connect(self.show_series)
        self.list_view.new_series.connect(self.new_series)
        self.list_view.delete_series.connect(self.delete_series)
        ctx.ops.changed.connect(self._on_changed)

    @property
    def series_view(self) -> SeriesView:
        """The page of one series (built on first use)."""
        if self._series_view is None:
            view = SeriesView(self.ctx, self.list_view.names, self.stack)
            self.stack.addWidget(view)
            view.back.connect(self.show_list)
            view.series_deleted.connect(self._series_deleted)
            view.gone.connect(self._series_gone)
            self._series_view = view
        return self._series_view

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_view)
        if self._dirty:
            self.list_view.refresh()
            self._dirty = False
        self.list_view.table.setFocus()

    def show_series(self, series_id: str) -> None:
        self.stack.setCurrentWidget(self.series_view)
        self.series_view.show_series(series_id)

    def new_series(self) -> RecordDialog:
        form = SeriesForm(self.ctx, None, self)
        self.form = form
        form.saved.connect(lambda change: self.show_series(change.id))
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def delete_series(self, row: SeriesRow) -> None:
        """Delete a series chosen in the list: the same question and Undo as its page's."""
        names = self.list_view.names
        title = " – ".join(filter(None, [names.program(row.program_code),
                                         names.locality(row.locality_code), row.venue]))
        question = _("Delete the series {series} and its meetings?").format(series=title)
        if not self.series_view.confirm(self, question):
            return
        series_id = row.id
        self.ctx.ops.run(lambda store: store.groups.delete_series(series_id),
                         on_done=lambda _c: self._series_deleted(series_id))

    def _series_deleted(self, series_id: str) -> None:
        self.show_list()
        self.list_view.notice.show_notice(
            lambda: _("Series deleted."), action_text=lambda: _("Undo"),
            action=lambda: self.ctx.ops.run(
                lambda store: store.groups.restore_series(series_id),
                on_done=lambda _c: self.show_series(series_id)))

    def _series_gone(self, error: UserError) -> None:
        """A series asked for that no longer exists: the list, and why."""
        self.show_list()
        self.list_view.notice.show_notice(error.message, warning=True)

    def _on_changed(self, change: Change) -> None:
        if not change.affects(*LIST_KINDS):
            return
        if change.kind in ("catalog", "configuration", "everything"):
            self.list_view.names.reload()
        if self.list_view.isVisible():
            self.list_view.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty and self.stack.currentWidget() is self.list_view:
            self.list_view.refresh()
            self._dirty = False
        super().showEvent(event)

    def open_target(self, target: str) -> None:
        """`series:<id>` opens a series; `draft:<key>` reopens an unfinished form."""
        if target.startswith("series:"):
            self.show_series(target.removeprefix("series:"))
        elif target == "draft:groups/series/new":
            self.new_series()
        elif target.startswith("draft:"):
            self.form = self.series_view.open_target(target.removeprefix("draft:"))

    def retranslate_ui(self) -> None:
        # The list and the series page are Retranslatable themselves.
        pass
