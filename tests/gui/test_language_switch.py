"""The live language switch: one open main window goes sv → ar → so → en → sv, no restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.gui.areas.talks.form import TalkForm
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import QT_LOCALES, LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.date_field import DateField
from forebygg_desktop.gui.widgets.localized_editors import LocalizedDateEdit, qt_date_format

# A sample per language: (navigation title of Settings, the settings form's Save button,
# Qt's own Cancel button). Written out, so a catalog that fails to load cannot pass.
EXPECTED = {
    "sv": ("Inställningar", "Spara inställningar", "Avbryt"),
    "en": ("Settings", "Save settings", "Cancel"),
    "ar": ("الإعدادات", "حفظ الإعدادات", "ألغِ"),
    "so": ("Dejinta", "Kaydi dejinta", "Jooji"),
}
# What a date editor shows for 31 March 2026 (Latin digits in every language). In Arabic Qt
# keeps the sections in visual order, so the day stands rightmost and is read first.
# ISO in every language: CLDR's short dates are ambiguous (US "3/31/26", Somali "31/03/26").
DATE_SHOWN = {"sv": "2026-03-31", "en": "2026-03-31", "ar": "2026-03-31", "so": "2026-03-31"}


@pytest.fixture
def window(qapp: QApplication, tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    store = open_store(tmp_path / "forebygg.sqlite3", tmp_path / "backups")
    load_fonts(qapp)
    language = LanguageController(qapp)
    language.apply("sv")
    ctx = AppContext(store=store, ops=Operations(store), language=language)
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    yield main
    language.apply("sv")
    ctx.ops.wait()
    store.close()


class _Form(QWidget):
    """A stand-in for any area's form: a date editor and Qt's standard buttons."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.date_edit = LocalizedDateEdit(self)
        self.date_edit.setDate(QDate(2026, 3, 31))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.buttons)


def _switch(window: MainWindow, code: str) -> None:
    window.ctx.language.apply(code)
    # LanguageChange is posted to every window and reaches them on the next event pass.
    QApplication.processEvents()
    QApplication.processEvents()


