"""Evaluation results: per item the number of answers, the mean and the distribution.

Items are matched by code across a questionnaire's versions (a new version keeps the codes
of unchanged items). Neither the distribution nor the mean of fewer answers than the
suppression threshold is given: a small group's single answers could be read off a bar
chart, and off a mean too (one answer is its own mean; two answers of mean 1.5 are 1 and
2).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from forebygg_desktop.core.questionnaires import Questionnaire
from forebygg_desktop.core.store.evaluation_records import ItemResult, QuestionnaireResult
from forebygg_desktop.core.validation import LIKERT_MAX, LIKERT_MIN


def compute_results(rows: Iterable[Any], questionnaires: Mapping[tuple[str, int], Questionnaire],
                    threshold: int) -> list[QuestionnaireResult]:
    """Aggregate rows of (code, version, language, answers, free_text_status)."""
    by_code: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_code[row[0]].append(row)
    results = []
    for code in sorted(by_code):
        code_rows = by_code[code]
        versions = tuple(sorted({row[1] for row in code_rows}))
        items = _item_order(code, versions, questionnaires)
        results.append(QuestionnaireResult(
            questionnaire_code=code,
            versions=versions,
            responses=len(code_rows),
            threshold=threshold,
            items=tuple(_item_result(item_code, item_type, code_rows, threshold)
                        for item_code, item_type in items),
            languages=dict(Counter(row[2] for row in code_rows).most_common()),
        ))
    return results


def _item_order(code: str, versions: tuple[int, ...],
                questionnaires: Mapping[tuple[str, int], Questionnaire]) -> list[tuple[str, str]]:
    """Item codes and types, latest version's order first, then items only older ones had."""
    seen: dict[str, str] = {}
    for version in sorted(versions, reverse=True):
        questionnaire = questionnaires.get((code, version))
        if questionnaire is None:
            continue
        for item in questionnaire.items:
            seen.setdefault(item.code, item.type)
    return list(seen.items())


def _item_result(item_code: str, item_type: str, rows: list[Any], threshold: int) -> ItemResult:
    if item_type == "free_text":
        written = sum(1 for row in rows if row[4] in ("unreviewed", "reviewed"))
        return ItemResult(item_code, item_type, written, None, None)
    values = [row[3].get(item_code) for row in rows]
    if item_type == "likert5":
        scores = [v for v in values if isinstance(v, int) and not isinstance(v, bool)
                  and LIKERT_MIN <= v <= LIKERT_MAX]
        counts = tuple(scores.count(score) for score in range(LIKERT_MIN, LIKERT_MAX + 1))
        mean = sum(scores) / len(scores) if scores else None
        n = len(scores)
    else:
        answers = [v for v in values if isinstance(v, bool)]
        counts = (answers.count(True), answers.count(False))
        n = len(answers)
        mean = counts[0] / n if n else None
    if n < threshold:
        return ItemResult(item_code, item_type, n, None, None, counts)
    return ItemResult(item_code, item_type, n, mean, counts, counts)
