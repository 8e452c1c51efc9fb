"""The parent-facing kiosk screens: language, welcome, one question, ready to send, thanks.

Every text here comes from the questionnaire or the kiosk texts in the parent's chosen
language (never the staff interface language). Buttons are large for touch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.kiosk_texts import autonym, is_rtl, kiosk_languages, kiosk_text
from forebygg_desktop.core.questionnaires import Answer, Questionnaire
from forebygg_desktop.gui.areas.evaluations.kiosk.session import KioskSession

CHECK_MARK = "✓ "
LRM, RLM = "\u200e", "\u200f"


def big_button(text: str = "", role: str = "action") -> QPushButton:
    button = QPushButton(text)
    button.setProperty("kioskRole", role)
    button.setMinimumHeight(64)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def wrapped_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class LanguagePage(QWidget):
    """Each parent starts here and picks a language, named in its own script."""

    chosen = Signal(str)

    def __init__(self, questionnaire: Questionnaire) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(160, 40, 160, 40)
        self.prompt = wrapped_label("kioskPrompt")
        # No language is chosen yet: ask in every language the questionnaire has.
        self.prompt.setText("  ·  ".join(
            kiosk_text("choose_language", lang) for lang in questionnaire.languages
            if lang in kiosk_languages() and lang != "sv-x-easy"))
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addSpacing(24)
        self.buttons: dict[str, QPushButton] = {}
        for lang in questionnaire.languages:
            button = big_button(autonym(lang), "language")
            button.setAccessibleName(autonym(lang))
            button.clicked.connect(lambda _=False, code=lang: self.chosen.emit(code))
            layout.addWidget(button)
            self.buttons[lang] = button
        layout.addStretch(2)


class WelcomePage(QWidget):
    """Title and introduction (anonymous, voluntary, no names), then Start."""

    start = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 40, 120, 40)
        self.title = wrapped_label("kioskTitle")
        self.intro = wrapped_label("kioskText")
        self.start_button = big_button(role="primary")
        self.back_button = big_button(role="secondary")
        self.start_button.clicked.connect(self.start)
        self.back_button.clicked.connect(self.back)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.intro)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.start_button, 2)
        layout.addLayout(row)

    def show_for(self, questionnaire: Questionnaire, language: str) -> None:
        self.title.setText(questionnaire.title(language))
        self.intro.setText(questionnaire.intro(language))
        self.start_button.setText(kiosk_text("start", language))
        self.back_button.setText(kiosk_text("back", language))


class QuestionPage(QWidget):
    """One question per screen; a tap on an answer records it and moves on."""

    answered = Signal()
    next = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._session: KioskSession | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 24, 120, 24)
        top = QHBoxLayout()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("kioskProgress")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(14)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress, 1)
        layout.addLayout(top)
        layout.addStretch(1)
        self.question = wrapped_label("kioskQuestion")
        layout.addWidget(self.question)
        layout.addSpacing(16)
        self.answer_area = QVBoxLayout()
        layout.addLayout(self.answer_area)
        layout.addStretch(1)
        nav = QHBoxLayout()
        self.back_button = big_button(role="secondary")
        self.next_button = big_button(role="primary")
        for button in (self.back_button, self.next_button):
            button.setIconSize(QSize(28, 28))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self._on_next)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.answer_buttons: list[QPushButton] = []
        self.free_text: QPlainTextEdit | None = None

    def show_item(self, session: KioskSession) -> None:
        """Build the answer controls afresh for the session's current item."""
        self._session = session
        lang, item = session.language, session.item
        self.progress_label.setText(kiosk_text("progress", lang, n=session.index + 1,
                                               total=session.total))
        self.progress.setRange(0, session.total)
        self.progress.setValue(session.index + 1)
        self.question.setText(item.texts[lang])
        self.back_button.setText(kiosk_text("back", lang))
        self.next_button.setText(kiosk_text("next", lang))
        # Arrows follow the parent's reading direction, not the staff interface's.
        forward, backward = QStyle.StandardPixmap.SP_ArrowRight, QStyle.StandardPixmap.SP_ArrowLeft
        if is_rtl(lang):
            forward, backward = backward, forward
        self.next_button.setIcon(self.style().standardIcon(forward))
        self.back_button.setIcon(self.style().standardIcon(backward))
        self._clear_answers()
        current = session.current_answer()
        if item.type == "free_text":
            editor = QPlainTextEdit()
            editor.setObjectName("kioskFreeText")
            # A fresh editor without undo: no keystroke brings back an earlier text.
            editor.setUndoRedoEnabled(False)
            editor.setPlaceholderText(kiosk_text("write_here", lang))
            editor.setAccessibleName(item.texts[lang])
            self.question.setBuddy(editor)
            editor.setPlainText(str(current) if isinstance(current, str) else "")
            editor.setMinimumHeight(160)
            self.answer_area.addWidget(editor)
            editor.show()  # added to a shown page: Qt would show it only on the next pass
            self.free_text = editor
            editor.setFocus()
            return
        scale = session.questionnaire.scale_labels(item.type, lang)
        values: list[Answer] = [1, 2, 3, 4, 5] if item.type == "likert5" else [True, False]
        for value, label in zip(values, scale, strict=True):
            chosen = current is not None and current == value and type(current) is type(value)
            text = f"{value}  {label}" if item.type == "likert5" else label
            # A direction mark fixes where the number and check mark go in the parent's
            # script, whatever direction the staff interface has.
            mark = RLM if is_rtl(lang) else LRM
            button = big_button(mark + (CHECK_MARK if chosen else "") + text, "answer")
            button.setCheckable(True)
            button.setChecked(chosen)
            button.setAccessibleName(label)
            button.clicked.connect(self._chooser(value))
            self.answer_area.addWidget(button)
            button.show()
            self.answer_buttons.append(button)

    def _chooser(self, value: Answer) -> Callable[[], None]:
        def choose() -> None:
            if self._session is not None:
                self._session.answer(value)
                self.answered.emit()
        return choose

    def _on_next(self) -> None:
        if self._session is not None and self.free_text is not None:
            self._session.answer(self.free_text.toPlainText())
        self.next.emit()

    def save_free_text(self) -> None:
        """Keep typed text in the session when the parent goes back."""
        if self._session is not None and self.free_text is not None:
            self._session.answer(self.free_text.toPlainText())

    def clear(self) -> None:
        """Forget the session and every control that showed its answers."""
        self._session = None
        self._clear_answers()
        self.question.clear()

    def _clear_answers(self) -> None:
        while (item := self.answer_area.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.answer_buttons = []
        self.free_text = None


class ReadyPage(QWidget):
    """All questions seen: send, or go back to change an answer."""

    send = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 40, 120, 40)
        self.text = wrapped_label("kioskTitle")
        self.error = wrapped_label("kioskError")
        self.send_button = big_button(role="primary")
        self.back_button = big_button(role="secondary")
        self.send_button.clicked.connect(self.send)
        self.back_button.clicked.connect(self.back)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.send_button, 2)
        layout.addLayout(row)

    def show_for(self, language: str) -> None:
        self.text.setText(kiosk_text("ready", language))
        self.send_button.setText(kiosk_text("send", language))
        self.back_button.setText(kiosk_text("back", language))
        self.error.clear()
        self.send_button.setEnabled(True)


class ThanksPage(QWidget):
    """The thank-you; the kiosk returns to the language page by itself."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.text = wrapped_label("kioskTitle")
        self.next_person = wrapped_label("kioskText")
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addSpacing(24)
        layout.addWidget(self.next_person)
        layout.addStretch(1)

    def show_for(self, questionnaire: Questionnaire, language: str) -> None:
        self.text.setText(questionnaire.thanks(language))
        self.next_person.setText(kiosk_text("next_person", language))
