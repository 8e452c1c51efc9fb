"""Help inside the program: F1 opens the guide for the area on screen in the interface
language (right to left in Arabic); About shows the version, the data and log folders and
opens them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from forebygg_desktop import __version__
from forebygg_desktop.core import help_pages, i18n
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.help import about as about_module
from forebygg_desktop.gui.help.window import HelpWindow
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.pages import AREA_ORDER


@pytest.fixture
def window(ctx: AppContext, qtbot) -> MainWindow:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_f1_opens_the_guide_of_each_area_in_the_interface_language(
        window: MainWindow, ctx: AppContext, qtbot, language: str) -> None:
    ctx.language.apply(language)
    for area in AREA_ORDER:
        window.show_page(area)
        help_window = window.help_window or _first_help(window)
        with qtbot.waitSignal(help_window.page_shown, timeout=5_000) as shown:
            qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
        assert shown.args == [area, language]
        assert window.help_window is help_window and help_window.isVisible()
        expected = help_pages.read_page(help_pages.page_path(area, language))  # type: ignore[arg-type]
        title = expected.split("<h1>")[1].split("</h1>")[0]
        assert help_window.browser.toPlainText().startswith(title)
        rtl = help_window.browser.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert rtl == (language == "ar")
        assert help_window.areas.currentItem().data(Qt.ItemDataRole.UserRole) == area


def _first_help(window: MainWindow) -> HelpWindow:
    """Before the first F1 there is no help window yet: make it (hidden) to wait on it."""
    window.help_window = HelpWindow(window)
    return window.help_window


def test_the_guide_offers_easy_swedish_and_follows_the_list(window: MainWindow, qtbot) -> None:
    window.show_page("evaluations")
    help_window = window.open_help()
    index = help_window.languages.findData(help_pages.EASY_SWEDISH)
    with qtbot.waitSignal(help_window.page_shown) as shown:
        help_window.languages.setCurrentIndex(index)
    assert shown.args == ["evaluations", help_pages.EASY_SWEDISH]
    assert "utan namn" in help_window.browser.toPlainText()
    with qtbot.waitSignal(help_window.page_shown) as shown:
        help_window.areas.setCurrentRow(AREA_ORDER.index("reports"))
    assert shown.args == ["reports", help_pages.EASY_SWEDISH]


def test_about_shows_version_and_the_right_folders(
        window: MainWindow, ctx: AppContext, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(about_module.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
    dialog = window.open_about()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    data_dir = ctx.store.data_dir
    assert data_dir is not None
    assert dialog.version.text() == __version__
    assert Path(dialog.data_path.text()) == data_dir
    assert Path(dialog.log_path.text()) == data_dir / "logs"
    qtbot.mouseClick(dialog.open_data, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_logs, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opened] == [data_dir, data_dir / "logs"]
    assert (data_dir / "logs").is_dir()
    names = [dialog.components.item(row, 0).text() for row in range(dialog.components.rowCount())]
    assert "Qt 6" in names and "SQLite" in names and "Forebygg Desktop" in names
    licences = {dialog.components.item(row, 0).text(): dialog.components.item(row, 2).text()
                for row in range(dialog.components.rowCount())}
    assert licences["Forebygg Desktop"] == "EUPL-1.2"
    assert all(licences.values())
    versions = {dialog.components.item(row, 0).text(): dialog.components.item(row, 1).text()
                for row in range(dialog.components.rowCount())}
    assert versions["Forebygg Desktop"] == __version__ and versions["Qt 6"]


def test_about_in_arabic_keeps_paths_left_to_right(
        window: MainWindow, ctx: AppContext, qtbot) -> None:
    ctx.language.apply("ar")
    dialog = window.open_about()
    assert dialog is not None
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.data_path.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert dialog.windowTitle() != "About Forebygg Desktop"
    QApplication.processEvents()


def test_about_has_no_english_words_in_arabic_beyond_names_and_licence_codes(
        window: MainWindow, ctx: AppContext, qtbot) -> None:
    """Product names and SPDX identifiers stay as they are; a word (SQLite's "public
    domain", "fonts") is in the interface language."""
    def cells(language: str) -> dict[str, str]:
        ctx.language.apply(language)
        dialog = window.open_about()
        assert dialog is not None
        try:
            return {dialog.components.item(row, 0).text(): dialog.components.item(row, 2).text()
                    for row in range(dialog.components.rowCount())}
        finally:
            dialog.close()

    arabic = cells("ar")
    assert arabic["SQLite"] == "ملكية عامة"
    words = re.compile(r"\b(public|domain|with|data|fonts)\b", re.IGNORECASE)
    assert not [text for pair in arabic.items() for text in pair if words.search(text)]
    assert cells("sv")["SQLite"] == "allmän egendom"
