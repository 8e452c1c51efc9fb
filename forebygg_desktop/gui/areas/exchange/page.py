"""The Exchange area: export for the central department, imports and devices at the centre,
configuration packages in both directions. Long work runs on the operations worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import TargetExistsError, UserError
from forebygg_desktop.core.exchange.config import ConfigPlan
from forebygg_desktop.core.exchange.errors import UnknownDeviceError
from forebygg_desktop.core.exchange.format import FILE_SUFFIX
from forebygg_desktop.core.exchange.seal import Signer
from forebygg_desktop.core.exchange.service import ExportResult, FileReport
from forebygg_desktop.core.exchange.texts import key_text
from forebygg_desktop.core.i18n import _, format_date, format_number, ngettext, separated
from forebygg_desktop.core.store import Change
from forebygg_desktop.gui.areas.exchange.dialogs import ConfigPlanDialog, ImportPlanDialog
from forebygg_desktop.gui.areas.exchange.enrol import EnrolDialog
from forebygg_desktop.gui.areas.exchange.progress import ProgressRelay
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.item_lists import SortItem, fill_table, filter_table
from forebygg_desktop.gui.widgets.last_folder import (
    EXCHANGE_IN,
    EXCHANGE_OUT,
    choose_folder,
    open_file,
    open_files,
)
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys


class ExchangePage(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.progress_relay = ProgressRelay(self)
        self.plan_dialog: ImportPlanDialog | None = None
        self.config_dialog: ConfigPlanDialog | None = None
        self.enrol_dialog: EnrolDialog | None = None
        self.last_result: Any = None
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("page-title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        self.columns = columns = QHBoxLayout()
        self.left_panel = QWidget(self)
        left, right = QVBoxLayout(self.left_panel), QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self.left_panel, 2)
        columns.addLayout(right, 3)
        layout.addLayout(columns, 1)
        # --- export (laptops) ---
        self.export_box = QGroupBox(self)
        box = QVBoxLayout(self.export_box)
        self.last_export = QLabel(self.export_box)
        self.last_export.setWordWrap(True)
        self.since_last = QRadioButton(self.export_box)
        self.since_last.setChecked(True)
        self.full = QRadioButton(self.export_box)
        self.export_button = QPushButton(self.export_box)
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self._choose_export_folder)
        self.key_info = QLabel(self.export_box)
        self.key_info.setObjectName("key-info")
        self.key_info.setWordWrap(True)
        self.key_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_button = QPushButton(self.export_box)
        self.identity_button.setObjectName("new-identity")
        self.identity_button.clicked.connect(self._confirm_new_identity)
        for widget in (self.last_export, self.since_last, self.full, self.export_button,
                       self.key_info, self.identity_button):
            box.addWidget(widget)
        left.addWidget(self.export_box)
        # --- configuration packages ---
        self.config_box = QGroupBox(self)
        box = QVBoxLayout(self.config_box)
        self.config_info = QLabel(self.config_box)
        self.config_info.setWordWrap(True)
        self.apply_config_button = QPushButton(self.config_box)
        self.apply_config_button.clicked.connect(self._choose_config_file)
        self.make_config_button = QPushButton(self.config_box)
        self.make_config_button.clicked.connect(self._choose_config_folder)
        for widget in (self.config_info, self.apply_config_button, self.make_config_button):
            box.addWidget(widget)
        left.addWidget(self.config_box)
        left.addStretch(1)
        # --- import and devices (central department) ---
        self.import_box = QGroupBox(self)
        box = QVBoxLayout(self.import_box)
        buttons = QHBoxLayout()
        self.import_files_button = QPushButton(self.import_box)
        self.import_files_button.clicked.connect(self._choose_import_files)
        self.import_folder_button = QPushButton(self.import_box)
        self.import_folder_button.clicked.connect(self._choose_import_folder)
        buttons.addWidget(self.import_files_button)
        buttons.addWidget(self.import_folder_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.devices_label = QLabel(self.import_box)
        self.devices = QTableWidget(0, 5, self.import_box)
        self.devices.setObjectName("devices")
        self.devices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.devices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.devices.verticalHeader().setVisible(False)
        header = self.devices.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.devices_label.setBuddy(self.devices)
        self.gap_warning = QLabel(self.import_box)
        self.gap_warning.setWordWrap(True)
        self.conflicts = QLabel(self.import_box)
        self.conflicts.setWordWrap(True)
        self.review_button = QPushButton(self.import_box)
        self.review_button.clicked.connect(self._mark_reviewed)
        self.devices_filter = ListFilter(self.import_box,
                                         lambda text: filter_table(self.devices, text))
        self.device_keys = ListKeys(self.import_box, self.devices, self.devices_filter)
        self.devices.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for part in (self.devices_label, self.devices_filter, self.devices, self.gap_warning,
                     self.conflicts, self.review_button):
            box.addWidget(part)
        right.addWidget(self.import_box, 1)
        # --- progress and result ---
        status = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.progress_relay.cancel)
        status.addWidget(self.progress, 1)
        status.addWidget(self.cancel_button)
        layout.addLayout(status)
        self.status = QLabel(self)
        self.status.setObjectName("exchange-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.progress_relay.progressed.connect(self._progressed)
        ctx.ops.changed.connect(self._changed)
        self.refresh()
        self.retranslate_ui()

    # --- texts ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.device_keys.retranslate_ui()
        central = self.is_central()
        self.title.setText(_("Exchange"))
        self.intro.setText(
            _("This is the central department's computer: import the files from the laptops, "
              "check that none is missing, and send the catalogue to the laptops.") if central
            else _("There is no network where the groups meet: registrations travel to the "
                   "central department as a file on a USB stick or by e-mail."))
        self.export_box.setTitle(_("Export for the central department"))
        self.since_last.setText(_("&Changes since the last export"))
        self.full.setText(_("&Full export (everything on this laptop)"))
        self.export_button.setText(_("&Export to a folder…"))
        self.identity_button.setText(_("Give this computer a new identity…"))
        self.config_box.setTitle(_("Configuration package"))
        self.apply_config_button.setText(_("&Apply configuration package…"))
        self.make_config_button.setText(_("&Make configuration package…"))
        self.import_box.setTitle(_("Import from the laptops"))
        self.import_files_button.setText(_("Import &files…"))
        self.import_folder_button.setText(_("Import a f&older…"))
        self.devices_label.setText(_("&Devices and their last file:"))
        self.devices.setHorizontalHeaderLabels(
            [_("Device"), _("Last file no."), _("Imported"), _("Files"), _("Missing files")])
        self.review_button.setText(_("&Review conflicts…"))
        self.cancel_button.setText(_("Cancel"))
        self._fill_texts()

    def is_central(self) -> bool:
        return self.ctx.store.settings.get(settings.ROLE) == "central"

    def refresh(self) -> None:
        central = self.is_central()
        self.export_box.setVisible(not central)
        self.import_box.setVisible(central)
        # A laptop has no import column: its boxes keep a readable width, not half a screen.
        self.columns.setStretch(1, 3 if central else 2)
        self.left_panel.setMaximumWidth(16_777_215 if central else 720)
        self.make_config_button.setVisible(central)
        self.apply_config_button.setVisible(not central)
        self._fill_texts()

    def _fill_texts(self) -> None:
        exchange = self.ctx.store.exchange
        last = exchange.last_export()
        self.last_export.setText(
            _("No export has been made from this laptop yet.") if last is None else
            ngettext("Last export: file {sequence}, {date}, {rows} row ({name}).",
                     "Last export: file {sequence}, {date}, {rows} rows ({name}).",
                     last.rows).format(
                sequence=last.sequence, date=format_date(last.exported_at.date()),
                rows=format_number(last.rows), name=last.file_name))
        self.config_info.setText(_("Catalogue version on this computer: {version}.").format(
            version=self.ctx.store.catalog.version()))
        self.key_info.setText(key_text(self.ctx.store.exchange))
        if not self.is_central():
            return
        devices = exchange.devices()
        gaps = []
        rows = []
        for device in devices:
            missing = separated(map(str, device.missing))
            cells = [SortItem(device.device_name),
                     SortItem(str(device.last_sequence), device.last_sequence),
                     SortItem(format_date(device.last_imported_at.date()),
                              device.last_imported_at),
                     SortItem(format_number(device.files), device.files),
                     SortItem(("⚠ " + missing) if missing else "—", len(device.missing))]
            for column, item in enumerate(cells):
                item.setToolTip(device.last_file if column == 1 else item.text())
            rows.append(cells)
        fill_table(self.devices, rows)
        filter_table(self.devices, self.devices_filter.text())
        for device in devices:
            missing = separated(map(str, device.missing))
            if device.missing:
                gaps.append(_("⚠ {device}: file(s) {numbers} never arrived. Ask for them, or "
                              "for a full export from that laptop.").format(
                                  device=device.device_name, numbers=missing))
        self.gap_warning.setText("\n".join(gaps))
        self.gap_warning.setVisible(bool(gaps))
        open_conflicts = exchange.open_conflicts()
        self.conflicts.setText(ngettext(
            "{n} record was edited on two laptops at once. The newer edit was kept by the "
            "merge rule; the other is saved for review.",
            "{n} records were edited on two laptops at once. The newer edits were kept by the "
            "merge rule; the others are saved for review.", open_conflicts)
            .format(n=open_conflicts))
        self.conflicts.setVisible(bool(open_conflicts))
        self.review_button.setVisible(bool(open_conflicts))

    # --- export ---------------------------------------------------------------------------
    def _choose_export_folder(self) -> None:
        folder = choose_folder(self.ctx, EXCHANGE_OUT, self, _("Choose the USB stick or a folder"))
        if folder is not None:
            self.export_to(folder)

    def export_to(self, target: Path, force: bool = False) -> None:
        full = self.full.isChecked()
        self._start(_("Exporting…"))

        def failed(error: UserError) -> None:
            # The file is there already (a repeated number after a restore): ask first.
            if isinstance(error, TargetExistsError) and not force and self.confirm_replace(
                    Path(error.params["path"])):
                self.export_to(target, force=True)
                return
            self._failed(error)
        self.ctx.ops.run(lambda s: s.exchange.export(target, full=full,
                                                     progress=self.progress_relay, force=force),
                         on_done=self._exported, on_error=failed)

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, _("Replace the file?"),
            _("{path} already exists. Replace it with the new export?").format(path=str(path)))
        return answer == QMessageBox.StandardButton.Yes

    def _exported(self, result: ExportResult) -> None:
        self._stop()
        self.last_result = result
        self.status.setText("✓ " + ngettext(
            "Exported {rows} row to {path}. The file was read back and is complete.",
            "Exported {rows} rows to {path}. The file was read back and is complete.",
            result.rows).format(rows=format_number(result.rows), path=str(result.path)))
        self.ctx.ops.changed.emit(Change("export_log", "created"))

    def _confirm_new_identity(self) -> None:
        answer = QMessageBox.question(self, _("New identity"), _(
            "Do this only when the central department reports that two computers use this "
            "laptop's identity, and only on the copy. This computer gets a new identity and "
            "key, must be enrolled again, and its next export is a full one. The program "
            "must then be restarted. Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.new_identity()

    def new_identity(self) -> None:
        self.ctx.ops.run(lambda s: s.exchange.new_identity(), on_done=self._new_identity,
                         on_error=self._failed)

    def _new_identity(self, device_id: str) -> None:
        self.last_result = device_id
        self.status.setText("✓ " + _("This computer has a new identity. Restart the program "
                                     "before the next export."))

    # --- import ---------------------------------------------------------------------------
    def _choose_import_files(self) -> None:
        files = open_files(
            self.ctx, EXCHANGE_IN, self, _("Choose exchange files"),
            _("Exchange files (*{suffix});;All files (*)").format(suffix=FILE_SUFFIX))
        if files:
            self.plan_import(files)

    def _choose_import_folder(self) -> None:
        folder = choose_folder(self.ctx, EXCHANGE_IN, self,
                               _("Choose a folder of exchange files"))
        if folder is not None:
            self.plan_import([folder])

    def plan_import(self, paths: list[Path]) -> None:
        """Dry run first; the summary dialog's Import button commits."""
        self._start(_("Checking the files…"))
        self.ctx.ops.run(lambda s: s.exchange.plan_import(paths, progress=self.progress_relay),
                         on_done=lambda reports: self._planned(paths, reports),
                         on_error=self._failed)

    def _planned(self, paths: list[Path], reports: list[FileReport]) -> None:
        self._stop()
        self.status.clear()  # "Checking the files…" is over
        if not reports:
            self.status.setText(_("No exchange files found."))
            return
        unknown = next((r.signer for r in reports if r.signer is not None
                        and isinstance(r.error, UnknownDeviceError)), None)
        if unknown is not None:  # enrol first; the dry run then runs again
            self.enrol_dialog = EnrolDialog(unknown, self)
            self.enrol_dialog.accepted.connect(lambda: self.enrol(unknown, paths))
            self.enrol_dialog.rejected.connect(lambda: self._show_plan(reports))
            self.enrol_dialog.open()
            return
        self._show_plan(reports)

    def enrol(self, signer: Signer, paths: list[Path]) -> None:
        """Accept a laptop's key, then check the files again."""
        self.ctx.ops.run(lambda s: s.exchange.enrol(signer),
                         on_done=lambda _change: self.plan_import(paths), on_error=self._failed)

    def _show_plan(self, reports: list[FileReport]) -> None:
        self.plan_dialog = ImportPlanDialog(reports, self)
        importable = [r.path for r in self.plan_dialog.importable]
        self.plan_dialog.accepted.connect(lambda: self.commit_import(importable))
        self.plan_dialog.open()

    def commit_import(self, paths: list[Path]) -> None:
        self._start(_("Importing…"), cancellable=True)
        relay = self.progress_relay
        self.ctx.ops.run(lambda s: s.exchange.import_files(paths, progress=relay,
                                                           cancelled=relay.cancelled),
                         on_done=self._imported, on_error=self._failed)

    def _imported(self, reports: list[FileReport]) -> None:
        self._stop()
        self.last_result = reports
        done = [r for r in reports if r.committed]
        self.status.setText("✓ " + ngettext(
            "{n} file imported: {new} new, {updated} updated, {rejected} rejected.",
            "{n} files imported: {new} new, {updated} updated, {rejected} rejected.",
            len(done)).format(n=len(done), new=format_number(sum(r.total("new") for r in done)),
                              updated=format_number(sum(r.total("updated") for r in done)),
                              rejected=format_number(sum(r.total("rejected") for r in done))))
        self.ctx.ops.changed.emit(Change("imported_file", "created"))

    def _mark_reviewed(self) -> None:
        """Show what differs in each conflict; the dialog marks them reviewed."""
        from forebygg_desktop.gui.areas.exchange.conflicts import ConflictDialog

        ConflictDialog(self.ctx, self).exec()

    # --- configuration packages -----------------------------------------------------------
    def _choose_config_file(self) -> None:
        path = open_file(
            self.ctx, EXCHANGE_IN, self, _("Choose a configuration package"),
            _("Exchange files (*{suffix});;All files (*)").format(suffix=FILE_SUFFIX))
        if path is not None:
            self.plan_config(path)

    def _choose_config_folder(self) -> None:
        folder = choose_folder(self.ctx, EXCHANGE_OUT, self, _("Choose the USB stick or a folder"))
        if folder is not None:
            self.make_config(folder)

    def plan_config(self, path: Path) -> None:
        self._start(_("Checking the package…"))
        self.ctx.ops.run(lambda s: s.exchange.plan_config(path),
                         on_done=self._config_planned, on_error=self._failed)

    def _config_planned(self, plan: ConfigPlan) -> None:
        self._stop()
        self.config_dialog = ConfigPlanDialog(plan, self)
        self.config_dialog.accepted.connect(lambda: self.apply_config(plan.path))
        self.config_dialog.open()

    def apply_config(self, path: Path) -> None:
        self._start(_("Applying the configuration package…"))
        self.ctx.ops.run(lambda s: s.exchange.apply_config(path),
                         on_done=self._config_applied, on_error=self._failed)

    def _config_applied(self, plan: ConfigPlan) -> None:
        self._stop()
        self.last_result = plan
        self.status.setText("✓ " + _("Configuration version {version} applied.").format(
            version=plan.version))
        self.ctx.ops.changed.emit(Change("catalog", "updated"))

    def make_config(self, folder: Path) -> None:
        self._start(_("Writing the configuration package…"))
        self.ctx.ops.run(lambda s: s.exchange.make_config(folder),
                         on_done=self._config_made, on_error=self._failed)

    def _config_made(self, path: Path) -> None:
        self._stop()
        self.last_result = path
        self.status.setText("✓ " + _("Configuration package written: {path}").format(
            path=str(path)))

    # --- shared ---------------------------------------------------------------------------
    def _start(self, text: str, cancellable: bool = False) -> None:
        self.progress_relay.reset()
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(cancellable)
        self.status.setText(text)
        for button in (self.export_button, self.import_files_button, self.import_folder_button,
                       self.apply_config_button, self.make_config_button):
            button.setEnabled(False)

    def _stop(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        for button in (self.export_button, self.import_files_button, self.import_folder_button,
                       self.apply_config_button, self.make_config_button):
            button.setEnabled(True)

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"%v / %m  {label}")

    def _failed(self, error: UserError) -> None:
        self._stop()
        self.last_result = error
        self.status.setText("✗ " + error.message())

    def _changed(self, change: Change) -> None:
        if change.kind in ("setting", "export_log", "imported_file", "sync_conflict",
                           "catalog"):
            self.refresh()
            self.retranslate_ui()
