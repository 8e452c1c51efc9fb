"""Qt's own dialogs speak the interface language: the file dialog's labels and the type of a
folder in Arabic and Somali (Qt's qtbase_ar lacks some; Qt has no Somali at all)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from forebygg_desktop.gui.language import LanguageController

ENGLISH = {"Look in:", "Files of type:", "File name:", "Folder"}


@pytest.mark.parametrize("language", ["ar", "so"])
def test_the_file_dialog_has_no_english_left(qapp: QApplication, qtbot, tmp_path,
                                             language: str) -> None:
    (tmp_path / "a folder").mkdir()
    controller = LanguageController(qapp)
    controller.apply(language)
    try:
        dialog = QFileDialog(None, "", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
        assert not labels & ENGLISH, labels
        folder = QCoreApplication.translate("QAbstractFileIconProvider", "Folder")
        assert folder != "Folder"
    finally:
        controller.apply("sv")
