"""Settings: this laptop's name, default locality, role, report and backup rules.

The evaluation kiosk's PIN and idle time live in the kiosk's own section
(`gui/areas/evaluations/kiosk_settings.py`), which the Settings page adds below this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_, _, ngettext, pgettext
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.gui.context import AppContext

DEVICE_NAME_MAX = 60
# Role codes are stored; their labels are looked up where shown.
ROLES = ("field", "central")


@dataclass(frozen=True)
class DeviceValues:
    """What the form holds, written in one go on Save."""

    device_name: str
    default_locality: str | None
    role: str
    suppression_threshold: int
    backups_keep: int

    def save(self, store: Store) -> Change:
        if len(self.device_name) > DEVICE_NAME_MAX:
            raise UserError(N_("The laptop's name can be at most {count} characters."),
                            field="device_name", count=DEVICE_NAME_MAX)
        store.settings.set(settings.DEVICE_NAME, self.device_name)
        store.settings.set(settings.DEFAULT_LOCALITY, self.default_locality)
        store.settings.set(settings.ROLE, self.role)
        store.settings.set(settings.SUPPRESSION_THRESHOLD, self.suppression_threshold)
        store.settings.set(settings.BACKUPS_KEEP, self.backups_keep)
        return Change("setting", "updated", ("device",))


@dataclass(frozen=True)
class _Stored:
    """What the form shows, read off the screen's thread."""

    values: DeviceValues
    localities: tuple[tuple[str, str], ...]  # (code, name) of the active localities
    key_text: str


def _key_text(store: Store) -> str:
    from forebygg_desktop.core.exchange.texts import key_text  # loads the exchange code

    return key_text(store.exchange)


def _stored(store: Store) -> _Stored:
    values = DeviceValues(
        device_name=store.settings.get(settings.DEVICE_NAME),
        default_locality=store.settings.get(settings.DEFAULT_LOCALITY),
        role=store.settings.get(settings.ROLE),
        suppression_threshold=store.settings.get(settings.SUPPRESSION_THRESHOLD),
        backups_keep=store.settings.get(settings.BACKUPS_KEEP))
    localities = tuple((info.code, info.name) for info in store.catalog.localities())
    return _Stored(values, localities, _key_text(store))


def _role_label(code: str) -> str:
    if code == "central":
        # TRANSLATORS: this laptop's role: the department's computer that merges all data.
        return pgettext("role", "Central department")
    # TRANSLATORS: this laptop's role: a staff member's laptop used out in the field.
    return pgettext("role", "Field laptop")


