"""The parent kiosk: whole rounds, idle reset, PIN exit, and no way back to an earlier parent."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from forebygg_desktop.core.models import EvaluationResponse
from forebygg_desktop.gui.areas.evaluations.kiosk.window import KioskWindow
from forebygg_desktop.gui.context import AppContext

from .conftest import STAFF_PIN

SECRET = "Tack till Fatima och Ahmed"


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_language(qtbot: QtBot, kiosk: KioskWindow, language: str) -> None:
    assert kiosk.stack.currentWidget() is kiosk.language_page
    click(qtbot, kiosk.language_page.buttons[language])
    click(qtbot, kiosk.welcome_page.start_button)


def answer(qtbot: QtBot, kiosk: KioskWindow, index: int) -> None:
    """Tap answer `index` (0 = first button) on the current question."""
    assert kiosk.stack.currentWidget() is kiosk.question_page
    click(qtbot, kiosk.question_page.answer_buttons[index])


def send(qtbot: QtBot, kiosk: KioskWindow) -> None:
    assert kiosk.stack.currentWidget() is kiosk.ready_page
    with qtbot.waitSignal(kiosk.ctx.ops.changed, timeout=5000):
        click(qtbot, kiosk.ready_page.send_button)
    assert kiosk.stack.currentWidget() is kiosk.thanks_page


def stored(ctx: AppContext) -> list[EvaluationResponse]:
    with ctx.store.uow.read() as session:
        return list(session.scalars(select(EvaluationResponse)))


def answer_arabic_parent(qtbot: QtBot, kiosk: KioskWindow, comment: str) -> None:
    choose_language(qtbot, kiosk, "ar")
    assert kiosk.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert kiosk.question_page.question.text() == "أشعر بالرضا عن مجموعة الوالدين بشكل عام."
    assert kiosk.question_page.progress_label.text() == "السؤال 1 من 7"
    for choice in (4, 3, 4, 2, 4):  # likert 5, 4, 5, 3, 5
        answer(qtbot, kiosk, choice)
    assert kiosk.question_page.progress.value() == 6
    answer(qtbot, kiosk, 0)  # would recommend: yes
    editor = kiosk.question_page.free_text
    assert editor is not None
    qtbot.keyClicks(editor, comment)
    click(qtbot, kiosk.question_page.next_button)
    send(qtbot, kiosk)


def test_a_whole_round_with_two_parents_in_two_languages(
        qtbot: QtBot, ctx: AppContext, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    assert kiosk.isFullScreen()
    answer_arabic_parent(qtbot, kiosk, SECRET)
    assert kiosk.thanks_page.text.text() == "شكراً لك على إجاباتك!"
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.language_page, timeout=3000)

    choose_language(qtbot, kiosk, "so")
    assert kiosk.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert kiosk.question_page.next_button.text() == "Xiga"
    answer(qtbot, kiosk, 1)  # overall: 2
    for _ in range(4):
        click(qtbot, kiosk.question_page.next_button)  # skip the rest of the scale items
    answer(qtbot, kiosk, 1)  # would recommend: no
    click(qtbot, kiosk.question_page.next_button)  # no comment
    send(qtbot, kiosk)
    assert kiosk.thanks_page.text.text() == "Waad ku mahadsan tahay jawaabahaaga!"

    rows = {row.language: row for row in stored(ctx)}
    assert set(rows) == {"ar", "so"}
    assert rows["ar"].answers == {"overall": 5, "learned_use_at_home": 4,
                                  "more_secure_parent": 5, "know_where_to_turn": 3,
                                  "leaders_listened": 5, "would_recommend": True}
    assert (rows["ar"].free_text, rows["ar"].free_text_status) == (SECRET, "unreviewed")
    assert rows["so"].answers == {"overall": 2, "would_recommend": False}
    assert rows["so"].free_text_status == "none"
    assert rows["ar"].local_seq == rows["so"].local_seq == kiosk.token.local_seq
    assert {row.questionnaire_version for row in rows.values()} == {2}  # the latest version


def test_back_within_one_parent_keeps_that_parents_answers(
        qtbot: QtBot, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    choose_language(qtbot, kiosk, "sv")
    answer(qtbot, kiosk, 3)
    click(qtbot, kiosk.question_page.back_button)
    checked = [b for b in kiosk.question_page.answer_buttons if b.isChecked()]
    assert [b.text().lstrip("\u200e")[:3] for b in checked] == ["✓ 4"]


def test_idle_timeout_discards_an_unfinished_answer(
        qtbot: QtBot, ctx: AppContext, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    kiosk.idle_timer.setInterval(500)
    kiosk.warn_seconds = 1  # "Are you still there?" for one second, then the reset
    choose_language(qtbot, kiosk, "sv")
    answer(qtbot, kiosk, 4)
    answer(qtbot, kiosk, 4)
    assert kiosk.session is not None and len(kiosk.session.answers) == 2
    with qtbot.waitSignal(kiosk.idle_timer.timeout, timeout=3000):
        pass
    assert kiosk.warning  # warned first
    with qtbot.waitSignal(kiosk.countdown.timeout, timeout=3000):
        pass
    assert kiosk.stack.currentWidget() is kiosk.language_page and not kiosk.warning
    assert kiosk.session is None
    assert kiosk.layoutDirection() == QApplication.layoutDirection()
    choose_language(qtbot, kiosk, "sv")
    assert not any(b.isChecked() for b in kiosk.question_page.answer_buttons)
    ctx.ops.wait()
    assert stored(ctx) == []


def test_activity_postpones_the_idle_reset(
        qtbot: QtBot, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    kiosk.idle_timer.setInterval(10_000)
    choose_language(qtbot, kiosk, "en")
    for send_input in (
            lambda: qtbot.mouseClick(kiosk.question_page.question, Qt.MouseButton.LeftButton),
            lambda: qtbot.keyClick(kiosk, Qt.Key.Key_Shift)):
        qtbot.wait(600)
        before = kiosk.idle_timer.remainingTime()
        send_input()
        assert kiosk.idle_timer.isActive() and kiosk.idle_timer.remainingTime() > before


def test_leaving_needs_the_staff_pin(qtbot: QtBot,
                                     make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    assert not kiosk.close()  # the close button, Alt+F4 and the window manager all land here
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    kiosk.showMinimized()
    qtbot.waitUntil(lambda: kiosk.isFullScreen() and not kiosk.isMinimized(), timeout=3000)
    assert kiosk.isVisible() and kiosk.locked

    click(qtbot, kiosk.staff_button)
    assert kiosk.stack.currentWidget() is kiosk.pin_page
    qtbot.keyClicks(kiosk.pin_page.edit, "1111")
    click(qtbot, kiosk.pin_page.ok_button)
    assert kiosk.locked and kiosk.isVisible()
    assert kiosk.pin_page.message.text()  # says the PIN was wrong
    assert kiosk.pin_page.edit.text() == ""
    assert not kiosk.close()

    for digit in STAFF_PIN:
        click(qtbot, next(b for b in kiosk.pin_page.findChildren(QPushButton)
                          if b.text() == digit))
    with qtbot.waitSignal(kiosk.finished, timeout=3000):
        click(qtbot, kiosk.pin_page.ok_button)
    assert not kiosk.locked and not kiosk.isVisible()


def test_five_wrong_pins_pause_the_pin_entry(qtbot: QtBot,
                                            make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    kiosk.ask_pin()
    for _ in range(5):
        qtbot.keyClicks(kiosk.pin_page.edit, "0000")
        qtbot.keyClick(kiosk.pin_page.edit, Qt.Key.Key_Return)
    assert not kiosk.pin_page.ok_button.isEnabled()
    qtbot.keyClicks(kiosk.pin_page.edit, STAFF_PIN)
    qtbot.keyClick(kiosk.pin_page.edit, Qt.Key.Key_Return)
    assert kiosk.locked  # even the right PIN waits out the pause


def _visible_texts(kiosk: KioskWindow) -> list[str]:
    texts = [w.text() for w in kiosk.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in kiosk.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in kiosk.findChildren(QPlainTextEdit)]
    return texts


def test_no_control_leads_back_to_an_earlier_parents_answers(
        qtbot: QtBot, make_kiosk: Callable[[], KioskWindow]) -> None:
    kiosk = make_kiosk()
    answer_arabic_parent(qtbot, kiosk, SECRET)
    # The thank-you offers no way back: the staff button is the only button shown.
    shown = [b for b in kiosk.findChildren(QPushButton) if b.isVisible()]
    assert shown == [kiosk.staff_button]
    assert kiosk.session is None
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.language_page, timeout=3000)
    # Undo / back keys on the language page change nothing.
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Back, Qt.Key.Key_Escape):
        qtbot.keyClick(kiosk, key)
    qtbot.keyClick(kiosk, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert kiosk.stack.currentWidget() is kiosk.language_page

    # The next parent walks every question: nothing is pre-chosen, no text is there.
    choose_language(qtbot, kiosk, "ar")
    for _ in range(6):
        assert not any(b.isChecked() for b in kiosk.question_page.answer_buttons)
        click(qtbot, kiosk.question_page.next_button)
    editor = kiosk.question_page.free_text
    assert editor is not None and editor.toPlainText() == ""
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "" and not editor.document().isUndoAvailable()
    assert not any(SECRET in text for text in _visible_texts(kiosk))
    # Back from the first question ends at the welcome and language pages, no further.
    for _ in range(7):
        click(qtbot, kiosk.question_page.back_button)
    assert kiosk.stack.currentWidget() is kiosk.welcome_page
    click(qtbot, kiosk.welcome_page.back_button)
    assert kiosk.stack.currentWidget() is kiosk.language_page
    assert kiosk.session is None
