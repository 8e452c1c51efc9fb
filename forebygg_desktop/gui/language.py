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
from forebygg_desktop.core.paths import translations_dir
from forebygg_desktop.gui.widgets.accessibility import AccessibleNames

# Digit policy (see core/i18n.py): Latin digits in every language. QLocale("ar") would print
# Arabic-Indic digits, so Arabic widgets use the ar_AE locale, which CLDR gives Latin digits.
QT_LOCALES = {"sv": "sv_SE", "en": "en_GB", "ar": "ar_AE", "so": "so_SO", "qps": "en_GB"}

# Qt translators are global to the application: whichever controller installed them, the
# next switch removes them all (a second controller, e.g. in tests, must not leave Swedish
# buttons behind in an English window).
_installed: list[QTranslator] = []


class LanguageController(QObject):
    """Switches the whole program's language at once; `language_changed` follows."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication, *, name_widgets: bool = True) -> None:
        super().__init__(app)
        self._app = app
        # Accessible names follow the labels, also after a switch (screen readers). The
        # program's start installs them itself once its first window is up (gui/startup.py).
        if name_widgets:
            AccessibleNames.install(app)

    def apply(self, language: str) -> None:
        """Switch to `language`: every open window retranslates on the next event pass."""
        i18n.set_language(language)
        while _installed:
            old = _installed.pop()
            QCoreApplication.removeTranslator(old)
            old.deleteLater()
        # Qt's own catalog first, then ours (translations/qt, e.g. the Somali qtbase_so we
        # compile): the translator installed last is asked first, so ours win.
        folders = (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                   str(translations_dir() / "qt"))
        for folder in folders:
            translator = QTranslator(self._app)
            if translator.load(f"qtbase_{language}", folder):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
        QLocale.setDefault(QLocale(QT_LOCALES.get(language, "sv_SE")))
        # Set the direction explicitly every time: loading qtbase_ar flips it only once.
        self._app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language)
            else Qt.LayoutDirection.LeftToRight)
        # An empty translator (e.g. qtbase_en) sends no LanguageChange: send one ourselves.
        QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        self.language_changed.emit(language)
