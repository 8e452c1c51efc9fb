"""The cycle collector paused around a report (`core/quiet_gc.py`): off inside, back as it
was after — on when it was on, still off when the desktop program had it off — also when
the report fails; and a report leaves it so."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.quiet_gc import collector_paused
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.store import Store


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_off_inside_and_on_again_after_even_on_failure() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        _ = 1 / 0
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_left_off_when_it_was_off_as_in_the_desktop_program() -> None:
    gc.disable()
    try:
        with collector_paused(), collector_paused():  # nested: the inner one changes nothing
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_a_report_leaves_the_collector_as_it_found_it(store: Store, tmp_path: Path) -> None:
    seen: list[bool] = []
    write_report(store, ReportOptions(Period.parse("2026Q1")), tmp_path / "r.xlsx",
                 progress=lambda *_args: seen.append(gc.isenabled()))
    assert seen and not any(seen)  # paused while it ran
    assert gc.isenabled()
    with pytest.raises(UserError):  # a workbook there already, not to be replaced
        write_report(store, ReportOptions(Period.parse("2026Q1")), tmp_path / "r.xlsx")
    assert gc.isenabled()
