"""The table models on their own: empty is not zero, texts follow the language."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from forebygg_desktop.core import i18n
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.core.store.records import (
    DigitalUseRecord,
    MeetingRecord,
    OpenMeetingRecord,
    TalkRecord,
)
from forebygg_desktop.gui.areas.digital.table import digital_model
from forebygg_desktop.gui.areas.groups.tables import meeting_model, series_model
from forebygg_desktop.gui.areas.open_meetings.table import open_meeting_model
from forebygg_desktop.gui.areas.talks.table import talk_model
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(autouse=True)
def _english() -> None:
    """Headers are looked up by their English text here."""
    i18n.set_language("en")


def _cells(model, row: int = 0) -> dict[str, str]:
    return {model.headerData(c, Qt.Orientation.Horizontal): model.data(model.index(row, c))
            for c in range(model.columnCount())}


def test_meeting_model_keeps_empty_and_zero_apart(qapp) -> None:
    model = meeting_model()
    model.set_records([MeetingRecord(number=2, held_on=date(2026, 3, 4), minutes=150,
                                     women=0, men=None, other_gender=None, interpreter=None,
                                     id="m1", series_id="s1")])
    cells = _cells(model)
    assert model.rowCount() == 1
    assert cells["Women"] == "0"
    assert cells["Men"] == "–"
    assert cells["Total"] == "0"
    assert cells["Interpreter"] == "–"
    assert model.record(0).id == "m1"
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    assert model.data(QModelIndex()) is None


def test_numbers_align_trailing_and_text_leading(qapp) -> None:
    model = meeting_model()
    model.set_records([MeetingRecord(number=1, held_on=date(2026, 3, 4), women=5, id="m")])
    number = model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole)
    kind = model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole)
    assert number & int(Qt.AlignmentFlag.AlignTrailing)
    assert kind & int(Qt.AlignmentFlag.AlignLeading)


def test_series_model_marks_attention_with_a_sign_and_names_codes(store: Store, qapp) -> None:
    names = CatalogNames(store)
    model = series_model(names)
    row = SeriesRow(id="s", program_code="FOS", locality_code="RIMBO", venue=None,
                    language_code="ar", status="running", planned_meetings=5, meetings_held=2,
                    first_meeting=date(2026, 1, 5), last_meeting=date(2026, 1, 12),
                    planned_start=date(2026, 1, 5), needs_attention=True)
    model.set_records([row, SeriesRow(**{**row.__dict__, "id": "t", "needs_attention": False,
                                         "planned_meetings": None})])
    first, second = _cells(model, 0), _cells(model, 1)
    assert first["Program"].startswith("FÖS")
    assert first["Locality"] == "Rimbo"
    assert first["Meetings"] == "2 / 5"
    assert first["Status"].startswith("⚠")
    assert not second["Status"].startswith("⚠")
    assert second["Meetings"] == "2 / –"
    assert model.data(model.index(0, 7), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 7), Qt.ItemDataRole.ToolTipRole) is None


def test_headers_follow_a_language_switch(store: Store, qapp, qtbot) -> None:
    model = talk_model(CatalogNames(store))
    model.set_records([TalkRecord(first_talk_on=date(2026, 2, 1), who_came="father",
                                  language_code="sv", talks=2, id="t")])
    english = _cells(model)
    assert english["Who came"] == "Father"
    i18n.set_language("qps")  # the pseudo language changes every text
    with qtbot.waitSignal(model.headerDataChanged):
        model.refresh_texts()
    header = model.headerData(2, Qt.Orientation.Horizontal)
    assert header != "Who came" and "Wh" in header


def test_other_models_show_their_records(store: Store, qapp) -> None:
    names = CatalogNames(store)
    opens = open_meeting_model(names)
    opens.set_records([OpenMeetingRecord("LECTURE", date(2026, 5, 1), "RIMBO", "sv",
                                         women=40, men=10, estimated=True, id="o")])
    cells = _cells(opens)
    assert cells["Total"] == "50 ≈"
    assert cells["Women"] == "40"
    digital = digital_model(names)
    digital.set_records([DigitalUseRecord("SES", 2026, 2, logins_handed_out=12, started=None,
                                          completed=0, id="d")])
    cells = _cells(digital)
    assert cells["Started"] == "–"
    assert cells["Completed"] == "0"
    assert "2026" in cells["Quarter"]
    assert digital.row_of(lambda r: r.id == "d") == 0
    assert digital.row_of(lambda r: r.id == "x") == -1
