"""drop the meeting index on series_id alone

`ix_meeting_series_held` (series_id, deleted, held_on) starts with series_id, so it serves
every look-up by series (the meeting checks, the import, the foreign key) that the index
on series_id alone served. That index only cost a page written on every meeting save
(measured by benchmarks/bench_save_latency.py).

Revision ID: 0004i21
Revises: 0003i15
Create Date: 2026-11-27 22:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0004i21"
down_revision: str | Sequence[str] | None = "0003i15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_meeting_series_id", table_name="meeting")


def downgrade() -> None:
    op.create_index("ix_meeting_series_id", "meeting", ["series_id"], unique=False)
