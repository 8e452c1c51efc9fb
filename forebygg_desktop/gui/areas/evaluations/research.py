"""A licence holder's research questionnaire (ABC): only how many were handed out and
returned, before and after the group — never the answers."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from forebygg_desktop.core.errors import UserError, ValidationErrors
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.gui.areas.evaluations.choices import (
    EMPTY_LIST,
    ChoiceSource,
    lazy_combo,
    refill,
)
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable

MAX = 999


def _count_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1, MAX)  # -1 shows as empty: "not entered" stays apart from 0
    box.setSpecialValueText(" ")
    return box


class ResearchCountsTab(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.series = QComboBox()
        self.source = ChoiceSource.of(ctx.ops)
        self.series_model = lazy_combo(self.series, self)
        self.source.ready.connect(self.fill_series)
        self.series_label = QLabel()
        self.series_label.setBuddy(self.series)
        form.addRow(self.series_label, self.series)
        self.boxes = {(phase, kind): _count_box() for phase in ("before", "after")
                      for kind in ("handed_out", "returned")}
        self.labels = {key: QLabel() for key in self.boxes}
        for key, box in self.boxes.items():
            self.labels[key].setBuddy(box)
            form.addRow(self.labels[key], box)
        layout.addLayout(form)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.series.currentIndexChanged.connect(self.load)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(_(
            "The ABC research questionnaire belongs to its licence holder: record only how "
            "many were handed out and returned. Leave a field empty if you do not know."))
        self.series_label.setText(_("Group &series"))
        texts = {("before", "handed_out"): _("Before: handed &out"),
                 ("before", "returned"): _("Before: re&turned"),
                 ("after", "handed_out"): _("After: handed o&ut"),
                 ("after", "returned"): _("After: retur&ned")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.save_button.setText(_("&Save counts"))
        self.fill_series()

    def fill_series(self) -> None:
        programs = {p.code: p.name() for p in self.ctx.store.catalog.programs(True)}
        localities = {loc.code: loc.name for loc in self.ctx.store.catalog.localities(True)}
        choices = self.source.choices
        if choices is None:
            self.source.request()  # `ready` fills the list (read once, off the screen's thread)
        rows = choices.series if choices is not None else EMPTY_LIST

        def text(row: SeriesRow) -> str:
            return (f"{programs.get(row.program_code, row.program_code)} · "
                    f"{localities.get(row.locality_code, row.locality_code)}")

        refill(self.series, self.series_model, rows, text)
        self.load()

    def load(self) -> None:
        series_id = self.series.currentData()
        self.save_button.setEnabled(series_id is not None)
        if series_id is None:
            return
        counts = self.ctx.store.evaluations.research_counts(str(series_id))
        for (phase, kind), box in self.boxes.items():
            value = getattr(counts[phase], kind)
            box.setValue(-1 if value is None else value)

    def save(self) -> None:
        series_id = self.series.currentData()
        if series_id is None:
            return
        values = {key: (None if box.value() < 0 else box.value())
                  for key, box in self.boxes.items()}
        sid = str(series_id)

        def work(store: Store) -> Change:
            for phase in ("before", "after"):
                change = store.evaluations.set_research_count(
                    sid, phase, values[(phase, "handed_out")], values[(phase, "returned")])
            return change

        self.ctx.ops.run(work, on_done=lambda _c: self.message.setText(_("Saved.")),
                         on_error=self._failed)

    def _failed(self, error: UserError) -> None:
        errors = error.errors if isinstance(error, ValidationErrors) else [error]
        self.message.setText(" ".join(e.message() for e in errors))
