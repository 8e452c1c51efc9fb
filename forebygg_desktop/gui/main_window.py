"""The main window: navigation on the leading side, the chosen area beside it."""

from __future__ import annotations

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
        self.pages: dict[str, QWidget] = {}
        for spec in self.specs:
            page = spec.factory(ctx)
            page.setObjectName(f"page-{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            # Areas that lead elsewhere (start page → a series, a draft) ask the window.
            navigate = getattr(page, "navigate_requested", None)
            if navigate is not None:
                navigate.connect(self.navigate)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        if self.specs:
            self.navigation.setCurrentRow(0)
        ctx.ops.failed.connect(self._show_error)
        ctx.language.language_changed.connect(lambda _code: self.retranslate_ui())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Forebygg Desktop"))
        for row, spec in enumerate(self.specs):
            item = self.navigation.item(row)
            item.setText(spec.title())
            item.setToolTip(spec.title())

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
