"""Evaluation answers for a demo store (the demo itself has none): a few rounds per group
series of the demo years, in several languages, some questions left unanswered; and the
answers that must count nowhere (withdrawn, and given in a series later deleted)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from forebygg_desktop.core.store import Store

LANGUAGES = ("sv", "sv", "sv", "sv-x-easy", "en", "ar", "ar", "so")


@dataclass
class NotCounted:
    """How many answers were given that must count in no report."""

    withdrawn: int = 0
    deleted_series: int = 0
    # The answers that do count, by year answered.
    counted: Counter[int] = field(default_factory=Counter)


def add_answers(store: Store, seed: int = 16, share: float = 0.5,
                since: date | None = None) -> NotCounted:
    """Answers for about `share` of the demo's series (dated on their last meeting; only
    series that last met on or after `since`, when given)."""
    rng = random.Random(seed)
    store.evaluations.publish_shipped()
    today = date.today()
    not_counted = NotCounted()
    series = [s for s in store.groups.list_series() if s.last_meeting is not None
              and (since is None or s.last_meeting >= since)]
    for index, row in enumerate(series):
        if rng.random() > share:
            continue
        code = "fos" if row.program_code == "FOS" else "group"
        questionnaire = store.evaluations.questionnaire(code)
        token = store.evaluations.start_round("series", row.id, code)
        day = min(row.last_meeting or today, today)
        answered = rng.randint(1, 12)
        for _n in range(answered):
            answers: dict[str, object] = {}
            for item in questionnaire.items:
                if rng.random() < 0.15:
                    continue  # left unanswered
                if item.type == "likert5":
                    answers[item.code] = rng.choice((2, 3, 4, 4, 5, 5, 5))
                elif item.type == "yes_no":
                    answers[item.code] = rng.random() < 0.85
            if not answers:
                answers = {"overall": 5}
            language = rng.choice([lang for lang in LANGUAGES
                                   if lang in questionnaire.languages])
            store.evaluations.submit_answer(token, language, answers, answered_on=day)
        store.evaluations.finish_round(token)
        if index % 17 == 5:  # a series deleted after its parents answered
            store.groups.delete_series(row.id)
            not_counted.deleted_series += answered
        else:
            not_counted.counted[day.year] += answered
    return not_counted


def withdraw_some(store: Store, series_id: str, day: date, count: int) -> int:
    """Answers given and then withdrawn by staff (a parent answered the wrong form)."""
    token = store.evaluations.start_round("series", series_id, "group")
    for _n in range(count):
        store.evaluations.submit_answer(token, "so", {"overall": 1, "comment": "fel formulär"},
                                        answered_on=day)
    store.evaluations.finish_round(token)
    withdrawn = 0
    for row in store.evaluations.free_texts(status="unreviewed"):
        if row.context_id == series_id and row.text == "fel formulär":
            store.evaluations.withdraw(row.id)
            withdrawn += 1
    return withdrawn
