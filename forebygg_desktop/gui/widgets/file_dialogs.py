"""File dialogs that start in Documents and speak the program's language.

Windows' native file dialogs follow the language of Windows, not the program's: an Arabic
interface on a Swedish Windows opened Swedish dialogs. When the two differ the program
uses Qt's own dialog, which the program's catalogs translate (qtbase_ar, qtbase_sv, our
Somali one); when they agree, the familiar native dialog is kept. Save dialogs start in
the user's Documents folder (on a municipal laptop often the one OneDrive keeps safe).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from forebygg_desktop.core.i18n import current_language


def documents_dir() -> Path:
    """The user's Documents folder (the home folder when the system names none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def dialog_options(system_languages: Sequence[str] | None = None) -> QFileDialog.Option:
    """Qt's own dialog when the system's language is not the program's, else the native one."""
    languages = QLocale.system().uiLanguages() if system_languages is None else system_languages
    system = (languages[0] if languages else "").replace("_", "-").split("-")[0].lower()
    if system == current_language().split("-")[0]:
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog
