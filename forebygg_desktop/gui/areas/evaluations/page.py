"""The Evaluations area: kiosk, paper forms, free-text review, research counts, results,
withdrawing answers and printing, one tab each."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout

from forebygg_desktop.core.i18n import _, ngettext
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.lazy_tabs import LazyTabs

if TYPE_CHECKING:
    from forebygg_desktop.gui.areas.evaluations.answers import AnswersTab
    from forebygg_desktop.gui.areas.evaluations.kiosk_start import KioskStartTab
    from forebygg_desktop.gui.areas.evaluations.paper import PaperEntryTab
    from forebygg_desktop.gui.areas.evaluations.printing import PrintTab
    from forebygg_desktop.gui.areas.evaluations.research import ResearchCountsTab
    from forebygg_desktop.gui.areas.evaluations.results import ResultsTab
    from forebygg_desktop.gui.areas.evaluations.review import FreeTextReviewTab


class EvaluationsPage(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._waiting = 0  # free texts to review, counted on the reader thread
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.refused = QLabel()
        self.refused.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.refused)
        self.tabs = QTabWidget()
        # The tabs' modules load when the area is first opened, not at start-up; each tab
        # is built the first time it is shown (the area opens with the kiosk tab only).
        from forebygg_desktop.gui.areas.evaluations.answers import AnswersTab
        from forebygg_desktop.gui.areas.evaluations.kiosk_start import KioskStartTab
        from forebygg_desktop.gui.areas.evaluations.paper import PaperEntryTab
        from forebygg_desktop.gui.areas.evaluations.printing import PrintTab
        from forebygg_desktop.gui.areas.evaluations.research import ResearchCountsTab
        from forebygg_desktop.gui.areas.evaluations.results import ResultsTab
        from forebygg_desktop.gui.areas.evaluations.review import FreeTextReviewTab
        self.lazy_tabs = LazyTabs(self.tabs, [
            partial(kind, ctx) for kind in (KioskStartTab, PaperEntryTab, FreeTextReviewTab,
                                            ResearchCountsTab, ResultsTab, AnswersTab,
                                            PrintTab)])
        self.lazy_tabs.widget(0)
        layout.addWidget(self.tabs, 1)
        # A bound method, not a lambda: Qt drops it when this widget is deleted.
        ctx.ops.changed.connect(self._on_changed)
        self.retranslate_ui()
        self._update_review_title()

    @property
    def kiosk(self) -> KioskStartTab:
        return cast("KioskStartTab", self.lazy_tabs.widget(0))

    @property
    def paper(self) -> PaperEntryTab:
        return cast("PaperEntryTab", self.lazy_tabs.widget(1))

    @property
    def review(self) -> FreeTextReviewTab:
        return cast("FreeTextReviewTab", self.lazy_tabs.widget(2))

    @property
    def research(self) -> ResearchCountsTab:
        return cast("ResearchCountsTab", self.lazy_tabs.widget(3))

    @property
    def results(self) -> ResultsTab:
        return cast("ResultsTab", self.lazy_tabs.widget(4))

    @property
    def answers(self) -> AnswersTab:
        return cast("AnswersTab", self.lazy_tabs.widget(5))

    @property
    def print(self) -> PrintTab:
        return cast("PrintTab", self.lazy_tabs.widget(6))

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Evaluations"))
        refused = self.ctx.store.evaluations.refused
        self.refused.setVisible(bool(refused))
        self.refused.setText(" ".join(error.message() for error in refused))
        titles = [_("&Kiosk"), _("&Paper forms"), "", _("Research &questionnaires"),
                  _("Re&sults"), _("&Answers"), _("P&rint")]
        for index, title in enumerate(titles):
            if title:
                self.tabs.setTabText(index, title)
        self._name_review_tab()

    def _update_review_title(self) -> None:
        """Count the free texts waiting for review (a read over every answer, on the reader
        thread) and name the tab after them."""
        self.ctx.ops.read(lambda store: store.evaluations.unreviewed_count(),
                          self._show_review_title)

    def _show_review_title(self, waiting: int) -> None:
        if not shiboken6.isValid(self):
            return  # closed while it was counted
        self._waiting = waiting
        self._name_review_tab()

    def _name_review_tab(self) -> None:
        waiting = self._waiting
        title = _("Free &text") if not waiting else ngettext(
            "Free &text ({n} to review)", "Free &text ({n} to review)", waiting).format(n=waiting)
        self.tabs.setTabText(2, title)

    def _on_changed(self, _change: object) -> None:
        self._update_review_title()