def _button_text(box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> str:
    button = box.button(which)
    assert button is not None
    return button.text().replace("&", "")


def _settings_nav_text(window: MainWindow) -> str:
    for row, spec in enumerate(window.specs):
        if spec.key == "settings":
            return window.navigation.item(row).text()
    raise AssertionError("no Settings area")


def test_switch_through_every_language_in_one_run(window: MainWindow, qtbot: QtBot) -> None:
    form = _Form()
    qtbot.addWidget(form)
    form.show()
    window.show_page("settings")
    page = window.pages["settings"]
    save = page.findChild(QPushButton, "settings-save")
    picker = page.findChild(QComboBox, "language-picker")
    assert save is not None and picker is not None
    shown_titles = set()
    for code in ("sv", "ar", "so", "en", "sv"):
        _switch(window, code)
        nav, save_text, cancel = EXPECTED[code]
        rtl = code == "ar"
        assert i18n.current_language() == code
        assert _settings_nav_text(window) == nav
        assert save.text().replace("&", "") == save_text
        assert _button_text(form.buttons, QDialogButtonBox.StandardButton.Cancel) == cancel
        assert picker.currentData() == code
        expected_direction = Qt.LayoutDirection.RightToLeft if rtl \
            else Qt.LayoutDirection.LeftToRight
        assert QApplication.layoutDirection() == expected_direction
        assert window.layoutDirection() == expected_direction
        assert page.layoutDirection() == expected_direction
        # Mirrored: in Arabic the navigation sits on the right of the page.
        nav_x = window.navigation.mapTo(window, window.navigation.rect().topLeft()).x()
        stack_x = window.stack.mapTo(window, window.stack.rect().topLeft()).x()
        assert (nav_x > stack_x) == rtl
        # Editors that already existed take the new locale and format.
        assert form.date_edit.locale().name() == QLocale().name()
        assert form.date_edit.displayFormat() == qt_date_format()
        assert form.date_edit.text() == DATE_SHOWN[code]
        shown_titles.add(window.windowTitle())
        example = page.findChild(QLabel, "language-example")
        assert example is not None
        assert i18n.format_number(1234.5) in example.text()
    assert form.date_edit.date() == QDate(2026, 3, 31)


def test_picking_a_language_in_settings_switches_live_and_is_remembered(
        window: MainWindow, qtbot: QtBot) -> None:
    window.show_page("settings")
    picker = window.pages["settings"].findChild(QComboBox, "language-picker")
    assert picker is not None
    autonyms = [picker.itemText(i) for i in range(picker.count())]
    # Each name in its own capitalisation: Swedish writes language names in lower case.
    assert autonyms == ["svenska", "English", "العربية", "Soomaali"]
    with qtbot.waitSignal(window.ctx.ops.changed, timeout=5000):
        picker.setCurrentIndex(picker.findData("so"))
    assert i18n.current_language() == "so"
    assert window.ctx.store.settings.get(settings.LANGUAGE) == "so"
    QApplication.processEvents()
    assert _settings_nav_text(window) == EXPECTED["so"][0]


def test_somali_standard_buttons_are_not_english(window: MainWindow, qtbot: QtBot) -> None:
    _switch(window, "so")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes
                           | QDialogButtonBox.StandardButton.No
                           | QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    texts = {which: _button_text(box, which) for which in (
        QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
        QDialogButtonBox.StandardButton.Yes, QDialogButtonBox.StandardButton.No,
        QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Close)}
    english = {"OK", "Cancel", "Yes", "No", "Save", "Close"}
    assert not set(texts.values()) & english, texts
    assert texts[QDialogButtonBox.StandardButton.Ok] == "Haye"
    assert texts[QDialogButtonBox.StandardButton.Cancel] == "Jooji"


def test_qt_date_format_is_editable_and_latin_in_every_language(window: MainWindow) -> None:
    for code in i18n.UI_LANGUAGES:
        _switch(window, code)
        fmt = qt_date_format()
        assert "yyyy" in fmt and "dd" in fmt and "MM" in fmt
        assert "\u200f" not in fmt
        shown = QLocale().toString(QDate(2026, 3, 31), fmt)
        assert shown.isascii(), (code, shown)
        assert i18n.format_date(date(2026, 3, 31)).replace("\u200f", "").isprintable()


def test_direction_follows_language_even_after_qt_catalog_flips_it(window: MainWindow) -> None:
    # Loading qtbase_ar flips the direction on its own once; apply() must set it each time.
    for code in ("ar", "en", "ar", "sv"):
        _switch(window, code)
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert rtl == (code == "ar")
        QApplication.sendEvent(QApplication.instance(), QEvent(QEvent.Type.LanguageChange))
        QApplication.processEvents()
        assert (QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft) == rtl


def test_text_field_menu_follows_the_language(window: MainWindow, qtbot: QtBot) -> None:
    english = {"&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"}
    for code, expected_copy in (("so", "&Koobiyee"), ("sv", "&Kopiera"), ("en", "&Copy")):
        _switch(window, code)
        field = QLineEdit()
        qtbot.addWidget(field)
        field.setText("Rimbo")
        menu = field.createStandardContextMenu()
        texts = {action.text().split("\t")[0] for action in menu.actions() if action.text()}
        menu.deleteLater()
        assert expected_copy in texts, (code, texts)
        if code != "en":
            assert not texts & english, (code, texts & english)


def test_somali_qt_catalog_compiles_from_its_source(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from PySide6.QtCore import QTranslator

    from forebygg_desktop.devtools import catalogs

    shutil.copy(catalogs.qt_catalog_dir() / "qtbase_so.ts", tmp_path)
    monkeypatch.setattr(catalogs, "qt_catalog_dir", lambda: tmp_path)
    assert catalogs.find_lrelease() is not None
    built = catalogs.compile_qt()
    assert built == [tmp_path / "qtbase_so.qm"]
    translator = QTranslator()
    assert translator.load(str(built[0]))
    assert translator.translate("QPlatformTheme", "Cancel") == "Jooji"
    assert translator.translate("QLineEdit", "Select All") == "Dooro dhammaan"


def _open_calendar(field: DateField) -> None:
    """Click the field's arrow (on the left, right to left) as a user opens the calendar."""
    rtl = field.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arrow = QPoint(8 if rtl else field.width() - 8, field.height() // 2)
    QTest.mouseClick(field, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, arrow)


def test_date_field_calendar_follows_a_live_switch(ctx: AppContext, qtbot: QtBot) -> None:
    # A real form, open during the switch: its date field's calendar pop-up must show the
    # new language's month and day names and direction; the field stays ISO, Latin digits.
    form = TalkForm(ctx)
    qtbot.addWidget(form)
    form.show()
    field = form.fields["first_talk_on"]
    assert isinstance(field, DateField)
    field.set_value(date(2026, 3, 31))
    calendar = field.calendarWidget()
    month_button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    days = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert month_button is not None and days is not None
    for code, march in (("sv", "mars"), ("ar", "مارس"), ("sv", "mars")):
        with qtbot.waitSignal(ctx.language.language_changed):
            ctx.language.apply(code)
        QApplication.processEvents()
        QApplication.processEvents()
        locale = QLocale(QT_LOCALES[code])
        direction = Qt.LayoutDirection.RightToLeft if code == "ar" \
            else Qt.LayoutDirection.LeftToRight
        _open_calendar(field)
        qtbot.waitUntil(calendar.isVisible)
        assert calendar.locale().name() == field.locale().name() == locale.name()
        assert calendar.layoutDirection() == direction
        assert calendar.window().layoutDirection() == direction
        assert month_button.text() == march == locale.monthName(3)
        model = days.model()
        header = {model.data(model.index(0, column)) for column in range(model.columnCount())}
        assert {locale.dayName(day, QLocale.FormatType.ShortFormat)
                for day in range(1, 8)} <= header
        assert calendar.firstDayOfWeek() == locale.firstDayOfWeek()
        assert field.displayFormat() == "yyyy-MM-dd"
        assert field.text().isascii() and field.value() == date(2026, 3, 31)
        calendar.window().hide()


def test_a_date_editor_reads_left_to_right_in_arabic(window: MainWindow) -> None:
    """Mirrored, an ISO date's sections read "31-03-2026"; the editor keeps them in order."""
    from forebygg_desktop.gui.widgets.localized_editors import LocalizedDateEdit

    _switch(window, "ar")
    editor = LocalizedDateEdit()
    try:
        editor.setDate(QDate(2026, 3, 31))
        assert editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert editor.text() == "2026-03-31"
        _switch(window, "sv")
        assert editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        editor.deleteLater()
