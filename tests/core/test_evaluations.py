"""The evaluation service: publishing, rounds, answers, review, research counts, results."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import NotFoundError, ValidationError, ValidationErrors
from forebygg_desktop.core.models import EvaluationResponse
from forebygg_desktop.core.models import Questionnaire as QuestionnaireRow
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.questionnaires import (
    load_questionnaire_file,
    questionnaire_from_definition,
    shipped_folder,
)
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.evaluation_records import (
    EmptyAnswersError,
    InvalidAnswersError,
    QuestionnaireChangedError,
    ResultFilter,
)
from forebygg_desktop.core.store.records import MeetingData, OpenMeetingData, SeriesData


def make_series(store: Store, program: str = "ABC-3-12") -> str:
    return store.groups.create_series(SeriesData(program_code=program, locality_code="RIMBO",
                                                 language_code="sv")).id


def make_open_meeting(store: Store) -> str:
    return store.open_meetings.create(OpenMeetingData(
        program_code="LECTURE", held_on=date.today(), locality_code="RIMBO",
        language_code="sv")).id


def test_shipped_questionnaires_are_published_when_the_store_opens(store: Store) -> None:
    codes = {(q.code, q.version) for q in store.evaluations.questionnaires()}
    assert {("group", 1), ("open-meeting", 1), ("fos", 1)} <= codes
    assert store.evaluations.refused == []


def test_a_changed_published_version_is_refused_and_the_stored_one_kept(store: Store) -> None:
    shipped = load_questionnaire_file(shipped_folder() / "group.v1.json")
    changed = shipped.definition()
    changed["title"]["sv"] = "Något annat"
    with pytest.raises(QuestionnaireChangedError) as caught:
        store.evaluations.publish(questionnaire_from_definition(changed))
    assert "group" in caught.value.message()
    assert store.evaluations.questionnaire("group", 1).title("sv") == shipped.title("sv")
    # Publishing the same content again is harmless.
    assert store.evaluations.publish(shipped).action == "unchanged"


def test_opening_a_store_whose_shipped_file_changed_keeps_the_stored_version(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "s" / "forebygg.sqlite3"
    first = open_store(path)
    with first.uow.write() as tx:
        row = tx.session.get(QuestionnaireRow, ("group", 1))
        assert row is not None
        definition = dict(row.definition)
        definition["title"] = {**definition["title"], "sv": "Äldre publicerad titel"}
        row.definition, row.fingerprint = definition, "0" * 64
    first.close()
    with caplog.at_level(logging.ERROR):
        again = open_store(path)
    try:
        assert [(e.params["code"], e.params["version"]) for e in again.evaluations.refused] \
            == [("group", 1)]
        assert "refused shipped questionnaire" in caplog.text
        assert again.evaluations.questionnaire("group", 1).title("sv") == \
            "Äldre publicerad titel"
    finally:
        again.close()


def test_a_new_version_is_published_beside_the_old_one(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    definition = json.loads((shipped_folder() / "group.v1.json").read_text("utf-8"))
    definition["version"] = 3
    definition["title"]["en"] = "Parent group evaluation (3)"
    (folder / "group.v3.json").write_text(json.dumps(definition), "utf-8")
    assert store.evaluations.publish_shipped(folder) == []
    assert store.evaluations.questionnaire("group").version == 3
    assert store.evaluations.questionnaire("group", 1).title("en") == "Parent group evaluation"


def test_applicable_questionnaires_follow_context_and_program(store: Store) -> None:
    fos = [q.code for q in store.evaluations.applicable("series", "FOS")]
    assert fos == ["fos", "group"]
    assert [q.code for q in store.evaluations.applicable("series", "ABC-3-12")] == ["group"]
    assert [q.code for q in store.evaluations.applicable("meeting", "ABC-3-12")] == ["group"]
    assert [q.code for q in store.evaluations.applicable("open_meeting", "CAFE")] == \
        ["open-meeting"]


def test_a_round_stores_codes_date_and_unreviewed_free_text(store: Store) -> None:
    series = make_series(store)
    token = store.evaluations.start_round("series", series, "group")
    assert token.program_code == "ABC-3-12"
    change = store.evaluations.submit_answer(
        token, "ar", {"overall": 5, "would_recommend": True, "comment": "  شكراً  "})
    assert change.ids == ()
    store.evaluations.submit_answer(token, "so", {"overall": 3})
    with store.uow.read() as session:
        rows = list(session.scalars(select(EvaluationResponse)))
    assert sorted(r.language for r in rows) == ["ar", "so"]
    arabic = next(r for r in rows if r.language == "ar")
    assert arabic.answers == {"overall": 5, "would_recommend": True}
    assert arabic.free_text == "شكراً"
    assert arabic.free_text_status == "unreviewed"
    assert arabic.answered_on == date.today()
    assert {r.mode for r in rows} == {"kiosk"}
    assert next(r for r in rows if r.language == "so").free_text_status == "none"


def test_invalid_or_empty_answers_are_refused_without_quoting_them(store: Store) -> None:
    token = store.evaluations.start_round("series", make_series(store), "group")
    with pytest.raises(InvalidAnswersError) as caught:
        store.evaluations.submit_answer(token, "sv", {"overall": 9, "comment": "Anna Svensson"})
    assert "Anna" not in str(caught.value) and caught.value.__cause__ is None
    with pytest.raises(InvalidAnswersError):
        store.evaluations.submit_answer(token, "de", {"overall": 3})
    with pytest.raises(EmptyAnswersError):
        store.evaluations.submit_answer(token, "sv", {"overall": None, "comment": "  "})
    assert store.evaluations.response_count() == 0


def test_a_questionnaire_for_another_context_cannot_start_a_round(store: Store) -> None:
    with pytest.raises(ValidationError):
        store.evaluations.start_round("series", make_series(store), "open-meeting")
    with pytest.raises(ValidationError):
        store.evaluations.start_round("series", make_series(store, "ABC-3-12"), "fos")
    with pytest.raises(NotFoundError):
        store.evaluations.start_round("series", "no-such-series", "group")


def test_paper_forms_keep_the_date_they_were_filled_in(store: Store) -> None:
    meeting_day = date.today() - timedelta(days=3)
    token = store.evaluations.start_round("open_meeting", make_open_meeting(store),
                                          "open-meeting", mode="paper")
    store.evaluations.submit_answer(token, "sv", {"overall": 4}, answered_on=meeting_day)
    with store.uow.read() as session:
        row = session.scalars(select(EvaluationResponse)).one()
    assert (row.mode, row.answered_on, row.program_code) == ("paper", meeting_day, "LECTURE")
    with pytest.raises(ValidationError):
        store.evaluations.submit_answer(token, "sv", {"overall": 4},
                                        answered_on=date.today() + timedelta(days=1))


def test_review_releases_edits_or_redacts_free_text(store: Store) -> None:
    token = store.evaluations.start_round("series", make_series(store), "group")
    for text in ("Bra grupp", "Tack till Anna", "Ring mig 070-123"):
        store.evaluations.submit_answer(token, "sv", {"comment": text})
    store.evaluations.submit_answer(token, "sv", {"overall": 4})
    pending = store.evaluations.free_texts()
    assert sorted(r.text or "" for r in pending) == ["Bra grupp", "Ring mig 070-123",
                                                     "Tack till Anna"]
    by_text = {r.text: r.id for r in pending}
    store.evaluations.mark_reviewed(by_text["Bra grupp"])
    store.evaluations.mark_reviewed(by_text["Tack till Anna"], "Tack till [namn]")
    store.evaluations.redact(by_text["Ring mig 070-123"])
    assert store.evaluations.unreviewed_count() == 0
    assert sorted(r.text or "" for r in store.evaluations.free_texts("reviewed")) == \
        ["Bra grupp", "Tack till [namn]"]
    redacted = store.evaluations.free_texts("redacted")
    assert [r.text for r in redacted] == [None]
    # An answer without free text has nothing to review.
    with store.uow.read() as session:
        plain = session.scalars(select(EvaluationResponse).where(
            EvaluationResponse.free_text_status == "none")).one()
    with pytest.raises(NotFoundError):
        store.evaluations.mark_reviewed(plain.id)


def test_research_counts_per_series_and_phase(store: Store) -> None:
    series = make_series(store)
    assert store.evaluations.research_counts(series)["before"].handed_out is None
    store.evaluations.set_research_count(series, "before", 12, 10)
    store.evaluations.set_research_count(series, "after", 9, 0)
    store.evaluations.set_research_count(series, "before", 12, 11)
    counts = store.evaluations.research_counts(series)
    assert (counts["before"].handed_out, counts["before"].returned) == (12, 11)
    assert (counts["after"].handed_out, counts["after"].returned) == (9, 0)
    with pytest.raises(ValidationError):
        store.evaluations.set_research_count(series, "after", 5, 6)
    with pytest.raises(ValidationErrors):
        store.evaluations.set_research_count(series, "during", -1, None)
    with pytest.raises(NotFoundError):
        store.evaluations.set_research_count("nope", "after", 1, 1)


def test_results_give_n_mean_and_suppress_small_distributions(store: Store) -> None:
    store.settings.set(settings.SUPPRESSION_THRESHOLD, 5)
    big, small = make_series(store), make_series(store, "FOS")
    token = store.evaluations.start_round("series", big, "group")
    for score, recommend in [(5, True), (4, True), (4, False), (3, True), (5, True)]:
        store.evaluations.submit_answer(token, "sv", {"overall": score,
                                                      "would_recommend": recommend})
    small_token = store.evaluations.start_round("series", small, "group")
    for score in (1, 2):
        store.evaluations.submit_answer(small_token, "ar", {"overall": score})

    big_result = store.evaluations.results(ResultFilter(series_id=big))[0]
    overall = next(i for i in big_result.items if i.code == "overall")
    assert (overall.n, overall.mean, overall.distribution) == (5, 4.2, (0, 0, 1, 2, 2))
    recommend = next(i for i in big_result.items if i.code == "would_recommend")
    assert (recommend.n, recommend.mean, recommend.distribution) == (5, 0.8, (4, 1))
    assert big_result.items[0].code == "overall"

    small_result = store.evaluations.results(ResultFilter(series_id=small))[0]
    small_overall = next(i for i in small_result.items if i.code == "overall")
    # Two answers of mean 1.5 are 1 and 2: below the threshold the mean is withheld too.
    assert (small_overall.n, small_overall.mean) == (2, None)
    assert small_overall.distribution is None and small_overall.suppressed
    assert small_result.languages == {"ar": 2}

    by_program = store.evaluations.results(ResultFilter(program_code="FOS"))
    assert [r.responses for r in by_program] == [2]
    this_year = Period.year(date.today().year)
    everything = store.evaluations.results(ResultFilter(period=this_year))
    assert [r.responses for r in everything] == [7]
    last_year = Period.year(date.today().year - 1)
    assert store.evaluations.results(ResultFilter(period=last_year)) == []


def test_results_of_a_series_include_its_meetings(store: Store) -> None:
    series = make_series(store)
    meeting = store.groups.register_meeting(series, MeetingData(number=1,
                                                                held_on=date.today())).id
    token = store.evaluations.start_round("meeting", meeting, "group")
    store.evaluations.submit_answer(token, "en", {"overall": 2})
    assert store.evaluations.response_count(ResultFilter(series_id=series)) == 1
    assert store.evaluations.response_count(ResultFilter(series_id=make_series(store))) == 0


def test_kiosk_pin_is_stored_hashed(store: Store) -> None:
    assert not store.evaluations.has_kiosk_pin()
    assert not store.evaluations.verify_kiosk_pin("1234")
    store.evaluations.set_kiosk_pin("4711")
    stored = store.settings.get(settings.KIOSK_PIN_HASH)
    # Salted scrypt, never the PIN itself: "scrypt$N$r$p$<salt hex>$<key hex>". (A plain
    # "4711" not in stored check fails by chance when the hex happens to contain it.)
    assert stored is not None and stored.startswith("scrypt$") and stored != "4711"
    assert len(stored.split("$")) == 6 and "4711" not in stored.split("$")
    store.evaluations.set_kiosk_pin("4711")
    assert store.settings.get(settings.KIOSK_PIN_HASH) != stored  # a new salt each time
    assert store.evaluations.verify_kiosk_pin("4711")
    assert not store.evaluations.verify_kiosk_pin("4712")
    with pytest.raises(ValidationError):
        store.evaluations.set_kiosk_pin("12")


def test_report_hides_a_satisfaction_mean_of_too_few_answers(store: Store) -> None:
    """Five answers to the round, but only two to the satisfaction item: its mean is hidden."""
    from forebygg_desktop.core.reports.layout import evaluation_table
    from forebygg_desktop.core.reports.release_cells import protect_report
    from forebygg_desktop.core.reports.tables import Hidden
    from forebygg_desktop.core.reports.texts import ReportTexts

    store.settings.set(settings.SUPPRESSION_THRESHOLD, 5)
    token = store.evaluations.start_round("series", make_series(store), "group")
    for answers in ({"overall": 1}, {"overall": 2}, {"would_recommend": True},
                    {"would_recommend": True}, {"would_recommend": False}):
        store.evaluations.submit_answer(token, "sv", answers)
    report = store.stats.report(Period.year(date.today().year))
    indicators = report.comparison.current
    row = evaluation_table(indicators, ReportTexts("sv"), protect_report(report, 5)).rows[0]
    # The number of answers is not small, but the items' answered counts are cells of the
    # same release: shown, the 5 would bound the 2 who answered "overall" to 1..5, so it is
    # hidden to protect them (not for being small itself).
    assert row[1] == Hidden(False, 5)
    assert isinstance(row[2], Hidden)
    shown = evaluation_table(indicators, ReportTexts("sv"),
                             protect_report(report, None)).rows[0]
    assert shown[1] == 5
    assert shown[2] is None  # the core never gives that mean, even unsuppressed
