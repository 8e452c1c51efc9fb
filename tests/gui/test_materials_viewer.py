"""The materials viewer: filters, side by side, fallback notice, direction, PDF and print."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from forebygg_desktop.core.i18n import pgettext
from forebygg_desktop.core.materials import load_library
from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.gui.areas.materials.page import COLUMN_NEW, GENERAL, MaterialsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.pages import built_areas
from tests.gui.test_pseudo_language import TextAudit, _audit_combo

SHIPPED = resources_dir() / "materials"
RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def loaded_page(ctx: AppContext, qtbot: QtBot) -> MaterialsPage:
    """The page once its library, read off the screen's thread, is shown."""
    widget = MaterialsPage(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        pass  # the read's result can only arrive while the event loop runs, in here
    return widget


@pytest.fixture
def page(ctx: AppContext, qtbot: QtBot, qapp: QApplication) -> MaterialsPage:
    load_fonts(qapp)
    widget = loaded_page(ctx, qtbot)
    widget.resize(1150, 700)
    widget.show()
    return widget


def _install(ctx: AppContext, sheets: dict[str, tuple[int, dict[str, bytes]]],
             fmt: str = "markdown") -> None:
    """Install an update package {sheet id: (version, {language: bytes})} in the data dir."""
    files: dict[str, bytes] = {}
    entries = []
    for sheet_id, (version, texts) in sheets.items():
        translations = []
        for language, content in texts.items():
            relative = f"sheets/{sheet_id}/{language}.{'pdf' if fmt == 'pdf' else 'md'}"
            files[relative] = content
            translations.append({"language": language, "title": f"{sheet_id} {language}",
                                 "file": relative, "format": fmt,
                                 "sha256": hashlib.sha256(content).hexdigest(),
                                 "review": "reviewed"})
        entries.append({"id": sheet_id, "program": None, "topic": "support",
                        "version": version, "translations": translations})
    index = json.dumps({"format": 1, "package_version": 2, "sheets": entries}).encode()
    ctx.store.materials.install_update(index, files)


def _listed(page: MaterialsPage) -> list[str]:
    return [str(page.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole))  # type: ignore[union-attr]
            for i in range(page.list.topLevelItemCount())]


def _choose(combo: object, code: str | None) -> None:
    index = combo.findData(code)  # type: ignore[attr-defined]
    assert index >= 0, code
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_materials_is_a_navigation_area() -> None:
    assert "materials" in [spec.key for spec in built_areas()]


def test_filters_program_topic_language_and_title_search(page: MaterialsPage) -> None:
    library = load_library(SHIPPED)
    assert _listed(page) == [s.id for s in library.sheets]
    _choose(page.program, "FOS")
    assert _listed(page) == ["program-fos"]
    _choose(page.program, GENERAL)
    general = [s.id for s in library.sheets if s.program is None]
    assert _listed(page) == general and len(general) == 3
    _choose(page.program, None)
    _choose(page.topic, "social-services")
    assert _listed(page) == [s.id for s in library.filter(topic="social-services")]
    _choose(page.topic, None)
    page.search.setText("abc")
    assert _listed(page) == ["program-abc-3-12", "program-abc-tonar", "program-abc-0-2"]
    assert page.count.text().startswith("3")
    page.search.setText("zzz-no-such-title")
    assert _listed(page) == [] and page.parent_pane.resolved is None
    assert not page.pdf_button.isEnabled()


def test_language_filter_keeps_sheets_listed_in_that_language(ctx: AppContext,
                                                               qtbot: QtBot) -> None:
    _install(ctx, {"only-swedish": (1, {"sv": b"# Bara svenska\n"})})
    widget = loaded_page(ctx, qtbot)
    assert "only-swedish" in _listed(widget)
    _choose(widget.language, "so")
    assert "only-swedish" not in _listed(widget)
    assert len(_listed(widget)) == len(load_library(SHIPPED).sheets)
    # The search reads the titles of the filtered language: a Somali word finds it.
    widget.search.setText("waalidiinta")
    assert "program-abc-3-12" in _listed(widget)


