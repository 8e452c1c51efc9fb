"""Print a questionnaire on paper: the core's HTML laid out by QTextDocument into a PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.kiosk_texts import is_rtl
from forebygg_desktop.core.questionnaire_print import questionnaire_html
from forebygg_desktop.core.questionnaires import Questionnaire
from forebygg_desktop.gui.fonts import UI_FAMILIES


def write_questionnaire_pdf(questionnaire: Questionnaire, language: str, path: Path) -> Path:
    """Write an A4 PDF of the questionnaire in `language`; written to a temporary name and
    renamed, so a failed print never leaves a half file that looks whole."""
    temporary = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(temporary))
    writer.setTitle(questionnaire.title(language))
    writer.setCreator("Forebygg Desktop")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 16, 18, 16), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    font = QFont()
    # Noto Sans with Noto Sans Arabic as fallback (the fonts shipped in resources/fonts).
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if is_rtl(language)
                            else Qt.LayoutDirection.LeftToRight)
    document.setDefaultTextOption(option)
    document.setHtml(questionnaire_html(questionnaire, language))
    document.print_(writer)
    del writer  # closes the file
    fsretry.replace(temporary, path)
    return path
