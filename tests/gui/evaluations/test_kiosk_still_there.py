"""The kiosk warns "Are you still there?" with a visible countdown before an idle reset;
any touch or key keeps the answers and changes none of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from forebygg_desktop.core.kiosk_texts import kiosk_text
from forebygg_desktop.gui.areas.evaluations.kiosk.window import WARN_SECONDS, KioskWindow
from forebygg_desktop.gui.context import AppContext

from .test_kiosk import answer, choose_language, stored


def warned(qtbot: QtBot, kiosk: KioskWindow) -> None:
    """Let the idle time run out (shortened) and see the warning come up."""
    kiosk.idle_timer.setInterval(200)
    kiosk.idle_timer.start()
    with qtbot.waitSignal(kiosk.idle_timer.timeout, timeout=3000):
        pass
    assert kiosk.warning


@pytest.mark.parametrize("seconds, warn", [(120, WARN_SECONDS), (60, 20), (9, 3), (2, 1)])
def test_the_warning_takes_its_seconds_out_of_the_idle_time(
        ctx: AppContext, series_id: str, qtbot: QtBot, seconds: int, warn: int) -> None:
    token = ctx.store.evaluations.start_round("series", series_id, "group")
    kiosk = KioskWindow(ctx, token, ctx.store.evaluations.questionnaire("group"),
                        idle_seconds=seconds)
    qtbot.addWidget(kiosk)
    assert kiosk.warn_seconds == warn
    assert kiosk.idle_timer.interval() == max(1, seconds - warn) * 1000
    kiosk.unlock()


def test_the_warning_counts_down_in_the_parents_language(
        qtbot: QtBot, ctx: AppContext, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    kiosk.warn_seconds = 3
    choose_language(qtbot, kiosk, "ar")
    answer(qtbot, kiosk, 4)
    warned(qtbot, kiosk)
    panel = kiosk.still_there
    assert panel.title.text() == kiosk_text("still_there", "ar")
    assert panel.text.text() == kiosk_text("still_there_text", "ar")
    assert kiosk.isRightToLeft() and panel.isRightToLeft()
    assert panel.geometry() == kiosk.rect()  # over the whole kiosk
    assert panel.countdown.text() == "3" and panel.bar.value() == 3
    with qtbot.waitSignal(kiosk.countdown.timeout, timeout=3000):
        pass
    assert panel.countdown.text() == "2" and kiosk.warning
    assert kiosk.session is not None  # not yet: the answers are still there
    with qtbot.waitSignal(kiosk.countdown.timeout, timeout=3000):
        pass
    with qtbot.waitSignal(kiosk.countdown.timeout, timeout=3000):
        pass
    assert not kiosk.warning and kiosk.session is None
    assert kiosk.stack.currentWidget() is kiosk.language_page
    ctx.ops.wait()
    assert stored(ctx) == []


@pytest.mark.parametrize("how", ["touch", "key", "button"])
def test_any_touch_or_key_keeps_the_answers(
        qtbot: QtBot, ctx: AppContext, make_kiosk: Callable[[], KioskWindow], how: str) -> None:
    kiosk = make_kiosk()
    kiosk.warn_seconds = 5
    choose_language(qtbot, kiosk, "sv")
    answer(qtbot, kiosk, 4)
    answer(qtbot, kiosk, 2)
    session = kiosk.session
    assert session is not None
    before = dict(session.answers)
    index = session.index
    warned(qtbot, kiosk)
    kiosk.idle_timer.setInterval(60_000)
    if how == "touch":  # a tap where an answer button lies under the warning
        qtbot.mouseClick(kiosk.question_page.answer_buttons[0], Qt.MouseButton.LeftButton)
    elif how == "key":
        qtbot.keyClick(kiosk.question_page, Qt.Key.Key_Space)
    else:
        qtbot.mouseClick(kiosk.still_there.continue_button, Qt.MouseButton.LeftButton)
    assert not kiosk.warning and not kiosk.countdown.isActive()
    assert kiosk.session is session and session.answers == before  # kept, and unchanged
    assert session.index == index and kiosk.stack.currentWidget() is kiosk.question_page
    assert not any(b.isChecked() for b in kiosk.question_page.answer_buttons)
    assert kiosk.idle_timer.isActive()  # the idle time starts over


def test_no_warning_when_there_is_nothing_to_lose(
        qtbot: QtBot, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    kiosk.idle_timer.setInterval(200)
    kiosk.idle_timer.start()
    with qtbot.waitSignal(kiosk.idle_timer.timeout, timeout=3000):
        pass
    assert not kiosk.warning
    assert kiosk.stack.currentWidget() is kiosk.language_page


def test_the_staff_exit_ends_a_warning(
        qtbot: QtBot, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    choose_language(qtbot, kiosk, "en")
    answer(qtbot, kiosk, 1)
    warned(qtbot, kiosk)
    kiosk.ask_pin()
    assert not kiosk.warning and not kiosk.countdown.isActive()
    assert kiosk.stack.currentWidget() is kiosk.pin_page
