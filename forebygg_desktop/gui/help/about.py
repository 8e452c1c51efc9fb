"""About Forebygg Desktop: version, where the data and the log are, bundled components.

Support asks for these first; the two buttons open the folders in the file manager.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop import __version__
from forebygg_desktop.core.components import COMPONENTS, component_version
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.logs import log_dir
from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.gui.widgets.window_geometry import resize_within_screen


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        resize_within_screen(self, 760, 560)
        self.data_dir, self.log_dir = data_dir, log_dir(data_dir)
        self.title = QLabel(self)
        self.title.setObjectName("about-title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.version = QLabel(__version__, self)
        self.version.setObjectName("about-version")
        self.data_path = self._path_label(self.data_dir, "about-data-dir")
        self.log_path = self._path_label(self.log_dir, "about-log-dir")
        self.open_data = QPushButton(self)
        self.open_data.setObjectName("about-open-data")
        self.open_logs = QPushButton(self)
        self.open_logs.setObjectName("about-open-logs")
        self.open_data.clicked.connect(lambda: self.open_folder(self.data_dir))
        self.open_logs.clicked.connect(lambda: self.open_folder(self.log_dir))
        self.components_label = QLabel(self)
        self.components = QTableWidget(len(COMPONENTS), 3, self)
        self.components.setObjectName("about-components")
        self.components.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.components.verticalHeader().setVisible(False)
        self.components.horizontalHeader().setStretchLastSection(True)
        # Per component, its name and licence cells (translated in retranslate_ui).
        self._named: list[tuple[QTableWidgetItem, QTableWidgetItem]] = []
        for row, component in enumerate(COMPONENTS):
            cells = (QTableWidgetItem(), QTableWidgetItem(component_version(component)),
                     QTableWidgetItem())
            for column, cell in enumerate(cells):
                self.components.setItem(row, column, cell)
            self._named.append((cells[0], cells[2]))
        self.components_label.setBuddy(self.components)
        self.licence_note = QLabel(self)
        self.licence_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _row in range(3)]
        for label, value in zip(self.form_labels, (self.version, self.data_path, self.log_path),
                                strict=True):
            label.setBuddy(value)
            self.form.addRow(label, value)
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.open_data)
        folder_buttons.addWidget(self.open_logs)
        folder_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addLayout(folder_buttons)
        layout.addWidget(self.components_label)
        layout.addWidget(self.components, 1)
        layout.addWidget(self.licence_note)
        layout.addWidget(self.buttons)
        icon = resources_dir() / "icons" / "forebygg.png"
        if icon.exists():
            from PySide6.QtGui import QIcon
            self.setWindowIcon(QIcon(str(icon)))
        self.retranslate_ui()

    def _path_label(self, path: Path, name: str) -> QLabel:
        label = QLabel(str(path), self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A path reads left to right in every language.
        label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return label

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About Forebygg Desktop"))
        self.title.setText(_("Forebygg Desktop"))
        for label, text in zip(self.form_labels,
                               (_("Version:"), _("Data folder:"), _("Log folder:")), strict=True):
            label.setText(text)
        self.open_data.setText(_("Open the &data folder"))
        self.open_logs.setText(_("Open the &log folder"))
        self.components_label.setText(_("&Components and their licences:"))
        self.components.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
        for (name, licence), component in zip(self._named, COMPONENTS, strict=True):
            name.setText(_(component.name))
            licence.setText(_(component.licence))
        self.components.resizeColumnsToContents()
        self.licence_note.setText(_(
            "Forebygg Desktop is free software under the European Union Public Licence "
            "(EUPL-1.2). Qt and PySide6 are used under the GNU LGPL version 3; the licence "
            "texts are at qt.io and in each component's source."))

    def open_folder(self, folder: Path) -> bool:
        """Show `folder` in the file manager (created first if missing, e.g. no log yet)."""
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
