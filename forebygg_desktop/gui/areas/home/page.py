"""The start page: this quarter's figures, series that need attention, unfinished forms.

Every figure comes from the core (`store.overview`, or before the Store is open a
read-only `Glance` computed by the same SQL); the page only formats it. The page is the
one area shown while the program is still opening its Store: `create_preview` builds it
from the glance, and `attach` hands it the Store when that is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import figures
from forebygg_desktop.core.i18n import (
    _,
    format_date,
    format_number,
    format_percent,
    format_quarter,
    ngettext,
)
from forebygg_desktop.core.overview import HOME_FIGURES, AttentionItem, QuarterOverview
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.gui.pages import title_msgid
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.field_errors import WARNING_SIGN
from forebygg_desktop.gui.widgets.heading import heading_label
from forebygg_desktop.gui.widgets.record_table import EMPTY, isolated

if TYPE_CHECKING:  # the Store's modules load after the first window is shown
    from forebygg_desktop.core.glance import Glance
    from forebygg_desktop.core.store import Change, Store
    from forebygg_desktop.gui.context import AppContext

TITLE = title_msgid("home")
# The cards, by figure key; names and definitions come from `core/figures.py`, so the
# start page and the report call one figure the same (see HOME_FIGURES).
FIGURES = tuple((key, figures.name(key)) for key, _detail in HOME_FIGURES)
# Changes that alter the figures.
FIGURE_KINDS = ("group_series", "meeting", "open_meeting", "advice_talk", "catalog")


class FigureCard(QFrame):
    """A big number with its caption underneath."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        # Placed at the leading edge by the layout (which mirrors): a label of digits alone
        # would align by its text's direction and stay on the left in Arabic.
        layout.addWidget(self.value, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Never shorter than its wrapped caption needs at this width (a long caption in
        Arabic or Somali at 150 % takes three lines): the page scrolls instead."""
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None:
            needed = layout.totalHeightForWidth(self.width())
            if needed > 0 and needed != self.minimumHeight():
                self.setMinimumHeight(needed)


class HomePage(Retranslatable):
    navigate_requested = Signal(str, str)

    def __init__(self, ctx: AppContext | None, glance: Glance | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.overview: QuarterOverview | None = glance.overview if glance else None
        self._program_name: Callable[[str], str] = glance.program_name if glance else str
        self._locality_name: Callable[[str], str] = glance.locality_name if glance else str
        # What the page shows came from this glance, until the Store's first refresh.
        self._glance = glance
        self._names_read = False
        self._dirty = True
        layout = QVBoxLayout(self)
        self.heading = heading_label(self)
        layout.addWidget(self.heading)
        # The figures here are the unit's own: small numbers are shown as they are.
        self.staff_note = QLabel(self)
        self.staff_note.setObjectName("staff-view-note")
        self.staff_note.setWordWrap(True)
        layout.addWidget(self.staff_note)
        # An empty store: what to do first.
        self.first_steps = QFrame(self)
        self.first_steps.setObjectName("first-steps")
        self.first_steps.setFrameShape(QFrame.Shape.StyledPanel)
        steps = QHBoxLayout(self.first_steps)
        self.first_steps_text = QLabel(self.first_steps)
        self.first_steps_text.setWordWrap(True)
        self.first_series_button = QPushButton(self.first_steps)
        self.first_series_button.setObjectName("first-series")
        self.first_series_button.clicked.connect(
            lambda: self.navigate_requested.emit("groups", "draft:groups/series/new"))
        self.demo_button = QPushButton(self.first_steps)
        self.demo_button.setObjectName("load-demo")
        self.demo_button.clicked.connect(self.offer_demo)
        steps.addWidget(self.first_steps_text, 1)
        steps.addWidget(self.first_series_button)
        steps.addWidget(self.demo_button)
        self.first_steps.setVisible(False)
        layout.addWidget(self.first_steps)
        self.drafts_box = QGroupBox(self)
        self.drafts_box.setObjectName("drafts")
        self.drafts_box.setVisible(False)
        self.drafts_layout = QVBoxLayout(self.drafts_box)
        layout.addWidget(self.drafts_box)
        grid = QGridLayout()
        self.cards: dict[str, FigureCard] = {}
        for position, (key, _msgid) in enumerate(FIGURES):
            card = FigureCard(self)
            card.setObjectName(f"figure-{key}")
            self.cards[key] = card
            grid.addWidget(card, position // 3, position % 3)
        layout.addLayout(grid)
        self.attention_label = QLabel(self)
        layout.addWidget(self.attention_label)
        self.attention_list = QListWidget(self)
        self.attention_list.setObjectName("attention")
        self.attention_label.setBuddy(self.attention_list)
        layout.addWidget(self.attention_list, 1)
        self.attention_list.itemActivated.connect(self._open_attention)
        self.attention_list.itemDoubleClicked.connect(self._open_attention)
        self._draft_rows: list[QWidget] = []
        self._drafts: list[tuple[str, dict[str, object]]] = []
        if ctx is None:
            self.retranslate_ui()
        else:
            self.attach(ctx)

    def attach(self, ctx: AppContext) -> None:
        """The Store is open: read everything from it from now on.

        A page made from the start's glance keeps the figures, names and attention list
        the glance read a moment ago, by the same SQL (`core/overview.py`), until the next
        change; only the drafts, which the glance does not read, come from the Store now.
        """
        self.ctx = ctx
        ctx.ops.changed.connect(self._on_changed)
        if self._glance is None:
            self.refresh()
            return
        self._dirty = False
        self.first_steps.setVisible(not self._glance.has_records)
        self._glance = None
        self.show_drafts()
        self.retranslate_ui()

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self._dirty = False
        if not self._names_read:
            # Imported here: CatalogNames needs the Store's modules, loaded after the glance.
            from forebygg_desktop.gui.widgets.catalog_names import CatalogNames

            names = CatalogNames(self.ctx.store)
            self._program_name, self._locality_name = names.program, names.locality
            self._names_read = True
        self.overview = self.ctx.store.overview.quarter(Period.quarter_of(date.today()))
        self.first_steps.setVisible(self.ctx.store.is_empty())
        self.show_drafts()
        self.retranslate_ui()

    def confirm_demo(self) -> bool:
        """Ask before loading made-up registrations (tests replace this)."""
        answer = QMessageBox.question(
            self, _("Load a demo year"),
            _("Load a year of made-up registrations for trying the program out? They stay "
              "in this database and would be sent with an export, so use the demo only on a "
              "laptop for practising."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def offer_demo(self) -> None:
        """The empty start page's second first step: a demo year, loaded on request."""
        if self.ctx is None or not self.confirm_demo():
            return
        self.demo_button.setEnabled(False)
        self.ctx.ops.run(load_demo, on_done=lambda _change: self.demo_button.setEnabled(True),
                         on_error=lambda _error: self.demo_button.setEnabled(True))

    def show_drafts(self) -> None:
        """Forms left unfinished when the program or the laptop stopped."""
        if self.ctx is None:
            return
        # Imported here: the Store's modules load after the glance.
        from forebygg_desktop.core.store.preferences import DRAFT_TITLE

        for row in self._draft_rows:
            self.drafts_layout.removeWidget(row)
            row.setParent(None)  # gone from the page now, not at the next event pass
            row.deleteLater()
        self._draft_rows = []
        self._drafts = self.ctx.store.drafts.listed()
        self.drafts_box.setVisible(bool(self._drafts))
        for key, payload in self._drafts:
            row = QWidget(self.drafts_box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(str(payload.get(DRAFT_TITLE) or key), row)
            button = QPushButton(row)
            button.setObjectName(f"resume-{key}")
            button.setProperty("draft_key", key)
            button.clicked.connect(lambda _checked=False, k=key: self.resume_draft(k))
            discard = QPushButton(row)
            discard.setProperty("draft_key", key)
            discard.clicked.connect(lambda _checked=False, k=key: self.discard_draft(k))
            line.addWidget(label, 1)
            line.addWidget(button)
            line.addWidget(discard)
            label.setBuddy(button)
            self.drafts_layout.addWidget(row)
            self._draft_rows.append(row)
        self._retranslate_drafts()

    def resume_draft(self, key: str) -> None:
        self.navigate_requested.emit(key.split("/")[0], f"draft:{key}")

    def discard_draft(self, key: str) -> None:
        assert self.ctx is not None  # a draft row exists only once the Store is attached
        self.ctx.ops.run(lambda store: store.drafts.discard(key),
                         on_done=lambda _r: self.show_drafts())

    def _open_attention(self, item: QListWidgetItem) -> None:
        series_id = item.data(Qt.ItemDataRole.UserRole)
        if series_id:
            self.navigate_requested.emit("groups", f"series:{series_id}")

    def _on_changed(self, change: Change) -> None:
        if not change.affects(*FIGURE_KINDS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.refresh()
        elif self.ctx is not None:
            self.show_drafts()
        super().showEvent(event)

    # --- texts ------------------------------------------------------------------------------
    def _attention_text(self, item: AttentionItem) -> str:
        place = " – ".join(filter(None, [self._program_name(item.program_code),
                                         self._locality_name(item.locality_code), item.venue]))
        if item.last_meeting is not None:
            when = _("latest meeting {date}").format(
                date=isolated(format_date(item.last_meeting)))
        else:
            start = isolated(format_date(item.planned_start)) if item.planned_start else EMPTY
            when = _("planned start {date}, nothing registered").format(date=start)
        return f"{WARNING_SIGN} {place} · {when}"

    def _retranslate_drafts(self) -> None:
        self.drafts_box.setTitle(_("Unfinished registrations"))
        for row in self._draft_rows:
            buttons = row.findChildren(QPushButton)
            buttons[0].setText(_("Continue"))
            buttons[1].setText(_("Discard"))

    def retranslate_ui(self) -> None:
        self.first_steps_text.setText(_(
            "Nothing is registered yet. Start by creating a group series, then register its "
            "meetings; open meetings, advice talks and digital programs have their own areas "
            "in the list on the side. To try the program first, load a demo year of made-up "
            "registrations."))
        self.first_series_button.setText(_("Create a group series…"))
        self.demo_button.setText(_("Load a demo year…"))
        today = date.today()
        self.heading.setText(_("This quarter: {quarter}").format(
            quarter=format_quarter(today.year, quarter_number(today))))
        self.staff_note.setText(_(
            "Staff view: the figures are shown unsuppressed, small numbers included. For use "
            "within the unit only; reports that leave the unit hide small numbers (Reports)."))
        self._retranslate_drafts()
        overview = self.overview
        if overview is None:
            return
        share = overview.share_men
        values = {key: _figure_text(overview.figure(key)) for key, _msgid in FIGURES}
        values["share_men"] = EMPTY if share is None else format_percent(share)
        details = {
            # TRANSLATORS: "{groups}" and "{open}" are the two counts below, e.g.
            # "12 group meetings" and "3 open meetings".
            "meetings_all": _("{groups}, {open}").format(
                groups=ngettext("{count} group meeting", "{count} group meetings",
                                overview.group_meetings).format(
                    count=format_number(overview.group_meetings)),
                open=ngettext("{count} open meeting", "{count} open meetings",
                              overview.open_meetings).format(
                    count=format_number(overview.open_meetings))),
            "other_language": ngettext("{count} with an interpreter", "{count} with an interpreter",
                                  overview.groups_with_interpreter).format(
                count=format_number(overview.groups_with_interpreter)),
            "attention": _("A planned meeting date passed with no attendance registered."),
        }
        for key, msgid in FIGURES:
            card = self.cards[key]
            card.value.setText(values[key])
            card.caption.setText(_(msgid))
            card.detail.setText(details.get(key, ""))
            # An empty detail line would still take a line's height from the caption.
            card.detail.setVisible(bool(card.detail.text()))
            card.setToolTip(_(figures.definition(key)))
            card.setAccessibleName(f"{_(msgid)}: {values[key]}")
        self.attention_label.setText(_("Series that need attention (Enter opens)"))
        self.attention_list.clear()
        for item in overview.attention:
            entry = QListWidgetItem(self._attention_text(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.series_id)
            self.attention_list.addItem(entry)
        if not overview.attention:
            self.attention_list.addItem(_("Nothing needs attention."))


def load_demo(store: Store) -> Change:
    """A demo year into an empty store (nothing when registrations exist meanwhile)."""
    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.store import Change

    if store.is_empty():
        generate_demo(store, years=1)
    return Change("everything", "created")


def _figure_text(value: int | float | None) -> str:
    return EMPTY if value is None else format_number(value)


def create_preview(glance: Glance) -> HomePage:
    """The page as the first window shows it, before the Store is open."""
    return HomePage(None, glance)
