"""The data model (SQLAlchemy 2, typed).

Anonymous by construction: there is no participant table and no participant code. Counts
are nullable integers: `None` means "not entered", `0` means "none came" — never mixed up.

Rows that travel between laptops and the central department carry `Synced` columns: a
UUID key made where the row was born, the device that last changed it, a change counter
(`version`), this database's change sequence when the row was last written (`local_seq`,
drives incremental export) and a tombstone (`deleted`) instead of a delete.
"""


import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    """A random UUID as text: random, so it reveals neither time nor order."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    """Naive UTC time (SQLite stores no zone; every stored time is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


class Synced:
    """Merge columns shared by every travelling row."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Version vector {device id: edits made there}: which edits this version has seen, so
    # two edits made without seeing each other are always found (exchange/merge.py).
    clock: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    local_seq: Mapped[int] = mapped_column(Integer, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Stamped(Synced):
    """Travelling rows that may carry a time of day (not evaluation answers)."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


# --- local, never travels -------------------------------------------------------------------

class Meta(Base):
    """Installation facts: device id, change sequence, catalogue version."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String)


class Setting(Base):
    """User settings, declared with type and default in `core/settings.py`."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Draft(Base):
    """A form being filled in, kept so a crash does not lose what was typed."""

    __tablename__ = "draft"
    form_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


# --- catalogue: from resources/ or the central department's configuration package -----------

class Program(Base):
    __tablename__ = "program"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    names: Mapped[dict[str, Any]] = mapped_column(JSON)
    default_meetings: Mapped[int | None] = mapped_column(Integer)
    default_minutes: Mapped[int | None] = mapped_column(Integer)
    booster_meetings: Mapped[int] = mapped_column(Integer, default=0)
    group_size_min: Mapped[int | None] = mapped_column(Integer)
    group_size_max: Mapped[int | None] = mapped_column(Integer)
    completion_min_meetings: Mapped[int | None] = mapped_column(Integer)
    prevention_level: Mapped[str] = mapped_column(String(16))
    target_group: Mapped[dict[str, Any]] = mapped_column(JSON)
    committee_decision_ref: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Locality(Base):
    __tablename__ = "locality"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    area: Mapped[str] = mapped_column(String(64))
    priority_area: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Language(Base):
    """Languages of delivery: ISO 639 codes plus `sv-x-easy` for easy Swedish."""

    __tablename__ = "language"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    names: Mapped[dict[str, Any]] = mapped_column(JSON)
    autonym: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Theme(Base):
    """Themes of open meetings and advice talks (codes; labels per language)."""

    __tablename__ = "theme"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    names: Mapped[dict[str, Any]] = mapped_column(JSON)
    applies_to: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Staff(Stamped, Base):
    """Employees and group leaders (personal data of employees: kept minimal)."""

    __tablename__ = "staff"
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --- what is registered ---------------------------------------------------------------------

class GroupSeries(Stamped, Base):
    __tablename__ = "group_series"
    program_code: Mapped[str] = mapped_column(ForeignKey("program.code"))
    locality_code: Mapped[str] = mapped_column(ForeignKey("locality.code"))
    venue: Mapped[str | None] = mapped_column(String(128))
    delivery_mode: Mapped[str] = mapped_column(String(16), default="in_person")
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    interpreter_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    leader_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    planned_meetings: Mapped[int | None] = mapped_column(Integer)
    planned_start: Mapped[date | None] = mapped_column(Date)
    composition: Mapped[str] = mapped_column(String(16), default="mixed")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    cancel_reason: Mapped[str | None] = mapped_column(String(32))
    registered_women: Mapped[int | None] = mapped_column(Integer)
    registered_men: Mapped[int | None] = mapped_column(Integer)
    registered_other: Mapped[int | None] = mapped_column(Integer)
    started_women: Mapped[int | None] = mapped_column(Integer)
    started_men: Mapped[int | None] = mapped_column(Integer)
    started_other: Mapped[int | None] = mapped_column(Integer)
    completed_women: Mapped[int | None] = mapped_column(Integer)
    completed_men: Mapped[int | None] = mapped_column(Integer)
    completed_other: Mapped[int | None] = mapped_column(Integer)
    dropped_women: Mapped[int | None] = mapped_column(Integer)
    dropped_men: Mapped[int | None] = mapped_column(Integer)
    dropped_other: Mapped[int | None] = mapped_column(Integer)


class Meeting(Stamped, Base):
    __tablename__ = "meeting"
    # Looked up by series through ix_meeting_series_held (series_id first): an index on
    # series_id alone would cost a page written on every save and serve nothing more.
    series_id: Mapped[str] = mapped_column(ForeignKey("group_series.id"))
    number: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="regular")
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    other_gender: Mapped[int | None] = mapped_column(Integer)
    other_adults: Mapped[int | None] = mapped_column(Integer)
    children: Mapped[int | None] = mapped_column(Integer)
    interpreter: Mapped[bool | None] = mapped_column(Boolean)

    # First and last meeting per series (the quarter rule) read from the index alone.
    __table_args__ = (Index("ix_meeting_series_held", "series_id", "deleted", "held_on"),)


