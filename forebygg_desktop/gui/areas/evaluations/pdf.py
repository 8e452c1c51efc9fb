"""Print a questionnaire on paper: the core's HTML laid out by QTextDocument into a PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument, QTextOption

from forebygg_desktop.core.kiosk_texts import is_rtl
from forebygg_desktop.core.questionnaire_print import questionnaire_html
from forebygg_desktop.core.questionnaires import Questionnaire
from forebygg_desktop.gui.fonts import UI_FAMILIES
from forebygg_desktop.render.pdf_file import pdf_file


def write_questionnaire_pdf(questionnaire: Questionnaire, language: str, path: Path) -> Path:
    """Write an A4 PDF of the questionnaire in `language`, whole or not at all
    (`render.pdf_file`): a failed print or a full disk never leaves a half file."""
    with pdf_file(path, questionnaire.title(language)) as writer:
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
    return path
