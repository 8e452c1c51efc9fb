"""Answers of a deleted series count nowhere; staff can withdraw an answer, and the
withdrawal travels to the central department like any deletion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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


def test_staff_list_withdraw_and_restore_answers_all_or_nothing(store: Store) -> None:
    from forebygg_desktop.core.store.evaluation_records import AnswerNotThereError

    series = answered_series(store, answers=3)
    other = answered_series(store, answers=2)
    assert every_count(store) == (7,) * 8
    listed = store.evaluations.answers(ResultFilter(series_id=series))
    # The series and its meeting: 3 + 1 answers, by date, none withdrawn, codes not labels.
    assert len(listed) == 4 and not any(r.withdrawn for r in listed)
    assert {r.language for r in listed} == {"sv", "ar"} and {r.mode for r in listed} == {"kiosk"}
    assert sorted(r.answers["overall"] for r in listed) == [1, 2, 3, 5]
    wrong = [r.id for r in listed if r.language == "sv"][:2]
    change = store.evaluations.withdraw_answers(wrong)
    assert change.action == "deleted" and set(change.ids) == set(wrong)
    assert every_count(store) == (5,) * 8
    assert len(store.evaluations.answers(ResultFilter(series_id=series))) == 2
    with_withdrawn = store.evaluations.answers(ResultFilter(series_id=series), withdrawn=True)
    assert {r.id for r in with_withdrawn if r.withdrawn} == set(wrong)
    # All or nothing: one id already withdrawn (or unknown) and nothing changes.
    kept = next(r.id for r in store.evaluations.answers(ResultFilter(series_id=other)))
    for ids in ([kept, wrong[0]], [kept, "no-such-answer"]):
        with pytest.raises(AnswerNotThereError):
            store.evaluations.withdraw_answers(ids)
        assert every_count(store) == (5,) * 8
    with pytest.raises(AnswerNotThereError):
        store.evaluations.restore_answers([wrong[0], kept])  # kept is not withdrawn
    assert every_count(store) == (5,) * 8
    store.evaluations.restore_answers(wrong)
    assert every_count(store) == (7,) * 8


def test_withdrawing_from_the_command_line(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from forebygg_desktop import cli
    from forebygg_desktop.core.startup import open_store

    folder = tmp_path / "data"
    store = open_store(folder / "forebygg.sqlite3")
    series = answered_series(store, answers=3)
    store.close()

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--data-dir", str(folder), "--ui-language", "en", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _err = run("answers", "list", "--series", series)
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "4 answers." and len(lines) == 5
    ids = [line.split()[0] for line in lines[:-1] if "  ar  " not in line][:2]
    code, out, _err = run("answers", "withdraw", *ids)
    assert code == 0 and out.startswith("2 answers withdrawn.")
    assert run("answers", "list", "--series", series)[1].splitlines()[-1] == "2 answers."
    code, out, _err = run("answers", "list", "--series", series, "--withdrawn")
    assert out.count("[withdrawn]") == 2 and out.splitlines()[-1] == "4 answers."
    # A second withdrawal of the same answer: one line, exit 1, nothing changed.
    code, out, err = run("answers", "withdraw", ids[0])
    assert code == 1 and len(err.strip().splitlines()) == 1 and ids[0] in err
    assert "Traceback" not in out + err
    code, _out, err = run("answers", "list", "--period", "2026Q9")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert run("answers", "restore", *ids)[0] == 0
    assert run("answers", "list", "--series", series)[1].splitlines()[-1] == "4 answers."
    store = open_store(folder / "forebygg.sqlite3")
    try:
        assert every_count(store) == (4,) * 8
    finally:
        store.close()
