"""Every window in the pseudo-language: no visible text that skipped translation, none clipped.

The pseudo-language ('qps') brackets and stretches every translated message by about 40 %,
so a visible text without "[…]" did not pass through `_()` (or was set once in a
constructor and missed the live switch), and a text wider than its widget will be clipped
in a long language such as Somali. Data is not UI text and is allowed as it is: numbers,
dates, and every string the catalogue, the shipped content or the database holds (locality
and programme names, codes, venues, user input).
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text as sql

from forebygg_desktop.core import i18n
from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.core.store import Store
from forebygg_desktop.devtools.dialogs import constructible_dialogs
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.pages import built_areas

BRACKETED = re.compile(r"\[[^\[\]]*\]")
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Identifiers such as "running" or "open_meeting" are codes: shown raw they are a bug.
CODE_LIKE = re.compile(r"^[a-z][a-z0-9_\-]*$")


# --- what counts as data --------------------------------------------------------------------

def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def data_strings(store: Store) -> set[str]:
    """Every string stored in the database or shipped as content: data, not UI text."""
    found: set[str] = set()
    with store.engine.connect() as connection:
        for table in sa_inspect(connection).get_table_names():
            for row in connection.execute(sql(f'SELECT * FROM "{table}"')):
                for value in row:
                    if isinstance(value, str) and value[:1] in "[{":
                        with contextlib.suppress(ValueError):
                            value = json.loads(value)
                    found.update(_strings(value))
    for path in resources_dir().rglob("*.json"):
        found.update(_strings(json.loads(path.read_text(encoding="utf-8"))))
    found.update(i18n.language_info(code).autonym for code in i18n.UI_LANGUAGES)
    locale = i18n.babel_locale("en")
    for names in (locale.months["format"]["wide"], locale.months["format"]["abbreviated"],
                  locale.quarters["format"]["wide"], locale.quarters["format"]["abbreviated"],
                  locale.days["format"]["wide"], locale.days["format"]["abbreviated"]):
        found.update(names.values())
    # Language names are names, even when they look like codes: Swedish writes them in
    # lower case ("svenska", "arabiska"), and so do other languages' autonyms ("polski").
    names: set[str] = set()
    catalog = json.loads((resources_dir() / "catalog" / "catalog.json").read_text("utf-8"))
    for language in catalog["languages"]:
        names.add(language["autonym"])
        names.update(_strings(language["names"]))
    kiosk = json.loads((resources_dir() / "kiosk" / "texts.json").read_text("utf-8"))
    names.update(_strings(kiosk["texts"]["autonym"]))
    return {s.strip() for s in found
            if s.strip() and LETTER.search(s) and not CODE_LIKE.match(s.strip())} | names


@dataclass
class Findings:
    untranslated: list[str] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.untranslated or self.clipped)

    def report(self) -> str:
        lines = [f"untranslated: {t}" for t in self.untranslated]
        lines += [f"clipped: {t}" for t in self.clipped]
        return "\n".join(lines)


class TextAudit:
    """Checks one visible text: bracketed (translated) or data, and not wider than its room."""

    def __init__(self, data: set[str], check_translation: bool = True) -> None:
        self.check_translation = check_translation
        # Longest first, so "Norrtälje stad" goes before "Norrtälje".
        self._data = sorted(data, key=len, reverse=True)
        self._exact = set(data)
        self.findings = Findings()

    def is_translated_or_data(self, text: str) -> bool:
        text = text.replace("&&", "&").strip()
        if not text or text in self._exact:
            return True
        rest = BRACKETED.sub(" ", text)
        if not LETTER.search(rest):
            return True
        for item in self._data:
            if item in rest:
                rest = rest.replace(item, " ")
                if not LETTER.search(rest):
                    return True
        return False

    def text(self, where: str, text: str) -> None:
        if self.check_translation and not self.is_translated_or_data(text):
            self.findings.untranslated.append(f"{where}: {text!r}")

    def fits(self, where: str, text: str, needed: int, room: int) -> None:
        if needed > room:
            self.findings.clipped.append(f"{where}: {text!r} needs {needed} px, has {room}")


# --- walking the widgets --------------------------------------------------------------------

def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&nbsp;", " ")


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _audit_label(audit: TextAudit, label: QLabel) -> None:
    text = label.text()
    if not text:
        return
    rich = QtGui.Qt.mightBeRichText(text) or label.textFormat() == Qt.TextFormat.RichText
    shown = _plain(text) if rich else text.replace("&&", "\0").replace("&", "")
    shown = shown.replace("\0", "&")
    audit.text(_name(label), shown)
    if not label.wordWrap() and not rich and "\n" not in shown:
        room = label.contentsRect().width() - 2 * max(label.indent(), 0) - 2 * label.margin()
        audit.fits(_name(label), shown, label.fontMetrics().horizontalAdvance(shown), room)


def _audit_button(audit: TextAudit, button: QAbstractButton) -> None:
    text = button.text()
    if not text:
        return
    box = button.parent()
    if isinstance(box, QDialogButtonBox) and \
            box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton:
        return  # Qt's own text, translated by Qt's catalogs (there is none for 'qps')
    if isinstance(button, QToolButton) and \
            button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return
    audit.text(_name(button), text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    # A button narrower than its own size hint cuts its text off.
    audit.fits(_name(button), text, button.sizeHint().width(), button.width())


def _audit_combo(audit: TextAudit, combo: QComboBox) -> None:
    for index in range(combo.count()):
        audit.text(f"{_name(combo)}[{index}]", combo.itemText(index))
    if combo.isEditable() or not combo.currentText():
        return
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field_rect = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                              QStyle.SubControl.SC_ComboBoxEditField, combo)
    text = combo.currentText()
    audit.fits(_name(combo), text, combo.fontMetrics().horizontalAdvance(text),
               field_rect.width())


def _audit_headers(audit: TextAudit, view: QAbstractItemView) -> None:
    model = view.model()
    if model is None:
        return
    for orientation, header in ((Qt.Orientation.Horizontal, getattr(view, "horizontalHeader",
                                                                      None)),
                                (Qt.Orientation.Vertical, getattr(view, "verticalHeader", None))):
        header_view = header() if header else None
        if orientation == Qt.Orientation.Horizontal and header_view is None:
            header_view = getattr(view, "header", lambda: None)()
        if not isinstance(header_view, QHeaderView) or not header_view.isVisible():
            continue
        count = model.columnCount() if orientation == Qt.Orientation.Horizontal \
            else model.rowCount()
        for section in range(count):
            if header_view.isSectionHidden(section):
                continue
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                audit.text(f"{_name(view)} header {section}", value)


def audit_window(window: QWidget, audit: TextAudit) -> None:
    """Every visible text of `window` and its children."""
    if window.windowTitle():
        audit.text(f"{_name(window)} title", window.windowTitle().replace("[*]", ""))
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if not _visible(widget):
            continue
        if isinstance(widget, QLabel):
            _audit_label(audit, widget)
        elif isinstance(widget, QAbstractButton):
            _audit_button(audit, widget)
        elif isinstance(widget, QComboBox):
            _audit_combo(audit, widget)
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    audit.text(f"{_name(widget)} tab {index}", widget.tabText(index)
                               .replace("&&", "\0").replace("&", "").replace("\0", "&"))
        if isinstance(widget, QGroupBox) and widget.title():
            title = widget.title().replace("&", "")
            audit.text(_name(widget), title)
            audit.fits(_name(widget), title, widget.fontMetrics().horizontalAdvance(title),
                       widget.width() - 16)
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                if not item.isHidden():
                    audit.text(f"{_name(widget)} item {row}", item.text())
        if isinstance(widget, QAbstractItemView):
            _audit_headers(audit, widget)


# --- fixtures -------------------------------------------------------------------------------

def _main_window(ctx: AppContext, keys: set[str]) -> MainWindow:
    """A main window holding only the areas in `keys`."""
    specs = [spec for spec in built_areas() if spec.key in keys]
    with mock.patch("forebygg_desktop.gui.main_window.built_areas", return_value=specs):
        window = MainWindow(ctx)
    window.show()
    return window


@pytest.fixture(scope="module")
def pseudo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, set[str]]]:
    """A demo year (built once for the module) and the strings it holds as data."""
    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.startup import open_store

    folder = tmp_path_factory.mktemp("pseudo")
    store = open_store(folder / "forebygg.sqlite3", folder / "backups")
    generate_demo(store, years=1)
    yield store, data_strings(store)
    store.close()


def _build(qapp: QApplication, store: Store, keys: set[str],
           then: str = i18n.PSEUDO_LANGUAGE) -> tuple[MainWindow, AppContext]:
    load_fonts(qapp)
    language = LanguageController(qapp)
    language.apply("sv")
    ctx = AppContext(store=store, ops=Operations(store), language=language)
    window = _main_window(ctx, keys)
    # Built in Swedish, then switched live: a text set only in a constructor stays unbracketed.
    language.apply(then)
    qapp.processEvents()
    return window, ctx


@pytest.fixture
def pseudo_window(qapp: QApplication, pseudo_store: tuple[Store, set[str]]) \
        -> Iterator[tuple[MainWindow, AppContext, set[str]]]:
    """The main window with every finished area (tests/gui/conftest.py deletes it after)."""
    store, data = pseudo_store
    window, ctx = _build(qapp, store, {spec.key for spec in built_areas()})
    yield window, ctx, data
    ctx.language.apply("sv")
    ctx.ops.wait()


def _finished_areas() -> list[str]:
    return [spec.key for spec in built_areas()]



def _settled(ctx: AppContext) -> None:
    """Let the loop run, and the area's reads (off the screen's thread) arrive and lay out."""
    for _round in range(3):
        QApplication.processEvents()
    for _round in range(2000):  # at most about 10 s
        if ctx.ops.idle():
            break
        QApplication.processEvents()
        time.sleep(0.005)
    for _round in range(3):
        QApplication.processEvents()


def _show_in_pseudo(window: MainWindow, ctx: AppContext, key: str) -> None:
    ctx.language.apply(i18n.PSEUDO_LANGUAGE)
    window.show_page(key)
    _settled(ctx)


def _audit_pseudo(window: MainWindow, ctx: AppContext, key: str, data: set[str]) -> None:
    _show_in_pseudo(window, ctx, key)
    assert i18n.current_language() == i18n.PSEUDO_LANGUAGE
    audit = TextAudit(data)
    audit_window(window, audit)
    assert not audit.findings, f"area {key}:\n{audit.findings.report()}"


def _audit_fit(window: MainWindow, ctx: AppContext, key: str, language: str,
               data: set[str]) -> None:
    ctx.language.apply(language)
    window.show_page(key)
    _settled(ctx)
    audit = TextAudit(data, check_translation=False)
    audit_window(window, audit)
    assert not audit.findings, f"area {key} in {language}:\n{audit.findings.report()}"


# --- tests ----------------------------------------------------------------------------------

def test_the_audit_tells_translated_text_from_raw_text() -> None:
    audit = TextAudit({"Rimbo", "ABC-3-12"})
    assert audit.is_translated_or_data("[Sávé·····]")
    assert audit.is_translated_or_data("[Grõüp···]: Rimbo · ABC-3-12 · 12 (34 %)")
    assert audit.is_translated_or_data("2026-03-31")
    assert not audit.is_translated_or_data("Save")
    assert not audit.is_translated_or_data("[Sávé·····] Cancel")
    assert not audit.is_translated_or_data("Rimbo centre")


@pytest.mark.parametrize("key", _finished_areas())
def test_area_shows_only_translated_unclipped_text(
        pseudo_window: tuple[MainWindow, AppContext, set[str]], key: str) -> None:
    window, ctx, data = pseudo_window
    _audit_pseudo(window, ctx, key, data)


@pytest.mark.parametrize("language", ["so", "ar"])
@pytest.mark.parametrize("key", _finished_areas())
def test_area_text_fits_in_the_longest_real_languages(
        pseudo_window: tuple[MainWindow, AppContext, set[str]], key: str, language: str) -> None:
    # Somali runs longest; Arabic needs its own font. Switched live, as a user would.
    window, ctx, data = pseudo_window
    _audit_fit(window, ctx, key, language, data)


def test_navigation_lists_every_area_in_pseudo_language(
        pseudo_window: tuple[MainWindow, AppContext, set[str]]) -> None:
    window, ctx, _data = pseudo_window
    _show_in_pseudo(window, ctx, window.specs[0].key)
    texts = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert len(texts) == len(window.specs) >= 1
    assert all(BRACKETED.fullmatch(text) for text in texts), texts
    assert BRACKETED.fullmatch(window.windowTitle())


def _dialog_params() -> list[Any]:
    params = []
    for cls in constructible_dialogs():
        params.append(pytest.param(cls, id=cls.__qualname__))
    return params


@pytest.mark.parametrize("dialog_class", _dialog_params())
def test_dialog_shows_only_translated_unclipped_text(
        pseudo_window: tuple[MainWindow, AppContext, set[str]],
        dialog_class: type[QDialog]) -> None:
    _window, ctx, data = pseudo_window
    # Built in Swedish and switched live, like the main window.
    ctx.language.apply("sv")
    dialog = dialog_class(ctx)
    try:
        dialog.show()
        ctx.language.apply(i18n.PSEUDO_LANGUAGE)
        for _round in range(3):
            QApplication.processEvents()
        audit = TextAudit(data)
        audit_window(dialog, audit)
        assert not audit.findings, f"{dialog_class.__qualname__}:\n{audit.findings.report()}"
    finally:
        dialog.close()
        dialog.deleteLater()
