"""The main window: navigation on the leading side, the chosen area beside it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.pages import PageSpec, page_specs


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.resize(QSize(1366, 768))
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(210)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.specs: list[PageSpec] = page_specs()
        # Areas are built the first time they are shown: start-up pays for one, not ten.
        self.pages = _LazyPages(self)
        for spec in self.specs:
            self.stack.addWidget(QWidget(self.stack))
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._show_row)
        if self.specs:
            self.navigation.setCurrentRow(0)
        ctx.ops.failed.connect(self._show_error)
        ctx.language.language_changed.connect(self._language_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Forebygg Desktop"))
        for row, spec in enumerate(self.specs):
            item = self.navigation.item(row)
            item.setText(spec.title())
            item.setToolTip(spec.title())

    def _language_changed(self, _code: str) -> None:
        self.retranslate_ui()

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.pages[self.specs[row].key]  # builds the area on first use
            self.stack.setCurrentIndex(row)

    def build_page(self, key: str) -> QWidget:
        """Create an area in place of its placeholder (called once per area)."""
        row = next(i for i, spec in enumerate(self.specs) if spec.key == key)
        page = self.specs[row].factory(self.ctx)
        page.setObjectName(f"page-{key}")
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        # Areas that lead elsewhere (start page → a series, a draft) ask the window.
        navigate = getattr(page, "navigate_requested", None)
        if navigate is not None:
            navigate.connect(self.navigate)
        return page

    def show_page(self, key: str) -> None:
        """Bring an area to the front."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.navigation.setCurrentRow(row)

    def navigate(self, key: str, target: str) -> None:
        """Show an area and open something in it (`series:<id>`, `draft:<key>`)."""
        self.show_page(key)
        open_target = getattr(self.pages.get(key), "open_target", None)
        if open_target is not None:
            open_target(target)

    def _show_error(self, error: UserError) -> None:
        # Forms show their own inline errors; the status bar catches the rest.
        if error.field is None:
            self.statusBar().showMessage(error.message(), 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.ops.wait()
        super().closeEvent(event)


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
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter([spec.key for spec in self._window.specs])

    def __len__(self) -> int:
        return len(self._window.specs)

    def built(self) -> list[str]:
        """Keys of the areas created so far."""
        return list(self._built)
