"""Which activities an evaluation can be about, in the order staff look for them.

Used by the evaluation screens' activity picker (kiosk and paper share it): running series
first, then planned, completed and cancelled ones; within each, the latest start first.
The kiosk is handed to parents at a meeting, so it never offers a series that has not
started (nothing held yet and its start still ahead) nor an open meeting still to come.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.core.store.records import OpenMeetingRecord

STATUS_ORDER = {"running": 0, "planned": 1, "completed": 2, "cancelled": 3}


@dataclass(frozen=True)
class Activity:
    """One entry of the picker: what it is, and the parts of its label."""

    kind: str  # "series" or "open_meeting"
    id: str
    program_code: str
    locality_code: str
    venue: str | None
    start: date | None


def series_start(row: SeriesRow) -> date | None:
    return row.first_meeting or row.planned_start


def has_started(row: SeriesRow, today: date) -> bool:
    """A meeting was held, or the series is past its planned start (and not cancelled)."""
    if row.status == "cancelled":
        return row.meetings_held > 0
    start = series_start(row)
    return row.meetings_held > 0 or row.status in ("running", "completed") or (
        start is not None and start <= today)


def series_activities(rows: Iterable[SeriesRow], today: date,
                      for_kiosk: bool = False) -> list[Activity]:
    """Series to evaluate: running first, then by start (latest first)."""
    chosen = [r for r in rows if not for_kiosk or has_started(r, today)]
    chosen.sort(key=lambda r: -(series_start(r) or date.min).toordinal())
    chosen.sort(key=lambda r: STATUS_ORDER.get(r.status, len(STATUS_ORDER)))
    return [Activity("series", r.id, r.program_code, r.locality_code, r.venue,
                     series_start(r)) for r in chosen]


def open_meeting_activities(records: Iterable[OpenMeetingRecord], today: date,
                            for_kiosk: bool = False) -> list[Activity]:
    """Open meetings to evaluate, latest first (the kiosk: none still to come)."""
    chosen = [r for r in records if not for_kiosk or r.held_on <= today]
    chosen.sort(key=lambda r: r.held_on, reverse=True)
    return [Activity("open_meeting", r.id, r.program_code, r.locality_code, r.venue,
                     r.held_on) for r in chosen]
