"""The main window: navigation on the leading side, the chosen area beside it.

The window can be shown before the Store is open (see `gui/app.py`): it then lists every
area, shows the start page from a read-only glance, and holds the other areas behind an
"opening" notice until `attach` hands it the context.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.files import is_damage
from forebygg_desktop.core.i18n import _, current_language, pgettext
from forebygg_desktop.gui import collector
from forebygg_desktop.gui.pages import Area, built_areas
from forebygg_desktop.gui.widgets import window_geometry
from forebygg_desktop.gui.widgets.page_stack import PageStack
from forebygg_desktop.gui.widgets.shortcuts import shortcut

if TYPE_CHECKING:
    from forebygg_desktop.core.glance import Glance
    from forebygg_desktop.gui.context import AppContext
    from forebygg_desktop.gui.help.about import AboutDialog
    from forebygg_desktop.gui.help.window import HelpWindow
    from forebygg_desktop.gui.language import LanguageController
    from forebygg_desktop.gui.undo_actions import UndoBar

HOME = "home"



def area_key(row: int) -> str:
    """The shortcut that opens the area in navigation row `row` (0-8): Ctrl+1 … Ctrl+9."""
    return f"Ctrl+{row + 1}"


class OpeningNotice(QLabel):
    """Stands in for an area until the Store is open (a fraction of a second)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.damaged = False
        self.retranslate_ui()

    def show_damaged(self) -> None:
        """The area could not read the database: say so instead of the area."""
        self.damaged = True
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("This area cannot be shown: the database file is damaged. Restore a "
                       "backup in Settings → Backups.") if self.damaged
                     else _("Opening the registrations…"))


