"""The start page's quarter figures: computed in SQL, checked against the records."""

from __future__ import annotations

from datetime import date, timedelta

from forebygg_desktop.core.overview import SWEDISH
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.groups import SeriesFilter
from forebygg_desktop.core.store.records import MeetingData, OpenMeetingData, SeriesData


def _series(store: Store, language: str = "sv", start: date | None = None,
            planned: int | None = 4) -> str:
    return store.groups.create_series(SeriesData(
        program_code="ABC-3-12", locality_code="RIMBO", language_code=language,
        planned_meetings=planned, planned_start=start)).id


def test_empty_store_has_no_visits_rather_than_zero(store: Store) -> None:
    overview = store.overview.quarter()
    assert overview.meetings_held == 0
    assert overview.participant_visits is None
    assert overview.share_men is None
    assert overview.attention == ()


def test_figures_of_one_quarter(store: Store) -> None:
    today = date.today()
    quarter = Period.quarter_of(today)
    day = quarter.start
    swedish = _series(store, start=day)
    arabic = _series(store, language="ar", start=day)
    store.groups.register_meeting(swedish, MeetingData(1, day, women=6, men=2))
    store.groups.register_meeting(arabic, MeetingData(1, day, women=4, men=0, other_gender=1,
                                                      interpreter=True))
    # A deleted meeting and a meeting in the previous quarter do not count.
    gone = store.groups.register_meeting(swedish, MeetingData(2, day, women=50)).id
    store.groups.delete_meeting(gone)
    earlier = _series(store, start=day - timedelta(days=120))
    store.groups.register_meeting(earlier, MeetingData(1, day - timedelta(days=100), men=9))
    store.open_meetings.create(OpenMeetingData("CAFE", day, "RIMBO", "sv", women=3, men=1))
    overview = store.overview.quarter(quarter, today=today)
    assert overview.group_meetings == 2
    assert overview.open_meetings == 1
    assert overview.meetings_held == 3
    assert overview.participant_visits == 6 + 2 + 4 + 0 + 1 + 3 + 1
    assert overview.men_visits == 3
    assert overview.share_men == 3 / 17
    assert overview.groups_other_language == 1
    assert overview.groups_with_interpreter == 1


def test_attention_follows_the_weekly_rule(store: Store) -> None:
    today = date(2026, 3, 20)
    overdue = _series(store, start=date(2026, 3, 1))
    store.groups.register_meeting(overdue, MeetingData(1, date(2026, 3, 1)))  # due 8 March
    on_time = _series(store, start=date(2026, 3, 1))
    store.groups.register_meeting(on_time, MeetingData(1, date(2026, 3, 16)))
    never_started = _series(store, start=date(2026, 3, 10))
    not_yet = _series(store, start=date(2026, 4, 1))
    assert not_yet
    complete = _series(store, start=date(2026, 1, 1), planned=1)
    store.groups.register_meeting(complete, MeetingData(1, date(2026, 1, 1)))
    cancelled = _series(store, start=date(2026, 3, 1))
    store.groups.set_status(cancelled, "cancelled", "too_few_registered")
    ids = [item.series_id for item in store.overview.attention(today)]
    assert ids == [overdue, never_started]


def test_attention_agrees_with_the_group_list(demo_store: Store) -> None:
    today = date.today()
    listed = {row.id for row in demo_store.groups.list_series(SeriesFilter(), today=today)
              if row.needs_attention}
    overview = demo_store.overview.quarter(today=today)
    assert listed, "the demo flags some series"
    assert {item.series_id for item in overview.attention} == listed


def test_demo_quarter_matches_records(demo_store: Store) -> None:
    quarter = Period.quarter_of(date.today())
    overview = demo_store.overview.quarter(quarter)
    series = {row.id: row for row in demo_store.groups.list_series()}
    meetings = [m for sid in series for m in demo_store.groups.meetings(sid)
                if quarter.contains(m.held_on)]
    opens = demo_store.open_meetings.list(quarter)
    assert overview.group_meetings == len(meetings)
    assert overview.open_meetings == len(opens)
    visits = sum(m.attendance or 0 for m in meetings) + sum(o.attendance or 0 for o in opens)
    assert overview.participant_visits == visits
    other = {m.series_id for m in meetings if series[m.series_id].language_code not in SWEDISH}
    assert overview.groups_other_language == len(other)
    assert overview.talks == len(demo_store.talks.list(quarter))
