"""Answers of a deleted series count nowhere; staff can withdraw an answer, and the
withdrawal travels to the central department like any deletion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.evaluation_records import ResultFilter
from forebygg_desktop.core.store.records import MeetingData, SeriesData


def answered_series(store: Store, program: str = "ABC-3-12", answers: int = 3) -> str:
    series = store.groups.create_series(SeriesData(program, "RIMBO", "sv")).id
    meeting = store.groups.register_meeting(series, MeetingData(number=1,
                                                                held_on=date.today())).id
    token = store.evaluations.start_round("series", series, "group")
    for score in range(answers):
        store.evaluations.submit_answer(token, "sv", {"overall": 1 + score % 5})
    token = store.evaluations.start_round("meeting", meeting, "group")
    store.evaluations.submit_answer(token, "ar", {"overall": 5})
    return series


def every_count(store: Store) -> tuple[int, ...]:
    year = Period.year(date.today().year)
    filters = [ResultFilter(), ResultFilter(period=year), ResultFilter(program_code="ABC-3-12"),
               ResultFilter(questionnaire_code="group")]
    return tuple([store.evaluations.response_count(f) for f in filters]
                 + [sum(r.responses for r in store.evaluations.results(f)) for f in filters])


def test_answers_of_a_deleted_series_count_nowhere(store: Store) -> None:
    kept = answered_series(store, answers=2)
    gone = answered_series(store, answers=3)
    assert every_count(store) == (7,) * 8
    store.groups.delete_series(gone)
    assert every_count(store) == (3,) * 8
    assert store.evaluations.response_count(ResultFilter(series_id=gone)) == 0
    assert store.evaluations.response_count(ResultFilter(series_id=kept)) == 3
    store.groups.restore_series(gone)
    assert every_count(store) == (7,) * 8


def test_answers_of_a_deleted_meeting_or_open_meeting_count_nowhere(store: Store) -> None:
    from forebygg_desktop.core.store.records import OpenMeetingData

    series = answered_series(store, answers=1)
    [meeting] = store.groups.meetings(series)
    store.groups.delete_meeting(meeting.id)
    assert store.evaluations.response_count(ResultFilter(series_id=series)) == 1
    cafe = store.open_meetings.create(OpenMeetingData(
        program_code="LECTURE", held_on=date.today(), locality_code="RIMBO",
        language_code="sv", women=3)).id
    token = store.evaluations.start_round("open_meeting", cafe, "open-meeting")
    store.evaluations.submit_answer(token, "sv", {"overall": 4})
    assert store.evaluations.response_count(ResultFilter(open_meeting_id=cafe)) == 1
    store.open_meetings.delete(cafe)
    assert store.evaluations.response_count(ResultFilter(open_meeting_id=cafe)) == 0
    assert store.evaluations.response_count() == 1


def test_a_withdrawn_answer_counts_nowhere_and_travels_as_a_tombstone(
        laptop: Store, central: Store, tmp_path: Path) -> None:
    answered_series(laptop, answers=2)
    central.exchange.import_files([laptop.exchange.export(tmp_path / "1.forebygg").path])
    assert every_count(central) == (3,) * 8
    with laptop.uow.read() as session:
        wrong = session.connection().exec_driver_sql(
            "SELECT id FROM evaluation_response WHERE language = 'ar'").scalar_one()
    laptop.evaluations.withdraw(wrong)
    assert every_count(laptop) == (2,) * 8
    [report] = central.exchange.import_files([laptop.exchange.export(tmp_path / "2.forebygg")
                                              .path])
    assert report.ok and report.counts["evaluation_response"].updated == 1
    assert every_count(central) == (2,) * 8
    laptop.evaluations.restore_answer(wrong)
    assert every_count(laptop) == (3,) * 8
