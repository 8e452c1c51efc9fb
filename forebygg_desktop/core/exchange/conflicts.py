"""Concurrent edits kept for review: which record, what differs, which version was kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import SyncConflict
from forebygg_desktop.core.store.unit import UnitOfWork

# Merge bookkeeping, not content: the same record differs here on both sides by nature.
_BOOKKEEPING = {"id", "device_id", "version", "clock", "local_seq", "created_at", "updated_at"}

RECORD_TYPE_LABELS = {
    "staff": N_("Staff member"),
    "group_series": N_("Group series"),
    "meeting": N_("Meeting"),
    "open_meeting": N_("Open meeting"),
    "advice_talk": N_("Advice talks"),
    "digital_use": N_("Digital-program use"),
    "evaluation_response": N_("Evaluation answer"),
    "research_count": N_("Research questionnaires"),
}


@dataclass(frozen=True)
class ConflictInfo:
    """One conflict: the kept version, the other one, and the fields where they differ."""

    id: str
    record_type: str
    record_id: str
    detected_at: datetime
    kept_device: str
    other_device: str
    differences: tuple[tuple[str, Any, Any], ...]  # (field, kept value, other value)


def open_conflicts(uow: UnitOfWork) -> list[ConflictInfo]:
    """Conflicts not yet marked reviewed, newest first."""
    with uow.read() as session:
        rows = session.scalars(select(SyncConflict).where(SyncConflict.reviewed.is_(False))
                               .order_by(SyncConflict.detected_at.desc()))
        return [_info(row) for row in rows]


def _info(row: SyncConflict) -> ConflictInfo:
    winner, loser = dict(row.winner), dict(row.loser)
    fields = sorted((set(winner) | set(loser)) - _BOOKKEEPING)
    differences = tuple((name, winner.get(name), loser.get(name)) for name in fields
                        if winner.get(name) != loser.get(name))
    return ConflictInfo(id=row.id, record_type=row.record_type, record_id=row.record_id,
                        detected_at=row.detected_at,
                        kept_device=str(winner.get("device_id", "")),
                        other_device=str(loser.get("device_id", "")),
                        differences=differences)