def test_two_languages_side_by_side(page: MaterialsPage) -> None:
    page.select_sheet("program-trust")
    page.worker_pane.set_language("sv")
    page.parent_pane.set_language("so")
    library = load_library(SHIPPED)
    sheet = library.sheet("program-trust")
    worker_text = page.worker_pane.browser.toPlainText()
    parent_text = page.parent_pane.browser.toPlainText()
    assert worker_text.startswith(sheet.translation("sv").title)  # type: ignore[union-attr]
    assert parent_text.startswith(sheet.translation("so").title)  # type: ignore[union-attr]
    assert page.worker_pane.review.text().startswith("✓")  # Swedish is reviewed
    assert page.parent_pane.review.text().startswith("⚠")  # Somali is a draft
    assert not page.parent_pane.notice.isVisible()
    # The list titles follow the worker's language.
    page.worker_pane.set_language("en")
    item = page.list.currentItem()
    assert item is not None and item.text(0) == sheet.translation("en").title  # type: ignore[union-attr]


def test_missing_language_shows_swedish_with_a_visible_notice(ctx: AppContext,
                                                              qtbot: QtBot) -> None:
    _install(ctx, {"only-swedish": (1, {"sv": b"# Bara svenska\n\nText.\n"})})
    widget = loaded_page(ctx, qtbot)
    widget.show()
    widget.parent_pane.set_language("so")
    assert widget.select_sheet("only-swedish")
    pane = widget.parent_pane
    assert pane.resolved is not None and pane.resolved.is_fallback
    assert pane.browser.toPlainText().startswith("Bara svenska")  # never blank
    assert pane.notice.isVisible()
    assert "Somali" in pane.notice.text() or "somaliska" in pane.notice.text().lower()
    # Swedish text in the Somali pane: the text itself still reads left to right.
    assert pane.browser.layoutDirection() == LTR
    pane.set_language("sv")
    assert not pane.notice.isVisible()


def test_arabic_pane_is_right_to_left_and_easy_swedish_left_to_right(
        page: MaterialsPage) -> None:
    page.select_sheet("general-social-services")
    page.parent_pane.set_language("ar")
    page.worker_pane.set_language("sv-x-easy")
    assert page.parent_pane.layoutDirection() == RTL
    assert page.parent_pane.browser.layoutDirection() == RTL
    option = page.parent_pane.browser.document().defaultTextOption()
    assert option.textDirection() == RTL
    assert page.worker_pane.layoutDirection() == LTR
    assert page.worker_pane.browser.document().defaultTextOption().textDirection() == LTR
    page.parent_pane.set_language("so")
    assert page.parent_pane.layoutDirection() == LTR


def test_updated_sheet_is_marked_new_until_opened(ctx: AppContext, qtbot: QtBot) -> None:
    version = load_library(SHIPPED).sheet("program-biff").version + 1
    _install(ctx, {"program-biff": (version, {"sv": b"# BiFF nytt\n"})})
    widget = loaded_page(ctx, qtbot)
    assert widget.new_ids == {"program-biff"}
    row = _listed(widget).index("program-biff")
    item = widget.list.topLevelItem(row)
    new = pgettext("material sheet", "New")
    assert item is not None and item.text(COLUMN_NEW).endswith(new)
    # Every row names its review status; only the updated one says "new".
    first = widget.list.topLevelItem(0)
    assert first is not None and first.text(COLUMN_NEW) and new not in first.text(COLUMN_NEW)
    with qtbot.waitSignal(widget.loaded, timeout=5000):  # marked seen, read again
        widget.select_sheet("program-biff")
    assert widget.new_ids == frozenset()
    item = widget.list.topLevelItem(row)
    assert item is not None and new not in item.text(COLUMN_NEW)
    # Remembered: a new page (e.g. after a restart) does not mark it again.
    again = loaded_page(ctx, qtbot)
    assert again.new_ids == frozenset()


def test_show_to_parent_is_full_screen_large_and_closes_with_escape(
        page: MaterialsPage, qtbot: QtBot) -> None:
    page.select_sheet("program-ses")
    page.parent_pane.set_language("ar")
    dialog = page.show_to_parent()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.isFullScreen()
    assert dialog.browser.document().defaultFont().pointSizeF() >= 20
    assert dialog.browser.layoutDirection() == RTL
    assert "Esc" in dialog.close_button.text()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_save_as_pdf_embeds_the_arabic_font_and_renders(page: MaterialsPage,
                                                         tmp_path: Path) -> None:
    page.select_sheet("program-abc-3-12")
    page.parent_pane.set_language("ar")
    target = tmp_path / "usb" / "abc-ar.pdf"
    target.parent.mkdir()
    page.save_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"NotoSansArabic" in data  # the shipped font, so no empty boxes
    assert not list(target.parent.glob("*.part"))
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed: rendering check skipped")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(target),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert image.width() > 200 and image.height() > image.width()  # A4 portrait
    dark = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 100  # text was drawn
    # Right to left: ink sits in the right half more than in the left half of the page.
    half = image.width() // 2
    right = sum(1 for y in range(0, image.height(), 3) for x in range(half, image.width(), 3)
                if image.pixelColor(x, y).lightness() < 128)
    assert right > dark - right


