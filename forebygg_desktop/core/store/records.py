"""Plain, frozen records that cross the Store boundary (widgets never see ORM rows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from operator import attrgetter
from typing import Any

from sqlalchemy import Row

from forebygg_desktop.core.counts import sum_known
from forebygg_desktop.core.models import Synced


@dataclass(frozen=True)
class SeriesData:
    """The editable fields of a group series (counts: None = not entered)."""

    program_code: str
    locality_code: str
    language_code: str
    venue: str | None = None
    delivery_mode: str = "in_person"
    interpreter_languages: tuple[str, ...] = ()
    leader_ids: tuple[str, ...] = ()
    planned_meetings: int | None = None
    planned_start: date | None = None
    composition: str = "mixed"
    registered_women: int | None = None
    registered_men: int | None = None
    registered_other: int | None = None
    started_women: int | None = None
    started_men: int | None = None
    started_other: int | None = None
    completed_women: int | None = None
    completed_men: int | None = None
    completed_other: int | None = None
    dropped_women: int | None = None
    dropped_men: int | None = None
    dropped_other: int | None = None


@dataclass(frozen=True)
class SeriesRecord(SeriesData):
    id: str = ""
    version: int = 0
    status: str = "planned"
    cancel_reason: str | None = None


@dataclass(frozen=True)
class MeetingData:
    number: int
    held_on: date
    minutes: int | None = None
    kind: str = "regular"
    women: int | None = None
    men: int | None = None
    other_gender: int | None = None
    other_adults: int | None = None
    children: int | None = None
    interpreter: bool | None = None

    @property
    def attendance(self) -> int | None:
        """Participant visits (women + men + other), None when nothing was entered."""
        return sum_known(self.women, self.men, self.other_gender)


@dataclass(frozen=True)
class MeetingRecord(MeetingData):
    id: str = ""
    series_id: str = ""
    version: int = 0


@dataclass(frozen=True)
class OpenMeetingData:
    program_code: str
    held_on: date
    locality_code: str
    language_code: str
    minutes: int | None = None
    theme_code: str | None = None
    venue: str | None = None
    interpreter: bool | None = None
    women: int | None = None
    men: int | None = None
    other_gender: int | None = None
    estimated: bool = False

    @property
    def attendance(self) -> int | None:
        return sum_known(self.women, self.men, self.other_gender)


@dataclass(frozen=True)
class OpenMeetingRecord(OpenMeetingData):
    id: str = ""
    version: int = 0


@dataclass(frozen=True)
class TalkData:
    first_talk_on: date
    who_came: str
    language_code: str
    talks: int = 1
    theme_code: str | None = None
    interpreter: bool | None = None
    locality_code: str | None = None
    outcome: str = "ongoing"
    referred_to: str | None = None
    moved_to_program: str | None = None


@dataclass(frozen=True)
class TalkRecord(TalkData):
    id: str = ""
    version: int = 0


@dataclass(frozen=True)
class DigitalUseData:
    program_code: str
    year: int
    quarter: int
    logins_handed_out: int | None = None
    started: int | None = None
    completed: int | None = None


@dataclass(frozen=True)
class DigitalUseRecord(DigitalUseData):
    id: str = ""
    version: int = 0


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def data_fields(data_class: type[Any]) -> tuple[str, ...]:
    """Names of the dataclass fields of `data_class` (cached: read on every save)."""
    names = _FIELD_NAMES.get(data_class)
    if names is None:
        names = _FIELD_NAMES[data_class] = tuple(f.name for f in fields(data_class))
    return names


def apply_data(row: Synced, data: Any) -> None:
    """Copy every field of an input dataclass onto an ORM row (tuples stored as lists)."""
    for name in data_fields(type(data)):
        value = getattr(data, name)
        setattr(row, name, list(value) if isinstance(value, tuple) else value)


def data_values(data: Any) -> dict[str, Any]:
    """The fields of an input dataclass as column values (tuples stored as lists)."""
    names = data_fields(type(data))
    held = getattr(data, "__dict__", None)
    if held is not None and tuple(held) == names:  # just the fields, in their order
        values = dict(held)
    else:
        values = dict(zip(names, _getter(names)(data), strict=True))
    for name, value in values.items():
        if isinstance(value, tuple):
            values[name] = list(value)
    return values


_GETTERS: dict[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] = {}


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """Reads every named attribute at once (run per row of an import: kept cheap)."""
    getter = _GETTERS.get(names)
    if getter is None:
        many = attrgetter(*names)
        getter = _GETTERS[names] = many if len(names) > 1 else lambda d: (many(d),)
    return getter


def to_record[R](record_class: type[R], row: Synced | Row[Any]) -> R:
    """Build a frozen record from an ORM row or a selected row (lists become tuples)."""
    values: dict[str, Any] = {}
    for name in data_fields(record_class):
        value = getattr(row, name)
        values[name] = tuple(value) if isinstance(value, list) else value
    return record_class(**values)


def edited[D](data: D, **changes: Any) -> D:
    """A copy of an input dataclass with some fields changed."""
    return replace(data, **changes)  # type: ignore[type-var]
