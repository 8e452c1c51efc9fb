"""The start page's "this quarter" figures, computed in SQL (never in a widget).

Swedish and easy Swedish count as Swedish; every other language of delivery counts as
"another language". "Needs attention" is one rule, `needs_attention`, which the group
list uses too: a series that is planned or running, has fewer meetings than planned, and
whose next meeting was due (a week after the latest one, or the planned start) before
today.

Plain SQL on a DB-API `sqlite3.Connection`, standard library only: the Store runs it on
its own connection (`store.overview`), and the start-up glance (`core/glance.py`) runs it
on a read-only connection before SQLAlchemy is even imported. The tables are stored as
SQLAlchemy writes them (`core/models.py`): dates as ISO text, booleans as 0/1. The SQL is
portable (`= FALSE`, `FILTER`): on a PostgreSQL server the Store runs the same text
through SQLAlchemy (`store/overview.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from forebygg_desktop.core.counts import sum_known
from forebygg_desktop.core.period import Period

SWEDISH = ("sv", "sv-x-easy")
# The start page's cards, by figure key (`core/figures.py` names them); the detail line of
# a card shows the second key's figure, if any.
HOME_FIGURES: tuple[tuple[str, str | None], ...] = (
    ("meetings_all", None),
    ("visits_all", None),
    ("share_men", None),
    ("other_language", "interpreter"),
    ("talk_contacts", None),
    ("attention", None),
)
# Meetings are assumed weekly: the next one is due this many days after the latest.
MEETING_INTERVAL_DAYS = 7


@dataclass(frozen=True)
class AttentionItem:
    """A series whose planned meeting date passed with no attendance registered."""

    series_id: str
    program_code: str
    locality_code: str
    venue: str | None
    meetings_held: int
    planned_meetings: int | None
    last_meeting: date | None
    planned_start: date | None


@dataclass(frozen=True)
class QuarterOverview:
    """Figures of one period (counts of nothing entered are None, not 0)."""

    period: Period
    group_meetings: int
    open_meetings: int
    participant_visits: int | None  # "visits_all": groups and open meetings
    men_visits: int | None
    groups_other_language: int
    groups_with_interpreter: int
    talks: int
    attention: tuple[AttentionItem, ...]

    @property
    def meetings_held(self) -> int:
        """Group meetings and open meetings held in the period."""
        return self.group_meetings + self.open_meetings

    @property
    def share_men(self) -> float | None:
        """Men's share of participant visits; None when no visit was counted."""
        if not self.participant_visits or self.men_visits is None:
            return None
        return self.men_visits / self.participant_visits

    def figure(self, key: str) -> int | float | None:
        """A figure by its key in `core/figures.py` (the key the report's Summary uses)."""
        values: dict[str, int | float | None] = {
            "meetings": self.group_meetings,
            "open_occasions": self.open_meetings,
            "meetings_all": self.meetings_held,
            "visits_all": self.participant_visits,
            "share_men": self.share_men,
            "other_language": self.groups_other_language,
            "interpreter": self.groups_with_interpreter,
            "talk_contacts": self.talks,
            "attention": len(self.attention),
        }
        return values[key]


class SqlConnection(Protocol):
    """What the figures need of a connection: `sqlite3.Connection.execute`'s shape."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


_SWEDISH_LIST = ", ".join(f"'{code}'" for code in SWEDISH)

# Live meetings of live series in the period; a series counts once however many meetings.
_GROUP_SQL = f"""
SELECT count(meeting.id), sum(meeting.women), sum(meeting.men), sum(meeting.other_gender),
       count(DISTINCT group_series.id)
           FILTER (WHERE group_series.language_code NOT IN ({_SWEDISH_LIST})),
       count(DISTINCT group_series.id) FILTER (WHERE meeting.interpreter = TRUE)
FROM meeting JOIN group_series ON group_series.id = meeting.series_id
WHERE meeting.deleted = FALSE AND group_series.deleted = FALSE
  AND meeting.held_on >= :start AND meeting.held_on <= :end
"""

_OPEN_SQL = """
SELECT count(open_meeting.id), sum(open_meeting.women), sum(open_meeting.men),
       sum(open_meeting.other_gender)
FROM open_meeting
WHERE open_meeting.deleted = FALSE
  AND open_meeting.held_on >= :start AND open_meeting.held_on <= :end
"""

_TALK_SQL = """
SELECT count(advice_talk.id)
FROM advice_talk
WHERE advice_talk.deleted = FALSE
  AND advice_talk.first_talk_on >= :start AND advice_talk.first_talk_on <= :end
"""

_ATTENTION_SQL = """
SELECT group_series.id, group_series.program_code, group_series.locality_code,
       group_series.venue, coalesce(held.n, 0), group_series.planned_meetings, held.last,
       group_series.planned_start, group_series.status
FROM group_series LEFT OUTER JOIN (
    SELECT meeting.series_id AS sid, count(*) AS n, max(meeting.held_on) AS last
    FROM meeting WHERE meeting.deleted = FALSE GROUP BY meeting.series_id
) AS held ON held.sid = group_series.id
WHERE group_series.deleted = FALSE
  AND group_series.status IN ('planned', 'running')
ORDER BY coalesce(held.last, group_series.planned_start), group_series.id
"""


def needs_attention(status: str, planned_meetings: int | None, held: int,
                    last_meeting: date | None, planned_start: date | None,
                    today: date) -> bool:
    """A planned meeting date has passed with no attendance registered.

    Meetings are assumed weekly from the planned start (or the latest meeting).
    """
    if status not in ("planned", "running"):
        return False
    if planned_meetings is not None and held >= planned_meetings:
        return False
    if last_meeting is not None:
        return today > last_meeting + timedelta(days=MEETING_INTERVAL_DAYS)
    return planned_start is not None and today > planned_start


def quarter_overview(conn: SqlConnection, period: Period, today: date) -> QuarterOverview:
    """Figures for `period` and today's attention list.

    Run inside one transaction for figures from one snapshot (the Store's read sessions
    and the glance both are).
    """
    bounds = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    meetings, g_women, g_men, g_other, other_language, interpreted = \
        conn.execute(_GROUP_SQL, bounds).fetchone()
    opens, o_women, o_men, o_other = conn.execute(_OPEN_SQL, bounds).fetchone()
    talks = conn.execute(_TALK_SQL, bounds).fetchone()[0] or 0
    return QuarterOverview(
        period=period, group_meetings=meetings, open_meetings=opens,
        participant_visits=sum_known(g_women, g_men, g_other, o_women, o_men, o_other),
        men_visits=sum_known(g_men, o_men),
        groups_other_language=other_language, groups_with_interpreter=interpreted,
        talks=talks, attention=attention_items(conn, today))


def attention_items(conn: SqlConnection, today: date) -> tuple[AttentionItem, ...]:
    """Series that need attention today, the longest overdue first.

    SQL picks the planned and running series with their meeting counts (a handful);
    `needs_attention` decides.
    """
    items = []
    for (series_id, program_code, locality_code, venue, held, planned, last, planned_start,
         status) in conn.execute(_ATTENTION_SQL, {}):
        item = AttentionItem(series_id, program_code, locality_code, venue, held, planned,
                             _date(last), _date(planned_start))
        if needs_attention(status, item.planned_meetings, item.meetings_held,
                           item.last_meeting, item.planned_start, today):
            items.append(item)
    return tuple(items)


def _date(value: str | date | None) -> date | None:
    """A stored Date column (ISO text in SQLite, a date from a server's driver) as a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value
