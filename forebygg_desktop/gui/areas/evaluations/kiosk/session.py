"""One parent's pass through a questionnaire, held only in memory until it is sent.

A new `KioskSession` is made for every parent; the kiosk drops the old one on send, on
idle timeout and on reset, so nothing of an earlier parent's answers stays reachable.
"""

from __future__ import annotations

from forebygg_desktop.core.questionnaires import Answer, Item, Questionnaire


class KioskSession:
    def __init__(self, questionnaire: Questionnaire, language: str) -> None:
        self.questionnaire = questionnaire
        self.language = language
        self.index = 0
        self.answers: dict[str, Answer] = {}

    @property
    def total(self) -> int:
        return len(self.questionnaire.items)

    @property
    def item(self) -> Item:
        return self.questionnaire.items[self.index]

    def answer(self, value: Answer) -> None:
        """Record (or, with None, clear) the answer to the current item."""
        if value is None or (isinstance(value, str) and not value.strip()):
            self.answers.pop(self.item.code, None)
        else:
            self.answers[self.item.code] = value

    def current_answer(self) -> Answer:
        return self.answers.get(self.item.code)

    def has_answers(self) -> bool:
        return bool(self.answers)
