"""The locked, full-screen parent kiosk.

Parents answer one after another: language → welcome → one question per screen → send →
thank-you → back to the language page by itself. An idle timeout discards an unfinished
answer, after an "Are you still there?" warning that counts down on screen (any touch
or key keeps the answers). Each parent gets a fresh session and freshly built answer
controls, so no control leads back to an earlier parent's answers. Closing, Escape and
Alt+F4 are ignored; only the staff PIN unlocks. Nothing about a round is logged.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.kiosk_texts import is_rtl
from forebygg_desktop.core.questionnaires import Questionnaire
from forebygg_desktop.core.store.evaluation_records import RoundToken
from forebygg_desktop.gui.areas.evaluations.kiosk.pages import (
    LanguagePage,
    QuestionPage,
    ReadyPage,
    ThanksPage,
    WelcomePage,
)
from forebygg_desktop.gui.areas.evaluations.kiosk.palette import light_palette
from forebygg_desktop.gui.areas.evaluations.kiosk.pin_page import PinPage
from forebygg_desktop.gui.areas.evaluations.kiosk.session import KioskSession
from forebygg_desktop.gui.areas.evaluations.kiosk.still_there import StillTherePanel
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable

THANKS_MS = 6_000
# The warning before an idle reset: this long, or a third of the idle time if that is less.
WARN_SECONDS = 20
MAX_PIN_TRIES = 5
PIN_PAUSE_MS = 30_000
_INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
                 QEvent.Type.TouchUpdate, QEvent.Type.Wheel, QEvent.Type.InputMethod}
# Input that answers the warning (and goes no further: no answer is changed by it).
_WAKE_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                QEvent.Type.Wheel, QEvent.Type.InputMethod}

STYLE = """
QWidget#kiosk { background: #f6f4ee; color: #1d1d1b; }
QLabel, QRadioButton, QCheckBox { color: #1d1d1b; }
QProgressBar { background: #e4e2db; border: 1px solid #b5b5b5; border-radius: 4px;
               color: #1d1d1b; }
QProgressBar::chunk { background: #005a9e; border-radius: 3px; }
QLabel { font-size: 20px; }
QLabel#kioskTitle { font-size: 30px; font-weight: bold; }
QLabel#kioskQuestion { font-size: 32px; }
QLabel#kioskText, QLabel#kioskPrompt { font-size: 24px; }
QLabel#kioskProgress { font-size: 20px; }
QLabel#kioskError { font-size: 20px; color: #a4000f; font-weight: bold; }
QPushButton { font-size: 24px; padding: 8px 24px; border: 2px solid #6b6b6b;
              border-radius: 10px; background: #ffffff; color: #1d1d1b; }
QPushButton:focus { border: 4px solid #005a9e; }
QPushButton:checked { border: 4px solid #1d1d1b; background: #dcefe3; font-weight: bold; }
QPushButton[kioskRole="primary"] { background: #005a9e; color: white; font-weight: bold; }
QPushButton[kioskRole="staff"] { font-size: 14px; padding: 4px 12px; border: 1px solid #b5b5b5;
                                 color: #555555; background: transparent; }
QPlainTextEdit, QLineEdit { font-size: 24px; background: white; border: 2px solid #6b6b6b;
                            color: #1d1d1b; }
"""


class KioskWindow(Retranslatable):
    """Staff start it for one round (`RoundToken`); `finished` follows the PIN exit."""

    finished = Signal()

    def __init__(self, ctx: AppContext, token: RoundToken, questionnaire: Questionnaire,
                 idle_seconds: int | None = None, thanks_ms: int = THANKS_MS) -> None:
        super().__init__(None)
        self.ctx, self.token, self.questionnaire = ctx, token, questionnaire
        self.session: KioskSession | None = None
        self._unlocked = False
        self._pin_failures = 0
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        # Light in every system colour scheme (Windows 11 dark mode made it white on white).
        self.setPalette(light_palette())
        self.setStyleSheet(STYLE)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.staff_button = QPushButton()
        self.staff_button.setProperty("kioskRole", "staff")
        self.staff_button.clicked.connect(self.ask_pin)
        top.addStretch(1)
        top.addWidget(self.staff_button)
        layout.addLayout(top)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        self.language_page = LanguagePage(questionnaire)
        self.welcome_page = WelcomePage()
        self.question_page = QuestionPage()
        self.ready_page = ReadyPage()
        self.thanks_page = ThanksPage()
        self.pin_page = PinPage()
        for page in (self.language_page, self.welcome_page, self.question_page,
                     self.ready_page, self.thanks_page, self.pin_page):
            self.stack.addWidget(page)
        self.language_page.chosen.connect(self._choose_language)
        self.welcome_page.start.connect(lambda: self._show_question(0))
        self.welcome_page.back.connect(self.reset)
        self.question_page.answered.connect(self._next)
        self.question_page.next.connect(self._next)
        self.question_page.back.connect(self._back)
        self.ready_page.back.connect(lambda: self._show_question(self.questionnaire_len - 1))
        self.ready_page.send.connect(self._send)
        self.pin_page.submitted.connect(self._check_pin)
        self.pin_page.cancelled.connect(self.reset)
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, self.ask_pin)

        self.saved_count = 0
        seconds = idle_seconds or ctx.store.settings.get(settings.KIOSK_IDLE_SECONDS)
        # The idle time is the warning's start plus its countdown, together `seconds`.
        self.warn_seconds = max(1, min(WARN_SECONDS, seconds // 3))
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.idle_timer.setInterval(max(1, seconds - self.warn_seconds) * 1000)
        self.idle_timer.timeout.connect(self._idle)
        self.still_there = StillTherePanel(self)
        self.still_there.carry_on.connect(self._carry_on)
        self.seconds_left = 0
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.setInterval(thanks_ms)
        self.thanks_timer.timeout.connect(self.reset)
        self.pin_pause = QTimer(self)
        self.pin_pause.setSingleShot(True)
        self.pin_pause.setInterval(PIN_PAUSE_MS)
        self.pin_pause.timeout.connect(lambda: self.pin_page.ok_button.setEnabled(True))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate_ui()
        self.reset()

    @property
    def questionnaire_len(self) -> int:
        return len(self.questionnaire.items)

    def retranslate_ui(self) -> None:
        # Staff-facing only; the parent's screens follow the parent's chosen language.
        self.setWindowTitle(_("Evaluation kiosk"))
        self.staff_button.setText(_("Staff"))
        self.staff_button.setToolTip(_("Leave the kiosk (staff PIN)"))

    def open(self) -> None:
        """Show full-screen and take the focus."""
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    # --- the parent's path ----------------------------------------------------------------

    def reset(self) -> None:
        """Back to the language page; any unfinished answer is dropped."""
        self._end_warning()
        self.session = None
        self.thanks_timer.stop()
        self.question_page.clear()
        self.pin_page.reset()
        self.ready_page.error.clear()
        self.setLayoutDirection(QApplication.layoutDirection())
        self.stack.setCurrentWidget(self.language_page)
        self.idle_timer.start()

    def _choose_language(self, language: str) -> None:
        self.session = KioskSession(self.questionnaire, language)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(language)
                                else Qt.LayoutDirection.LeftToRight)
        self.welcome_page.show_for(self.questionnaire, language)
        self.stack.setCurrentWidget(self.welcome_page)
        self.welcome_page.start_button.setFocus()

    def _show_question(self, index: int) -> None:
        if self.session is None:
            return
        self.session.index = index
        self.question_page.show_item(self.session)
        self.stack.setCurrentWidget(self.question_page)

    def _next(self) -> None:
        if self.session is None:
            return
        if self.session.index + 1 < self.session.total:
            self._show_question(self.session.index + 1)
        else:
            self.ready_page.show_for(self.session.language)
            self.stack.setCurrentWidget(self.ready_page)
            self.ready_page.send_button.setFocus()

    def _back(self) -> None:
        if self.session is None:
            return
        self.question_page.save_free_text()
        if self.session.index == 0:
            self.stack.setCurrentWidget(self.welcome_page)
        else:
            self._show_question(self.session.index - 1)

    def _send(self) -> None:
        session = self.session
        if session is None:
            return
        if not session.has_answers():
            self._thank(session.language)
            return
        token, language, answers = self.token, session.language, dict(session.answers)
        self.ready_page.send_button.setEnabled(False)
        self.ctx.ops.run(lambda s: s.evaluations.submit_answer(token, language, answers),
                         on_done=lambda _change: self._saved(language),
                         on_error=self._send_failed)

    def _saved(self, language: str) -> None:
        # Only how many, for staff leaving the kiosk: never which or when.
        self.saved_count += 1
        self._thank(language)

    def _thank(self, language: str) -> None:
        # Drop the session and every control that showed it before the thank-you.
        self.session = None
        self.question_page.clear()
        self.thanks_page.show_for(self.questionnaire, language)
        self.stack.setCurrentWidget(self.thanks_page)
        self.thanks_timer.start()

    def _send_failed(self, error: UserError) -> None:
        self.ready_page.error.setText(error.message())
        self.ready_page.send_button.setEnabled(True)

    # --- idle: warn, count down, then reset --------------------------------------------------

    def _idle(self) -> None:
        if self.session is None:
            self.reset()  # nothing to lose: back to the start without a warning
            return
        self.seconds_left = self.warn_seconds
        self.still_there.show_for(self.session.language, self.seconds_left)
        self.countdown.start()

    def _tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self.reset()
        else:
            self.still_there.set_left(self.seconds_left)

    @property
    def warning(self) -> bool:
        """True while "Are you still there?" counts down."""
        return self.still_there.isVisible()

    def _carry_on(self) -> None:
        """The parent is there: the warning goes, the answers stay, the idle time restarts."""
        self._end_warning()
        self.idle_timer.start()
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus()

    def _end_warning(self) -> None:
        self.countdown.stop()
        self.still_there.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.still_there.setGeometry(self.rect())
        super().resizeEvent(event)

    # --- staff exit -----------------------------------------------------------------------

    def ask_pin(self) -> None:
        """Staff want out: an unfinished answer is dropped, the PIN page shown."""
        self.reset()
        self.stack.setCurrentWidget(self.pin_page)
        self.pin_page.edit.setFocus()

    def _check_pin(self, pin: str) -> None:
        if not self.pin_page.ok_button.isEnabled():
            return
        if self.ctx.store.evaluations.verify_kiosk_pin(pin):
            self.unlock()
            return
        self._pin_failures += 1
        self.pin_page.wrong()
        if self._pin_failures % MAX_PIN_TRIES == 0:
            self.pin_page.ok_button.setEnabled(False)
            self.pin_pause.start()

    def unlock(self) -> None:
        """End the kiosk: the round's answers are re-stamped together, the window closes."""
        self._unlocked = True
        token = self.token
        self.ctx.ops.run(lambda s: s.evaluations.finish_round(token))
        self.idle_timer.stop()
        self.thanks_timer.stop()
        self._end_warning()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.close()
        self.finished.emit()

    @property
    def locked(self) -> bool:
        return not self._unlocked

    # --- staying locked -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._unlocked:
            return False
        if self.warning and event.type() in _WAKE_EVENTS:
            # Any touch or key during the warning only says "still here".
            if event.type() in _INPUT_EVENTS:
                self._carry_on()
            return True
        if event.type() in _INPUT_EVENTS:
            self.idle_timer.start()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._unlocked:
            super().closeEvent(event)
        else:
            event.ignore()  # close button, Alt+F4, the window manager: only the PIN unlocks

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Escape does nothing here
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if (event.type() == QEvent.Type.WindowStateChange and not self._unlocked
                and self.isMinimized()):
            QTimer.singleShot(0, self, self.showFullScreen)
        super().changeEvent(event)
