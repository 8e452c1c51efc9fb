"""Fixtures for the evaluation screens: an app context over a fresh store, a series, a PIN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import SeriesData
from forebygg_desktop.gui.areas.evaluations.kiosk.window import KioskWindow
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.operations import Operations

STAFF_PIN = "2580"


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> Iterator[AppContext]:
    load_fonts(qapp)
    language = LanguageController(qapp)
    language.apply("sv")
    store.evaluations.set_kiosk_pin(STAFF_PIN)
    context = AppContext(store=store, ops=Operations(store), language=language)
    yield context
    context.ops.wait()
    language.apply("sv")
    language.deleteLater()


@pytest.fixture
def series_id(store: Store) -> str:
    # Started three weeks ago: the kiosk offers only series that have started.
    return store.groups.create_series(SeriesData(program_code="ABC-3-12",
                                                 locality_code="HALLSTAVIK",
                                                 language_code="sv",
                                                 planned_start=date.today()
                                                 - timedelta(days=21))).id


@pytest.fixture
def make_kiosk(ctx: AppContext, series_id: str,
               qtbot: QtBot) -> Iterator[Callable[[], KioskWindow]]:
    made: list[KioskWindow] = []

    def make() -> KioskWindow:
        token = ctx.store.evaluations.start_round("series", series_id, "group")
        questionnaire = ctx.store.evaluations.questionnaire("group")
        kiosk = KioskWindow(ctx, token, questionnaire, thanks_ms=60)
        kiosk.resize(1366, 768)
        kiosk.open()
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        if kiosk.locked:
            kiosk.unlock()
        ctx.ops.wait()
        kiosk.deleteLater()