def _spin(parent: QWidget, low: int, high: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setMinimumWidth(110)
    spin.setMaximumWidth(160)
    return spin


class DeviceSection(QGroupBox):
    """A plain form: edit, then Save (the language switch is the only instant setting)."""

    # The stored values are in the form (after `load`).
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settings-device")
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addLayout(form)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("device_name")
        self.name_edit.setMaxLength(DEVICE_NAME_MAX)
        self.locality = QComboBox(self)
        self.locality.setObjectName("default_locality")
        self.locality.setMaximumWidth(320)
        # Follow the longest label in the current language (a switch can lengthen them).
        self.locality.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        self.role.setMaximumWidth(320)
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for code in ROLES:
            self.role.addItem("", code)
        self.threshold = _spin(self, 1, 50)
        self.threshold.setObjectName("suppression_threshold")
        self.backups = _spin(self, 1, 100)
        self.backups.setObjectName("backups_keep")
        self.backups_hint = QLabel(self)
        self.backups_hint.setObjectName("backups-hint")
        self.backups_hint.setWordWrap(True)
        self.backups.valueChanged.connect(lambda _value: self._update_backups_hint())
        self.labels: dict[str, QLabel] = {}
        for key, field in (("device_name", self.name_edit), ("default_locality", self.locality),
                           ("role", self.role), ("suppression_threshold", self.threshold),
                           ("backups_keep", self.backups)):
            label = QLabel(self)
            label.setBuddy(field)
            self.labels[key] = label
            if key == "backups_keep":
                # The hint sits beside its spin box and wraps in the room left over.
                row = QHBoxLayout()
                row.addWidget(field)
                row.addWidget(self.backups_hint, 1)
                form.addRow(label, row)
            else:
                form.addRow(label, field)
        # The signing key's fingerprint: read out by phone when the department enrols us.
        self.key_info = QLabel(self)
        self.key_info.setObjectName("key-fingerprint")
        self.key_info.setWordWrap(True)
        self.key_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.key_info)
        self.status = QLabel(self)
        self.status.setObjectName("settings-status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("settings-save")
        self.revert_button = QPushButton(self)
        self.revert_button.setObjectName("settings-revert")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        outer.addWidget(self.status)
        outer.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self._status_msgid: str | None = None
        self._status_params: dict[str, Any] = {}
        self.load()

    # --- data ---------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the form from the store (also the Undo-changes button). The values are
        read on the reader thread; Save waits until they are in."""
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.ctx.ops.read(_stored, self._show, lambda _error: self._show(None))

    def _show_key(self, text: str) -> None:
        if shiboken6.isValid(self):  # the page may have closed while it was read
            self.key_info.setText(text)

    def _show(self, stored: _Stored | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.revert_button.setEnabled(True)
        if stored is None:  # the reader's error is on the status bar; nothing to save
            self.loaded.emit()
            return
        values = stored.values
        self.name_edit.setText(values.device_name)
        self._fill_localities(stored.localities, values.default_locality)
        self._select(self.role, values.role)
        self.threshold.setValue(values.suppression_threshold)
        self.backups.setValue(values.backups_keep)
        self.key_info.setText(stored.key_text)
        self._set_status(None)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def values(self) -> DeviceValues:
        return DeviceValues(
            device_name=self.name_edit.text().strip(),
            default_locality=self.locality.currentData() or None,
            role=self.role.currentData() or "field",
            suppression_threshold=self.threshold.value(),
            backups_keep=self.backups.value())

    def save(self) -> None:
        values = self.values()
        self.save_button.setEnabled(False)
        self.ctx.ops.run(values.save, on_done=self._saved, on_error=self._failed)

    def _saved(self, _change: Change) -> None:
        self.save_button.setEnabled(True)
        self._set_status(N_("Settings saved."))

    def _failed(self, error: UserError) -> None:
        self.save_button.setEnabled(True)
        self._set_status(error.msgid, **error.params)

    def _fill_localities(self, localities: tuple[tuple[str, str], ...],
                         selected: str | None) -> None:
        self.locality.clear()
        self.locality.addItem(_("(none)"), None)
        # Locality names are proper names from the catalogue, shown as they are.
        for code, name in localities:
            self.locality.addItem(name, code)
        self._select(self.locality, selected)

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(max(index, 0))

    def _update_backups_hint(self) -> None:
        count = self.backups.value()
        self.backups_hint.setText(
            ngettext("A backup is made at every start; only the newest is kept.",
                     "A backup is made at every start; the {count} newest are kept.",
                     count).format(count=count))

    def _set_status(self, msgid: str | None, **params: Any) -> None:
        # Keep the msgid, not the text, so the status follows a language switch.
        self._status_msgid, self._status_params = msgid, params
        text = _(msgid).format(**params) if msgid else ""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- texts --------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setTitle(_("This laptop"))
        texts = {
            "device_name": _("&Name of this laptop:"),
            "default_locality": _("Default &locality:"),
            "role": _("&Role:"),
            "suppression_threshold": _("&Smallest count shown in shared reports:"),
            "backups_keep": _("&Backups to keep:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
            buddy = self.labels[key].buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.name_edit.setPlaceholderText(_("e.g. Rimbo laptop 2"))
        self.name_edit.setToolTip(_("Shown in export files, so the department sees where "
                                    "data came from."))
        self.locality.setItemText(0, _("(none)"))
        for index, code in enumerate(ROLES):
            self.role.setItemText(index, _role_label(code))
        self.threshold.setToolTip(_("Reports shared outside the unit hide counts below this "
                                    "number, so nobody in a small village can be recognised."))
        self._update_backups_hint()
        # The fingerprints are read (a key file, the trusted key) on the reader thread.
        self.ctx.ops.read(_key_text, self._show_key)
        self.save_button.setText(_("&Save settings"))
        self.revert_button.setText(_("&Undo changes"))
        self._set_status(self._status_msgid, **self._status_params)
