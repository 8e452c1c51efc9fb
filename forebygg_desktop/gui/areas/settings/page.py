"""The Settings area: interface language (live), this laptop, and sections other areas add.

Another area adds its own section (e.g. the evaluation kiosk's PIN) without editing this
file: create a module listed in `EXTRA_SECTION_MODULES` that defines

    def settings_section(ctx: AppContext) -> QWidget

returning a widget (a QGroupBox reads best) that sets its texts in `retranslate_ui()`.
A module that does not exist yet is skipped.
"""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.areas.settings.backups import BackupsSection
from forebygg_desktop.gui.areas.settings.device import DeviceSection
from forebygg_desktop.gui.areas.settings.language import LanguageSection
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.pages import title_msgid
from forebygg_desktop.gui.retranslate import Retranslatable

# Sections owned by other areas, shown below this laptop's settings in this order.
EXTRA_SECTION_MODULES = ("forebygg_desktop.gui.areas.evaluations.kiosk_settings",)

TITLE = title_msgid("settings")


def extra_sections(ctx: AppContext, parent: QWidget) -> list[QWidget]:
    """The sections other areas provide (their modules define `settings_section`)."""
    sections = []
    for name in EXTRA_SECTION_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        section = importlib.import_module(name).settings_section(ctx)
        section.setParent(parent)
        sections.append(section)
    return sections


class SettingsPage(Retranslatable):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.language_section = LanguageSection(ctx, body)
        self.device_section = DeviceSection(ctx, body)
        self.backups_section = BackupsSection(ctx, body)
        layout.addWidget(self.heading)
        layout.addWidget(self.language_section)
        layout.addWidget(self.device_section)
        layout.addWidget(self.backups_section)
        self.extra = extra_sections(ctx, body)
        for section in self.extra:
            layout.addWidget(section)
        layout.addStretch(1)
        # Forms read best at a readable width on a 1366 px screen.
        body.setMaximumWidth(760)
        scroll.setWidget(body)
        # Leading edge, not centred: the form starts where the reader's eye does (mirrors).
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_(TITLE))
        # The sections are plain group boxes: this page passes the language change on.
        self.language_section.retranslate_ui()
        self.device_section.retranslate_ui()
        self.backups_section.retranslate_ui()
