"""Choosing what an evaluation is about: a group series (or one of its meetings) or an
open meeting, and which questionnaire fits it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLabel

from forebygg_desktop.core import bidi
from forebygg_desktop.core.activity_choices import Activity
from forebygg_desktop.core.i18n import _, current_language, format_date, is_rtl
from forebygg_desktop.core.questionnaires import Questionnaire
from forebygg_desktop.gui.areas.evaluations.choices import (
    EMPTY_LIST,
    ChoiceSource,
    lazy_combo,
    refill,
)
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable


def questionnaire_title(questionnaire: Questionnaire) -> str:
    """The title in the staff's language when the questionnaire has it, else Swedish."""
    language = current_language()
    shown = language if language in questionnaire.languages else questionnaire.languages[0]
    return questionnaire.title(shown)


def questionnaire_label(questionnaire: Questionnaire, versions: str | None = None) -> str:
    """Title and version(s): never the bare id ("group v1")."""
    # TRANSLATORS: a questionnaire's title and its published version number(s)
    return _("{title} (version {version})").format(
        title=questionnaire_title(questionnaire),
        version=versions or questionnaire.version)


class ContextPicker(Retranslatable):
    """Kind → activity → (meeting) → questionnaire; `changed` after every choice."""

    changed = Signal()

    def __init__(self, ctx: AppContext, with_meeting: bool = True,
                 for_kiosk: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self._with_meeting = with_meeting
        self._for_kiosk = for_kiosk
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.target = QComboBox()
        # The activities: read once off the screen's thread, drawn lazily (choices.py).
        self.source = ChoiceSource.of(ctx.ops)
        self.target_model = lazy_combo(self.target, self)
        # Searchable: typing part of a program, place, venue or date filters the list.
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.target.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.target.setMinimumContentsLength(40)
        self.meeting = QComboBox()
        self.questionnaire = QComboBox()
        self.kind_label, self.target_label = QLabel(), QLabel()
        self.meeting_label, self.questionnaire_label = QLabel(), QLabel()
        for label, combo in ((self.kind_label, self.kind), (self.target_label, self.target),
                             (self.meeting_label, self.meeting),
                             (self.questionnaire_label, self.questionnaire)):
            label.setBuddy(combo)
            form.addRow(label, combo)
        self.meeting.setVisible(with_meeting)
        self.meeting_label.setVisible(with_meeting)
        self.kind.currentIndexChanged.connect(self._fill_targets)
        self.target.currentIndexChanged.connect(self._fill_meetings)
        self.target.currentIndexChanged.connect(self._fill_questionnaires)
        self.meeting.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.questionnaire.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.source.ready.connect(self._fill_targets)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.kind_label.setText(_("&Evaluate"))
        self.target_label.setText(_("&Activity"))
        self.meeting_label.setText(_("&Meeting"))
        self.questionnaire_label.setText(_("&Questionnaire"))
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("Group series"), "series")
        self.kind.addItem(_("Open meeting (café, lecture)"), "open_meeting")
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        self._fill_targets()

    def context(self) -> tuple[str, str] | None:
        """(context type, id) of the chosen activity, or None when there is none."""
        target = self.target.currentData()
        if target is None:
            return None
        meeting = self.meeting.currentData() if self._with_meeting else None
        if self.kind.currentData() == "series" and meeting:
            return "meeting", str(meeting)
        return str(self.kind.currentData()), str(target)

    def questionnaire_code(self) -> str | None:
        code = self.questionnaire.currentData()
        return str(code) if code else None

    def select(self, kind: str, target_id: str) -> None:
        """Preselect an activity (used by other screens and tests)."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.target.setCurrentIndex(self.target_model.row_of(target_id))

    def _fill_targets(self) -> None:
        store = self.ctx.store
        localities = {loc.code: loc.name for loc in store.catalog.localities(True)}
        programs = {p.code: p.name() for p in store.catalog.programs(True)}
        choices = self.source.choices
        if choices is None:
            self.source.request()  # `ready` fills the list
            activities = EMPTY_LIST
        else:
            activities = choices.activities[(str(self.kind.currentData()), self._for_kiosk)]
        # The editable field takes its direction from the text: give it the interface's.
        rtl = is_rtl()

        def text(activity: Activity) -> str:
            return bidi.paragraph(bidi.join((
                programs.get(activity.program_code, activity.program_code),
                localities.get(activity.locality_code, activity.locality_code),
                activity.venue, format_date(activity.start) if activity.start else "")), rtl)

        refill(self.target, self.target_model, activities, text)
        self._fill_meetings()
        self._fill_questionnaires()

    def _fill_meetings(self) -> None:
        self.meeting.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem(_("The whole series"), None)
        target = self.target.currentData()
        if self.kind.currentData() == "series" and target:
            for meeting in self.ctx.store.groups.meetings(str(target)):
                self.meeting.addItem(bidi.compose(_("Meeting {number}, {date}"),
                                                  number=meeting.number,
                                                  date=format_date(meeting.held_on)), meeting.id)
        self.meeting.setEnabled(self.meeting.count() > 1)
        self.meeting.blockSignals(False)

    def _fill_questionnaires(self) -> None:
        current = self.questionnaire.currentData()
        self.questionnaire.blockSignals(True)
        self.questionnaire.clear()
        target = self.target.currentData()
        if target is not None:
            kind = str(self.kind.currentData())
            evaluations = self.ctx.store.evaluations
            program = evaluations.context_program(kind, str(target))
            for questionnaire in evaluations.applicable(kind, program):
                self.questionnaire.addItem(questionnaire_label(questionnaire),
                                           questionnaire.code)
        self.questionnaire.setCurrentIndex(max(0, self.questionnaire.findData(current)))
        self.questionnaire.blockSignals(False)
        self.changed.emit()