class MainWindow(QMainWindow):
    """`MainWindow(ctx)`, or `MainWindow(language=…, glance=…)` and later `attach(ctx)`."""

    # The Store is attached: every area can be opened.
    attached = Signal()
    # An area is on screen (its key), built if it was not yet.
    area_shown = Signal(str)

    def __init__(self, ctx: AppContext | None = None, *,
                 language: LanguageController | None = None,
                 glance: Glance | None = None) -> None:
        super().__init__()
        self.ctx: AppContext | None = None
        self.setObjectName("MainWindow")
        # Its remembered place on this screen, within the available area (before it shows).
        window_geometry.restore(self, ctx.store.settings.get(settings.WINDOW_PLACES)
                                if ctx is not None else
                                glance.window_places if glance is not None else None)
        central = QWidget(self)
        self._central = central
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.undo_bar: UndoBar | None = None
        self._top = QHBoxLayout()
        outer.addLayout(self._top)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(210)
        self.stack = PageStack(central)
        # Help (F1) and About below the navigation; their windows load on first use.
        self.help_button = QPushButton(central)
        self.help_button.setObjectName("help-button")
        self.help_button.clicked.connect(self.open_help)
        self.about_button = QPushButton(central)
        self.about_button.setObjectName("about-button")
        self.about_button.clicked.connect(self.open_about)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 6)
        side.addWidget(self.navigation, 1)
        side.addWidget(self.help_button)
        side.addWidget(self.about_button)
        layout.addLayout(side)
        layout.addWidget(self.stack, 1)
        self.help_window: HelpWindow | None = None
        help_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)
        help_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        help_shortcut.activated.connect(self.open_help)
        # On a screen smaller than an area needs (1366×768 at 150 %), the window still fits
        # the screen and the area scrolls, instead of the window growing past the screen.
        scroller = QScrollArea(self)
        scroller.setObjectName("area-scroller")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(central)
        self.setCentralWidget(scroller)
        self.specs: list[Area] = built_areas()
        # Areas are built the first time they are shown: start-up pays for one, not ten.
        self.pages = _LazyPages(self)
        self._pending_target: tuple[str, str] | None = None
        # True while the program itself chooses an area (`show_page`): it is built and shown
        # at once. A person's choice (a click, a key) builds it in a pass of its own.
        self._choosing = False
        for spec in self.specs:
            self.stack.addWidget(OpeningNotice(self.stack))
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        if glance is not None and ctx is None:
            self._preview_home(glance)
        self.navigation.currentRowChanged.connect(self._row_chosen)
        # A screen reader selects an entry through the accessibility bus (AT-SPI's
        # Selection, the item's Toggle action) without moving the current row: follow it.
        self.navigation.itemSelectionChanged.connect(self._follow_selection)
        # Ctrl+1 … Ctrl+9 open the areas in navigation order (shown in the tooltips).
        for row in range(min(9, len(self.specs))):
            shortcut(area_key(row), self, partial(self.navigation.setCurrentRow, row))
        controller = ctx.language if ctx is not None else language
        if controller is not None:
            controller.language_changed.connect(self._language_changed)
        if ctx is not None:
            self.attach(ctx)
        elif self.specs:
            self._choose(0)
        self.retranslate_ui()

    def attach(self, ctx: AppContext) -> None:
        """The Store is open: build what was waiting for it and enable every area."""
        self.ctx = ctx
        ctx.ops.failed.connect(self._show_error)
        from forebygg_desktop.gui.undo_actions import UndoBar

        self.undo_bar = UndoBar(ctx, self, self._central)
        self._top.addWidget(self.undo_bar)
        # One change signal: a language switch reaches the views as a Change too (figures
        # and lists formatted anew), on the next event pass, outside Qt's LanguageChange.
        ctx.language.language_changed.connect(self._announce_language)
        # A page shown before the Store was open (the start page) now reads from it.
        for page in self.pages.built_pages():
            attach = getattr(page, "attach", None)
            if attach is not None:
                attach(ctx)
        if self.navigation.currentRow() < 0 and self.specs:
            self._choose(0)
        else:
            self._show_row(self.navigation.currentRow())
        self.attached.emit()
        if self._pending_target is not None:
            self.navigate(*self._pending_target)

    @property
    def is_attached(self) -> bool:
        return self.ctx is not None

    def _preview_home(self, glance: Glance) -> None:
        spec = next((spec for spec in self.specs if spec.key == HOME), None)
        if spec is not None:
            self.pages.place(HOME, spec.module().create_preview(glance))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Forebygg Desktop"))
        # TRANSLATORS: the list of the program's areas (Start, Groups, Reports …), as a
        # screen reader announces it.
        self.navigation.setAccessibleName(pgettext("the program's sections in the navigation",
                                                   "Areas"))
        self.help_button.setText(_("Help (F1)"))
        self.about_button.setText(_("About"))
        if self.help_window is not None:
            self.help_window.retranslate_ui()
        for row, spec in enumerate(self.specs):
            item = self.navigation.item(row)
            item.setText(spec.title())
            item.setToolTip(spec.title() if row >= 9 else _(
                # TRANSLATORS: a navigation entry's tooltip, e.g. "Reports (Ctrl+8)".
                "{area} ({shortcut})").format(area=spec.title(), shortcut=QKeySequence(
                    area_key(row)).toString(QKeySequence.SequenceFormat.NativeText)))
            notice = self.stack.widget(row)
            if isinstance(notice, OpeningNotice):
                notice.retranslate_ui()

    def _announce_language(self, code: str) -> None:
        from forebygg_desktop.core.store import Change

        ctx = self.ctx
        if ctx is not None:
            change = Change("language", "switched", (code,))
            QTimer.singleShot(0, ctx.ops, lambda: ctx.ops.changed.emit(change))

    def _language_changed(self, _code: str) -> None:
        self.retranslate_ui()
        if self.undo_bar is not None:
            self.undo_bar.retranslate_ui()

    def _row_chosen(self, row: int) -> None:
        """A person chose an area. One not built yet is built while the area on screen
        stays, and shown a pass later: building it (20-50 ms on a central store) and its
        first layout and paint never hold the window in one piece, and the navigation
        shows the choice at once."""
        if self._choosing or not self._needs_building(row):
            self._show_row(row)
            return
        QTimer.singleShot(1, self, partial(self._build_chosen, row))

    def _needs_building(self, row: int) -> bool:
        return (self.is_attached and 0 <= row < len(self.specs)
                and self.specs[row].key not in self.pages.built())

    def _build_chosen(self, row: int) -> None:
        if self.navigation.currentRow() != row:
            return  # another area was chosen meanwhile
        self._build(row)
        QTimer.singleShot(1, self, partial(self._show_chosen, row))

    def _show_chosen(self, row: int) -> None:
        if self.navigation.currentRow() == row:
            self._show_row(row)

    def _build(self, row: int) -> None:
        key = self.specs[row].key
        if self.is_attached or key in self.pages.built():
            try:
                self.pages[key]  # builds the area on first use
            except Exception as error:
                if not is_damage(error):
                    raise
                # A damaged page: the window goes on; the check at start offers a
                # restore, and Settings (which reads no records) can still open.
                notice = self.stack.widget(row)
                if isinstance(notice, OpeningNotice):
                    notice.show_damaged()

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self._build(row)
            self.stack.setCurrentIndex(row)
            self.area_shown.emit(self.specs[row].key)

    def build_page(self, key: str) -> QWidget:
        """Create an area in place of its placeholder (called once per area)."""
        if self.ctx is None:
            raise RuntimeError(f"area {key!r} needs the Store, which is not open yet")
        spec = next(spec for spec in self.specs if spec.key == key)
        page = spec.create_page(self.ctx)
        self.place_page(key, page)
        return page

    def place_page(self, key: str, page: QWidget) -> None:
        """Put `page` in the area's place in the stack."""
        row = next(i for i, spec in enumerate(self.specs) if spec.key == key)
        page.setObjectName(f"page-{key}")
        placeholder = self.stack.widget(row)
        assert placeholder is not None  # every area has a place from the start
        current = self.stack.currentIndex() == row
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if current:
            self.stack.setCurrentIndex(row)
        # Areas that lead elsewhere (start page → a series, a draft) ask the window.
        navigate = getattr(page, "navigate_requested", None)
        if navigate is not None:
            navigate.connect(self.navigate)

    def _follow_selection(self) -> None:
        selected = self.navigation.selectedItems()
        if selected:
            row = self.navigation.row(selected[0])
            if row != self.navigation.currentRow():
                self.navigation.setCurrentRow(row)

    def show_page(self, key: str) -> None:
        """Bring an area to the front."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self._choose(row)

    def _choose(self, row: int) -> None:
        """Make `row` the current area now (built and shown before this returns)."""
        self._choosing = True
        try:
            self.navigation.setCurrentRow(row)
        finally:
            self._choosing = False

    def navigate(self, key: str, target: str) -> None:
        """Show an area and open something in it (`series:<id>`, `draft:<key>`)."""
        self.show_page(key)
        if not self.is_attached:
            self._pending_target = (key, target)  # opened once the Store is attached
            return
        self._pending_target = None
        open_target = getattr(self.pages.get(key), "open_target", None)
        if open_target is not None:
            open_target(target)

    def current_area(self) -> str:
        """The key of the area on screen (the start page before any is chosen)."""
        row = self.navigation.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else HOME

    def open_help(self) -> HelpWindow:
        """F1: the guide for the area on screen, in the interface language."""
        from forebygg_desktop.gui.help.window import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show_page(self.current_area(), current_language())
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        return self.help_window

    def open_about(self) -> AboutDialog | None:
        """The About dialog (needs the data folder, so the Store must be open)."""
        from forebygg_desktop.gui.help.about import AboutDialog

        if self.ctx is None or self.ctx.store.data_dir is None:
            return None
        dialog = AboutDialog(self.ctx.store.data_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show_error(self, error: UserError) -> None:
        # Forms show their own inline errors; the status bar catches the rest.
        if error.field is None:
            self.statusBar().showMessage(error.message(), 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ctx is not None:
            self.ctx.ops.wait()
            # A place not remembered never stops the program closing.
            with contextlib.suppress(UserError):
                window_geometry.remember(self, self.ctx.store.settings)
        super().closeEvent(event)
        if event.isAccepted():
            collector.release()


class _LazyPages(Mapping[str, QWidget]):
    """The window's areas by key; an area is built when first looked up."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._built:
            if key not in {spec.key for spec in self._window.specs}:
                raise KeyError(key)
            self._built[key] = self._window.build_page(key)
            # Its widgets live as long as the window: out of the collector's walk, after
            # the area's first reads (gui/collector.py).
            collector.area_built()
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter([spec.key for spec in self._window.specs])

    def __len__(self) -> int:
        return len(self._window.specs)

    def place(self, key: str, page: QWidget) -> None:
        """Put a page built elsewhere (the start page's preview) in the area's place."""
        self._window.place_page(key, page)
        self._built[key] = page

    def built_pages(self) -> list[QWidget]:
        return list(self._built.values())

    def built(self) -> list[str]:
        """Keys of the areas created so far."""
        return list(self._built)
