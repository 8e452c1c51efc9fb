"""A row saved for another quarter never vanishes; digital use has one period choice.

Written as a user meets it: the list shows this quarter, the form is filled for an earlier
one, Save — and the row must be in view, selected, with a notice naming the quarter.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from forebygg_desktop.core.i18n import format_quarter
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import DigitalUseData
from forebygg_desktop.gui.areas.digital.form import DigitalForm
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.widgets.period_list import PeriodListPage


def quarters_back(steps: int, today: date | None = None) -> Period:
    quarter = Period.quarter_of(today or date.today())
    for _step in range(steps):
        quarter = Period.quarter_of(quarter.start - timedelta(days=1))
    return quarter


def label(period: Period) -> str:
    return format_quarter(period.start.year, quarter_number(period.start))


def fill(area: str, form, when: Period) -> None:
    """The form filled for a day in `when` (the middle of that quarter)."""
    day = when.start + timedelta(days=40)
    if area == "open_meetings":
        form.fields["held_on"].setDate(day)
        form.fields["women"].set_count(4)
    elif area == "talks":
        form.fields["first_talk_on"].setDate(day)
    else:
        form.fields["program_code"].set_code("SES")
        form.fields["period"].set_code(when.code)
        form.fields["logins_handed_out"].set_count(5)


@pytest.mark.parametrize("area", ["open_meetings", "talks", "digital"])
@pytest.mark.parametrize("steps", [2, 12])  # one of the recent quarters / long ago
def test_a_row_saved_for_another_quarter_is_shown_where_it_went(
        window: MainWindow, ctx: AppContext, qtbot, area: str, steps: int) -> None:
    window.show_page(area)
    page = window.pages[area]
    assert isinstance(page, PeriodListPage)
    this_quarter = Period.quarter_of(date.today())
    assert page.period.period() == this_quarter
    when = quarters_back(steps)
    form = page.open_form(None)
    fill(area, form, when)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save_button.click()
    ctx.ops.wait()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    # The row is in view and selected ...
    record = page.current_record()
    assert record is not None and record.id == form.last_change.id
    # ... the list moved to its quarter (or to every period when that is not a choice) ...
    if when.code in page.period.codes():
        assert page.period.period() == when
    else:
        assert page.period.period() is None
    # ... and the notice names the quarter, not only "Saved."
    assert label(when) in page.notice.text.text()
    assert page.notice.isVisible()


@pytest.mark.parametrize("area", ["open_meetings", "digital"])
def test_a_row_saved_in_the_shown_quarter_just_says_saved(window: MainWindow, ctx: AppContext,
                                                          qtbot, area: str) -> None:
    window.show_page(area)
    page = window.pages[area]
    form = page.open_form(None)
    fill(area, form, Period.quarter_of(date.today()))
    if area == "open_meetings":
        form.fields["held_on"].setDate(date.today())
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save_button.click()
    ctx.ops.wait()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.period.period() == Period.quarter_of(date.today())
    assert page.current_record() is not None
    assert page.notice.text.text() in ("Sparat.", "Saved.")


def test_the_digital_form_has_one_unambiguous_period_choice(ctx: AppContext, qtbot) -> None:
    form = DigitalForm(ctx)
    qtbot.addWidget(form)
    assert "year" not in form.fields and "quarter" not in form.fields
    combo = form.combo("period")
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert len(set(texts)) == len(texts) >= 8  # no two choices read the same
    for text, code in zip(texts, combo.codes(), strict=True):
        period = Period.parse(code)
        assert Period.quarter_of(period.start) == period
        # Every choice names its year exactly once: nothing else to contradict it.
        assert re.findall(r"\d{4}", text) == [str(period.start.year)]
    assert combo.current_code() == Period.quarter_of(date.today()).code
    assert max(combo.codes()) == Period.quarter_of(date.today()).code  # no future quarters


def test_the_chosen_quarter_is_what_is_stored(ctx: AppContext, store: Store, qtbot) -> None:
    form = DigitalForm(ctx)
    qtbot.addWidget(form)
    last_q4 = Period.quarter(date.today().year - 1, 4)
    form.fields["program_code"].set_code("SES")
    form.combo("period").set_code(last_q4.code)
    form.fields["started"].set_count(2)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save_button.click()
    [record] = store.digital.list()
    assert (record.year, record.quarter, record.started) == (date.today().year - 1, 4, 2)


def test_correcting_an_old_row_keeps_its_quarter(ctx: AppContext, store: Store, qtbot) -> None:
    old_year = date.today().year - 9
    store.digital.create(DigitalUseData("SES", old_year, 2, logins_handed_out=1))
    [record] = store.digital.list()
    form = DigitalForm(ctx, record)
    qtbot.addWidget(form)
    assert form.combo("period").current_code() == f"{old_year}Q2"
    form.fields["logins_handed_out"].set_count(3)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save_button.click()
    [after] = store.digital.list()
    assert (after.year, after.quarter, after.logins_handed_out) == (old_year, 2, 3)
