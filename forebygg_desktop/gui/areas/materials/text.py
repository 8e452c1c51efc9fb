"""A materials sheet as a Qt text document: on screen, on paper and as a PDF for a parent.

Sheets are Markdown, rendered by `QTextDocument.setMarkdown` with the shipped Noto fonts
(Arabic has glyphs even on a machine without Arabic fonts) and the text direction of the
sheet's language — not of the interface: an Arabic sheet reads right to left in a Swedish
interface too.
"""

from __future__ import annotations

import gettext
import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser

from forebygg_desktop.core.files import replace_durably
from forebygg_desktop.core.i18n import (
    N_,
    UI_LANGUAGES,
    _,
    current_language,
    label_of,
    translations_for,
)
from forebygg_desktop.core.kiosk_texts import autonym, is_rtl
from forebygg_desktop.core.materials import ResolvedTranslation
from forebygg_desktop.gui.fonts import UI_FAMILIES
from forebygg_desktop.render.pdf_file import pdf_file

PDF_FORMAT = "pdf"
HEADING_STEPS = {1: 2, 2: 1}
# The languages of the library, in the order pickers offer them.
MATERIAL_LANGUAGES = ("sv", "sv-x-easy", "en", "ar", "so")
LANGUAGE_NAMES = {"sv": N_("Swedish"), "sv-x-easy": N_("Easy Swedish"), "en": N_("English"),
                  "ar": N_("Arabic"), "so": N_("Somali")}
TOPIC_NAMES = {"program-info": N_("About a program"), "social-services": N_("Social services"),
               "support": N_("Support for parents"), "advice-talks": N_("Advice talks")}


def language_name(code: str) -> str:
    """A material language's name in the interface language ("Arabic", "Easy Swedish")."""
    return _(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def language_label(code: str) -> str:
    """For pickers: the name in its own script, so a parent finds it, then the UI's name."""
    own, ui_name = autonym(code), language_name(code)
    return own if own == ui_name else f"{own} – {ui_name}"


def topic_name(code: str) -> str:
    return _(TOPIC_NAMES[code]) if code in TOPIC_NAMES else code


def text_direction(language: str) -> Qt.LayoutDirection:
    """The direction a text in `language` reads (`sv-x-easy` reads as Swedish)."""
    return Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight


def review_text(review: str) -> str:
    """The review status for staff, with a sign so it never rests on colour alone."""
    if review == "reviewed":
        return "✓ " + _("Reviewed")
    # TRANSLATORS: a translated information sheet nobody fluent has checked yet.
    return "⚠ " + _("Draft – needs a native speaker's check")


FALLBACK_NOTICE = N_("This sheet is not available in {wanted}. It is shown in {shown} "
                     "instead.")


def reader_catalog(language: str) -> gettext.NullTranslations:
    """The catalog a reader of a material language reads ("sv-x-easy": Swedish); the
    notice a parent sees is in their language, not in the staff's interface language."""
    code = "sv" if language.startswith("sv") else language
    return translations_for(code if code in UI_LANGUAGES else "en")


def fallback_text(resolved: ResolvedTranslation, reader: str | None = None) -> str:
    """The notice shown when a sheet is not in the language asked for.

    In the interface language, or, with `reader`, in that material language (the parent's
    language when the sheet is shown to a parent).
    """
    catalog = None if reader is None else reader_catalog(reader)

    def name(code: str) -> str:
        return label_of(LANGUAGE_NAMES[code], catalog) if code in LANGUAGE_NAMES else code

    return "⚠ " + label_of(FALLBACK_NOTICE, catalog).format(
        wanted=name(resolved.requested_language), shown=name(resolved.language))


def fallback_html(resolved: ResolvedTranslation) -> str:
    """The notice for the parent's pane, read by parent and staff side by side: first in
    the parent's language, then, if it differs, in the interface language; each paragraph
    in its own direction."""
    reader = resolved.requested_language
    texts = [(fallback_text(resolved, reader), reader)]
    own = fallback_text(resolved)
    if own != texts[0][0]:
        texts.append((own, current_language()))
    return "".join(f'<p dir="{"rtl" if is_rtl(code) else "ltr"}">{html.escape(text)}</p>'
                   for text, code in texts)


def fill_document(document: QTextDocument, resolved: ResolvedTranslation,
                  point_size: float = 11.0) -> QTextDocument:
    """Put the sheet's Markdown into `document` with the shipped fonts and its direction."""
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    option = QTextOption(document.defaultTextOption())
    option.setTextDirection(text_direction(resolved.language))
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    if resolved.translation.format == PDF_FORMAT:
        document.setPlainText("")
    else:
        document.setMarkdown(resolved.read_text())
        _scale_headings(document)
    return document


def fill_browser(browser: QTextBrowser, resolved: ResolvedTranslation,
                 point_size: float) -> None:
    """Show the sheet in `browser` from its first line, laid out in the text's direction."""
    browser.setLayoutDirection(text_direction(resolved.language))
    fill_document(browser.document(), resolved, point_size)
    # Replacing the document leaves the cursor, and so the view, at the end of the text.
    browser.moveCursor(QTextCursor.MoveOperation.Start)
    browser.verticalScrollBar().setValue(0)


def _scale_headings(document: QTextDocument) -> None:
    """Headings a step above the text, not Markdown's default sizes: a narrow pane would
    spend half its height on a title three lines long."""
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            # Qt's size steps (0 normal, 1 = ×1.2, 2 = ×1.5); Markdown gives H1 step 3 (×2).
            char_format.setProperty(QTextFormat.Property.FontSizeAdjustment,
                                    HEADING_STEPS.get(level, 0))
            cursor.mergeCharFormat(char_format)
        block = block.next()


def sheet_document(resolved: ResolvedTranslation, point_size: float = 11.0) -> QTextDocument:
    """A new document holding the sheet (for printing and PDF)."""
    return fill_document(QTextDocument(), resolved, point_size)


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 18, 20, 18), QPageLayout.Unit.Millimeter))


def write_sheet_pdf(resolved: ResolvedTranslation, path: Path) -> Path:
    """Save the sheet as an A4 PDF at `path` (a PDF material is copied as it is).

    Whole or not at all (`files.replace_durably`, `render.pdf_file`): a pulled USB stick or
    a full disk never leaves a half file that looks whole. OSError when the place cannot be
    written.
    """
    if resolved.translation.format == PDF_FORMAT:
        replace_durably(path, resolved.path.read_bytes())
        return path
    with pdf_file(path, resolved.translation.title) as writer:
        writer.setResolution(300)
        _a4(writer)
        sheet_document(resolved).print_(writer)
    return path


def print_sheet(resolved: ResolvedTranslation, printer: QPagedPaintDevice) -> None:
    """Lay the sheet out on `printer` (a QPrinter chosen in the print dialog)."""
    sheet_document(resolved).print_(printer)
