"""Evaluations are cells of the report's one release: answers per language and each
question's answer values are linked to the questionnaire's answers, the audit catches what
primary suppression alone leaves open, and a mean never outlives a hidden count."""

from __future__ import annotations

from forebygg_desktop.core.disclosure.audit import audit
from forebygg_desktop.core.disclosure.protect import primary_cells
from forebygg_desktop.core.reports.layout import evaluation_table, item_cells, item_tables
from forebygg_desktop.core.reports.release_cells import (
    CURRENT,
    item_key,
    protect_report,
    report_release,
)
from forebygg_desktop.core.reports.tables import Hidden
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.figures import EvaluationFigures, ItemCounts
from forebygg_desktop.core.stats.service import ReportData
from tests.core.test_disclosure_attack import PERIOD, _report, _rows

EMPTY = {"series": [], "opens": [], "talks": [], "digital": [], "evaluations": []}
OVERALL = ItemCounts("overall", "likert5", (0, 0, 1, 5, 6))
RECOMMEND = ItemCounts("would_recommend", "yes_no", (9, 1))
GROUP = EvaluationFigures("group", 12, 54 / 12, 12, (("ar", 2), ("sv", 10)),
                          (OVERALL, RECOMMEND))


def _data(*evaluations: EvaluationFigures) -> ReportData:
    return _report(_rows(PERIOD, EMPTY, "now"), _rows(PERIOD.year_earlier(), EMPTY, "then"),
                   (evaluations, ()))


def test_the_release_links_languages_and_answer_values_to_the_answers() -> None:
    release = report_release(_data(GROUP))
    sums = {(e.total, frozenset(e.parts)) for e in release.equations}
    answers = ("eval", CURRENT, "group")
    assert (answers, frozenset({(*answers, "lang", "ar"), (*answers, "lang", "sv")})) in sums
    assert (item_key("group", "overall"),
            frozenset(item_key("group", "overall", v) for v in "12345")) in sums
    assert (item_key("group", "would_recommend"),
            frozenset({item_key("group", "would_recommend", "yes"),
                       item_key("group", "would_recommend", "no")})) in sums
    # Who did not answer a question is not shown, but a reader knows it is not negative.
    rest = item_key("group", "would_recommend", "rest")
    assert rest in release.latent and release.values[rest] == 2
    assert (answers, frozenset({item_key("group", "would_recommend"), rest})) in sums


def test_the_audit_catches_primary_suppression_alone_and_protection_adds_cells() -> None:
    release = report_release(_data(GROUP))
    small = primary_cells(release, 5)
    assert ("eval", CURRENT, "group", "lang", "ar") in small  # 2 parents answered in Arabic
    assert item_key("group", "would_recommend", "no") in small
    # 12 answers, 10 of them in Swedish: the Arabic 2 is a subtraction away.
    assert not audit(release, small, 5).passed
    prot = protect_report(_data(GROUP), 5)
    assert prot.protection.result is not None and prot.protection.result.passed
    assert prot.protection.secondary  # more than the small cells are hidden
    assert prot.protection.result.narrowest() >= 5


def test_a_mean_is_shown_only_with_every_count_it_is_made_of() -> None:
    prot = protect_report(_data(GROUP), 5)
    overall = item_cells(prot, "group", OVERALL)
    assert isinstance(overall.values[2], Hidden)  # the single 3
    assert overall.mean_hidden
    row = evaluation_table(_data(GROUP).comparison.current, ReportTexts("en"), prot).rows[0]
    assert isinstance(row[2], Hidden)  # the Summary's satisfaction: hidden with them
    big = ItemCounts("overall", "likert5", (5, 5, 6, 7, 9))
    many = EvaluationFigures("group", 32, 99 / 32, 32, (("sv", 32),), (big,))
    shown = item_cells(protect_report(_data(many), 5), "group", big)
    assert shown.answered == 32 and shown.values == [5, 5, 6, 7, 9]
    assert shown.mean == (5 + 10 + 18 + 28 + 45) / 32


def test_unsuppressed_a_distribution_of_too_few_answers_is_still_not_shown() -> None:
    few = ItemCounts("overall", "likert5", (0, 1, 0, 2, 0), given=False)
    data = _data(EvaluationFigures("group", 3, None, 3, (("sv", 3),), (few,)))
    staff = protect_report(data, None)
    cells = item_cells(staff, "group", few)
    assert cells.answered == 3
    assert all(isinstance(v, Hidden) for v in cells.values) and cells.mean_hidden
    table = item_tables(data.comparison.current, ReportTexts("en"), staff)[0]
    assert table.rows[0][1:6] == cells.values
