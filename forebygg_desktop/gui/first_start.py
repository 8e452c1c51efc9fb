"""The first start: this laptop's name, the worker's locality, the language, demo data.

Shown once, before the main window; later starts go straight to work (`SETUP_DONE`).
Choosing a language switches the whole program at once, so the rest of the dialog is
read in it. Closing the dialog without finishing asks again next time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.errors import UserError, ValidationError
from forebygg_desktop.core.i18n import N_, _, pgettext
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import (
    interface_language_items,
    locality_items,
    none_item,
)
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.field_errors import FieldErrors

NAME_MAX = 60



@dataclass(frozen=True)
class SetupChoices:
    device_name: str
    default_locality: str | None
    language: str
    load_demo: bool


def apply_setup(store: Store, choices: SetupChoices) -> Change:
    """Store the first-start choices (and the demo year when asked, into an empty store)."""
    name = choices.device_name.strip()
    if not name:
        raise ValidationError(N_("Give this laptop a name, e.g. the worker's team and number."),
                        field="device_name")
    if len(name) > NAME_MAX:
        raise ValidationError(N_("The laptop's name can be at most {count} characters."),
                        field="device_name", count=NAME_MAX)
    store.settings.set(settings.DEVICE_NAME, name)
    store.settings.set(settings.DEFAULT_LOCALITY, choices.default_locality)
    store.settings.set(settings.LANGUAGE, choices.language)
    if choices.load_demo and store.is_empty():
        from forebygg_desktop.core.demo import generate_demo  # only needed here, once

        generate_demo(store, years=1)
    store.settings.set(settings.SETUP_DONE, True)
    return Change("setting", "updated", ("setup",))


def needs_setup(store: Store) -> bool:
    return not store.settings.get(settings.SETUP_DONE)


class FirstStartDialog(QDialog):
    """`demo_loaded`: the program was started with `--demo` and loaded the demo year already.

    The demo is offered as a choice only while the database is empty; loaded, it is said
    so; with real registrations it is not mentioned. Never a greyed-out choice.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 demo_loaded: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo_loaded = demo_loaded
        self.offer_demo = not demo_loaded and ctx.store.is_empty()
        self.setObjectName("first-start")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.errors = FieldErrors()
        self.language = CodeCombo(self)
        self.language.setObjectName("field-language")
        self.language.set_items(interface_language_items())
        self.language.set_code(i18n.current_language())
        self.name = QLineEdit(self)
        self.name.setObjectName("field-device_name")
        self.name.setMaxLength(NAME_MAX)
        self.name.setText(ctx.store.settings.get(settings.DEVICE_NAME))
        self.locality = CodeCombo(self)
        self.locality.setObjectName("field-default_locality")
        self.locality.set_items([none_item(), *locality_items(ctx.store)])
        self.locality.set_code(ctx.store.settings.get(settings.DEFAULT_LOCALITY))
        self.demo = QCheckBox(self)
        self.demo.setObjectName("field-load_demo")
        self.demo.setVisible(self.offer_demo)
        self.captions: list[tuple[QLabel, str]] = []
        name_box = QWidget(self)
        name_layout = QVBoxLayout(name_box)
        name_layout.setContentsMargins(0, 0, 0, 0)
        self.name.setParent(name_box)
        name_layout.addWidget(self.name)
        name_layout.addWidget(self.errors.register("device_name", self.name, name_box))
        for widget, msgid in ((self.language, N_("Interface language")),
                              (name_box, N_("This laptop's name")),
                              (self.locality, N_("Your usual locality"))):
            caption = QLabel(self)
            caption.setBuddy(self.name if widget is name_box else widget)
            self.captions.append((caption, msgid))
            form.addRow(caption, widget)
        self.demo_hint = QLabel(self)
        self.demo_hint.setObjectName("demo-hint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setVisible(self.offer_demo or demo_loaded)
        form.addRow("", self.demo)
        form.addRow("", self.demo_hint)
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(self)
        # Not a standard button: Qt gives a standard button its stock text ("OK", "حسنًا")
        # again on every language change, after our retranslate_ui.
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.finish)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.retranslate_ui()
        self.name.setFocus()

    def choices(self) -> SetupChoices:
        return SetupChoices(device_name=self.name.text(),
                            default_locality=self.locality.current_code(),
                            language=self.language.current_code() or i18n.DEFAULT_LANGUAGE,
                            load_demo=self.offer_demo and self.demo.isChecked())

    def _language_chosen(self) -> None:
        code = self.language.current_code()
        if code and code != i18n.current_language():
            self.ctx.language.apply(code)

    def finish(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        self.start_button.setEnabled(False)
        choices = self.choices()
        self.ctx.ops.run(lambda store: apply_setup(store, choices),
                         on_done=lambda _change: self.accept(), on_error=self._failed)

    def _failed(self, error: UserError) -> None:
        self.start_button.setEnabled(True)
        for unplaced in self.errors.show(error):
            self.general_error.setText(unplaced.message())
            self.general_error.show()
        widget = self.errors.first_field()
        if widget is not None:
            widget.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Welcome to Forebygg Desktop"))
        self.heading.setText(_("Welcome to Forebygg Desktop"))
        self.intro.setText(_("Three questions before you start. You can change the answers "
                             "later under Settings. Nothing here identifies a participant."))
        for caption, msgid in self.captions:
            caption.setText(_(msgid))
        self.name.setPlaceholderText(_("e.g. Family support 3"))
        self.demo.setText(_("Load a demo year"))
        if self.demo_loaded:
            self.demo_hint.setText(_("A demo year is loaded: made-up registrations for "
                                     "trying the program out."))
        else:
            self.demo_hint.setText(_("Made-up registrations for trying the program out. Only "
                                     "offered while the database is empty."))
        self.start_button.setText(pgettext("button: begin using the program", "Start"))
        self.locality.relabel()
        self.errors.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