def test_save_as_pdf_to_an_unwritable_place_raises(page: MaterialsPage,
                                                   tmp_path: Path) -> None:
    page.select_sheet("program-abc-3-12")
    with pytest.raises(OSError):
        page.save_pdf(tmp_path / "no-such-folder" / "x.pdf")


def test_print_lays_the_sheet_out_on_a_printer(page: MaterialsPage, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from forebygg_desktop.gui.areas.materials.text import print_sheet

    page.select_sheet("program-hanna-theo")
    page.parent_pane.set_language("so")
    assert page.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.parent_pane.resolved is not None
    print_sheet(page.parent_pane.resolved, printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def _real_pdf(text: str) -> bytes:
    """A one-page PDF written by Qt (so the test needs no PDF file of its own)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    painter = QPainter(writer)
    font = painter.font()
    font.setPointSize(40)
    painter.setFont(font)
    painter.drawText(200, 1200, text)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _dark_pixels(pixmap) -> int:
    image = pixmap.toImage()
    return sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
               if image.pixelColor(x, y).lightness() < 128)


def test_pdf_material_is_drawn_inside_the_program(ctx: AppContext, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    pdf = _real_pdf("Leaflet")
    _install(ctx, {"leaflet": (1, {"sv": pdf})}, fmt="pdf")
    widget = loaded_page(ctx, qtbot)
    widget.show()
    widget.parent_pane.set_language("sv")
    assert widget.select_sheet("leaflet")
    pane = widget.parent_pane
    assert pane.is_pdf() and pane.stack.currentWidget() is pane.pdf_panel
    pages = pane.pdf_pages.findChildren(QLabel, "pdf-page")
    assert len(pages) == 1
    assert _dark_pixels(pages[0].pixmap()) > 20  # the text is drawn, not a blank page
    assert not pane.pdf_text.isVisible()
    assert not widget.print_button.isEnabled()
    # The system viewer stays available (to zoom or search).
    opened: list[QUrl] = []
    monkeypatch.setattr("forebygg_desktop.gui.areas.materials.pane.QDesktopServices.openUrl",
                        lambda url: opened.append(url) or True)
    pane.open_button.click()
    assert opened and opened[0].toLocalFile().endswith("sheets/leaflet/sv.pdf")
    # Saving a PDF material copies the file as it is.
    copy = widget.save_pdf(tmp_path / "leaflet.pdf")
    assert copy.read_bytes() == pdf


def test_a_damaged_pdf_material_says_so_instead_of_a_blank(ctx: AppContext,
                                                           qtbot: QtBot) -> None:
    _install(ctx, {"leaflet": (1, {"sv": b"%PDF-1.4\n% cut off\n"})}, fmt="pdf")
    widget = loaded_page(ctx, qtbot)
    widget.show()
    widget.parent_pane.set_language("sv")
    assert widget.select_sheet("leaflet")
    pane = widget.parent_pane
    assert pane.pdf_pages.findChildren(QLabel, "pdf-page") == []
    assert pane.pdf_text.isVisible() and pane.pdf_text.text()


def test_texts_follow_a_live_language_switch(page: MaterialsPage, ctx: AppContext,
                                             qtbot: QtBot) -> None:
    ctx.language.apply("en")
    qtbot.waitUntil(lambda: page.heading.text() == "Materials for parents")
    assert page.topic.itemText(0) == "All topics"
    assert page.parent_pane.heading.text() == "Parent's la&nguage:"


@pytest.mark.parametrize("language", ["so", "ar"])
def test_language_pickers_fit_their_longest_entry_after_a_live_switch(
        ctx: AppContext, qtbot: QtBot, qapp: QApplication, language: str) -> None:
    # Built in English (the shortest names), then switched live as a user would: the
    # language pickers must show every entry whole in Somali and Arabic ("Lätt svenska –
    # Iswiidhish fudud"), in the 1366×768 window and at the narrowest a layout may make them
    # (their minimum size hint), and the window must still fit 1366×768.
    load_fonts(qapp)
    ctx.language.apply("en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("materials")
    page = window.pages["materials"]
    assert isinstance(page, MaterialsPage)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    ctx.language.apply(language)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1366
    audit = TextAudit(set(), check_translation=False)
    for pane in (page.parent_pane, page.worker_pane):
        combo = pane.language
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
            QApplication.processEvents()
            _audit_combo(audit, combo)
        combo.resize(combo.minimumSizeHint())  # as squeezed by a narrow window or splitter
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
            _audit_combo(audit, combo)
    assert not audit.findings, f"{language}:\n{audit.findings.report()}"


@pytest.mark.parametrize("ratio", [1.25, 1.5, 1.75])
def test_pdf_pages_are_sharp_at_windows_display_scaling(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ratio: float) -> None:
    """At 125-175 % the page is drawn with that many more pixels, marked with the ratio
    (so Qt shows it at the same size, sharp), instead of being stretched."""
    from forebygg_desktop.gui.areas.materials import pane as pane_module

    drawn: list[QImage] = []
    real = pane_module.render_pages

    def render(*args: object, **kwargs: object) -> list[QImage]:
        images = real(*args, **kwargs)  # type: ignore[arg-type]
        drawn.extend(images)
        return images

    monkeypatch.setattr(pane_module, "render_pages", render)
    monkeypatch.setattr(pane_module.SheetPane, "devicePixelRatioF", lambda _self: ratio)
    _install(ctx, {"leaflet": (1, {"sv": _real_pdf("Leaflet")})}, fmt="pdf")
    widget = loaded_page(ctx, qtbot)
    widget.show()
    widget.parent_pane.set_language("sv")
    assert widget.select_sheet("leaflet")
    assert drawn
    image = drawn[-1]
    assert image.devicePixelRatio() == pytest.approx(ratio)
    assert image.width() == pytest.approx(pane_module.PDF_PAGE_WIDTH * ratio, abs=1)
    assert image.deviceIndependentSize().width() == pytest.approx(
        pane_module.PDF_PAGE_WIDTH, abs=1)


def test_fallback_notice_shown_to_a_parent_is_in_the_parents_language(
        ctx: AppContext, qtbot: QtBot) -> None:
    """Staff work in Swedish, the parent reads Somali, the sheet exists only in Swedish:
    the full-screen notice the parent reads is Somali (not the staff's Swedish), and an
    Arabic-reading parent gets it in Arabic, right to left."""
    ctx.language.apply("sv")
    _install(ctx, {"only-swedish": (1, {"sv": b"# Bara svenska\n\nText.\n"})})
    widget = loaded_page(ctx, qtbot)
    widget.show()
    widget.parent_pane.set_language("so")
    assert widget.select_sheet("only-swedish")
    dialog = widget.show_to_parent()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    notice = dialog.notice.text()
    assert dialog.notice.isVisible()
    assert "Warqaddan laguma heli karo Soomaali" in notice and "Iswiidhish" in notice
    assert "Bladet" not in notice and "somaliska" not in notice
    # The staff's side-by-side pane says it in both: the parent's language first.
    pane_notice = widget.parent_pane.notice.text()
    assert pane_notice.index("Soomaali") < pane_notice.index("somaliska")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)

    widget.parent_pane.set_language("ar")
    dialog = widget.show_to_parent()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "هذه الورقة غير متوفرة باللغة العربية" in dialog.notice.text()
    assert dialog.notice.layoutDirection() == RTL
    assert '<p dir="rtl">' in widget.parent_pane.notice.text()
    # A live switch of the staff's interface leaves the parent's notice in Arabic.
    with qtbot.waitSignal(ctx.language.language_changed, timeout=5000):
        ctx.language.apply("en")
    QApplication.processEvents()
    assert "هذه الورقة غير متوفرة" in dialog.notice.text()
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.reject()


def test_easy_swedish_reader_gets_the_swedish_notice(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.language.apply("en")
    _install(ctx, {"only-swedish": (1, {"sv": b"# Bara svenska\n"})})
    widget = loaded_page(ctx, qtbot)
    widget.parent_pane.set_language("sv-x-easy")
    assert widget.select_sheet("only-swedish")
    dialog = widget.show_to_parent()
    assert dialog is not None
    qtbot.addWidget(dialog)
    # The reader of easy Swedish reads Swedish, whatever the staff's interface is.
    assert dialog.notice.text().startswith("⚠ Bladet finns inte på lätt svenska")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.reject()
