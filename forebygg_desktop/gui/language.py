"""The live language switch: gettext, Qt's own catalogs, locale and layout direction."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core import i18n

# Digit policy (see core/i18n.py): Latin digits in every language. QLocale("ar") would print
# Arabic-Indic digits, so Arabic widgets use the ar_AE locale, which CLDR gives Latin digits.
QT_LOCALES = {"sv": "sv_SE", "en": "en_GB", "ar": "ar_AE", "so": "so_SO", "qps": "en_GB"}


class LanguageController(QObject):
    """Switches the whole program's language at once; `language_changed` follows."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._translators: list[QTranslator] = []

    def apply(self, language: str) -> None:
        """Switch to `language`: every open window retranslates on the next event pass."""
        i18n.set_language(language)
        for translator in self._translators:
            QCoreApplication.removeTranslator(translator)
        self._translators.clear()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase",):
            translator = QTranslator(self)
            if translator.load(f"{name}_{language}", qt_dir):
                QCoreApplication.installTranslator(translator)
                self._translators.append(translator)
        QLocale.setDefault(QLocale(QT_LOCALES.get(language, "sv_SE")))
        # Set the direction explicitly every time: loading qtbase_ar flips it only once.
        self._app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language)
            else Qt.LayoutDirection.LeftToRight)
        # An empty translator (e.g. qtbase_en) sends no LanguageChange: send one ourselves.
        QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        self.language_changed.emit(language)