class OpenMeeting(Stamped, Base):
    """Cafés and lectures: one row per occasion, counts by gender."""

    __tablename__ = "open_meeting"
    program_code: Mapped[str] = mapped_column(ForeignKey("program.code"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int | None] = mapped_column(Integer)
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    locality_code: Mapped[str] = mapped_column(ForeignKey("locality.code"))
    venue: Mapped[str | None] = mapped_column(String(128))
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    interpreter: Mapped[bool | None] = mapped_column(Boolean)
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    other_gender: Mapped[int | None] = mapped_column(Integer)
    estimated: Mapped[bool] = mapped_column(Boolean, default=False)


class AdviceTalk(Stamped, Base):
    """One anonymous record per contact series of advice talks (no identity, ever)."""

    __tablename__ = "advice_talk"
    first_talk_on: Mapped[date] = mapped_column(Date, index=True)
    talks: Mapped[int] = mapped_column(Integer, default=1)
    who_came: Mapped[str] = mapped_column(String(16))
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    interpreter: Mapped[bool | None] = mapped_column(Boolean)
    locality_code: Mapped[str | None] = mapped_column(ForeignKey("locality.code"))
    outcome: Mapped[str] = mapped_column(String(16), default="ongoing")
    referred_to: Mapped[str | None] = mapped_column(String(32))
    moved_to_program: Mapped[str | None] = mapped_column(ForeignKey("program.code"))


class DigitalUse(Stamped, Base):
    """Use of a digital program in one quarter, as counted by this laptop's worker."""

    __tablename__ = "digital_use"
    program_code: Mapped[str] = mapped_column(ForeignKey("program.code"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    logins_handed_out: Mapped[int | None] = mapped_column(Integer)
    started: Mapped[int | None] = mapped_column(Integer)
    completed: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_digital_use_period", "year", "quarter"),)


# --- evaluations ----------------------------------------------------------------------------

class Questionnaire(Base):
    """A published questionnaire version; a published version never changes."""

    __tablename__ = "questionnaire"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)


class EvaluationResponse(Synced, Base):
    """One parent's anonymous answers.

    No time of day and no order: the key is random, the table has no rowid (so insertion
    order is not kept), and `local_seq` is shared by every answer of one kiosk round.
    """

    __tablename__ = "evaluation_response"
    answered_on: Mapped[date] = mapped_column(Date, index=True)
    questionnaire_code: Mapped[str] = mapped_column(String(32))
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(8))
    context_type: Mapped[str | None] = mapped_column(String(16))
    context_id: Mapped[str | None] = mapped_column(String(36))
    program_code: Mapped[str | None] = mapped_column(String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    free_text: Mapped[str | None] = mapped_column(String)
    free_text_status: Mapped[str] = mapped_column(String(16), default="none")

    __table_args__ = ({"sqlite_with_rowid": False},)


class ResearchQuestionnaireCount(Stamped, Base):
    """A licence holder's questionnaire: only how many were handed out and returned."""

    __tablename__ = "research_count"
    series_id: Mapped[str] = mapped_column(ForeignKey("group_series.id"), index=True)
    phase: Mapped[str] = mapped_column(String(8))
    handed_out: Mapped[int | None] = mapped_column(Integer)
    returned: Mapped[int | None] = mapped_column(Integer)


# --- exchange bookkeeping (local) -----------------------------------------------------------

class ExportLog(Base):
    __tablename__ = "export_log"
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    exported_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    file_name: Mapped[str] = mapped_column(String(255))
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    upto_local_seq: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)


class ImportedFile(Base):
    """A package imported on this store (central role), one row per file content."""

    __tablename__ = "imported_file"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    device_name: Mapped[str] = mapped_column(String(128))
    sequence: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)


class SyncConflict(Base):
    """Concurrent edits of one record, resolved by the written rule and kept for review."""

    __tablename__ = "sync_conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    winner: Mapped[dict[str, Any]] = mapped_column(JSON)
    loser: Mapped[dict[str, Any]] = mapped_column(JSON)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)


# --- reported figures (the central department's own bookkeeping; they do not travel) -----


class ReportRecord(Base):
    """A workbook or summary handed on: its period, when, and the figures it showed."""

    __tablename__ = "report_record"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    period_code: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "workbook" or "summary"
    language: Mapped[str] = mapped_column(String(16))
    suppress: Mapped[int | None] = mapped_column(Integer)
    made_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    saved_as: Mapped[str] = mapped_column(String(255))  # the file's name, not its folder
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)


class PeriodClosure(Base):
    """A quarter the department has closed: later changes to it wait for approval."""

    __tablename__ = "period_closure"
    period_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    closed_by: Mapped[str] = mapped_column(String(128))


class HeldChange(Base):
    """An imported row that would change a closed quarter, held until approved."""

    __tablename__ = "held_change"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    period_code: Mapped[str] = mapped_column(String(32), index=True)
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    row: Mapped[dict[str, Any]] = mapped_column(JSON)
    package_sha256: Mapped[str] = mapped_column(String(64))
    held_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(128))


class EnrolledDevice(Base):
    """A laptop's signing key, accepted once at the central department (enrolment)."""

    __tablename__ = "enrolled_device"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_name: Mapped[str] = mapped_column(String(128))
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    fingerprint: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class SyncFrontier(Base):
    """The versions of one record that no other version seen here has superseded, kept
    while there are two or more of them (an unresolved concurrent edit), as wire rows."""

    __tablename__ = "sync_frontier"
    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    versions: Mapped[list[Any]] = mapped_column(JSON)


# Tables whose rows travel in exchange files, by record type name.
TRAVELLING: dict[str, type[Synced]] = {
    "staff": Staff,
    "group_series": GroupSeries,
    "meeting": Meeting,
    "open_meeting": OpenMeeting,
    "advice_talk": AdviceTalk,
    "digital_use": DigitalUse,
    "evaluation_response": EvaluationResponse,
    "research_count": ResearchQuestionnaireCount,
}
