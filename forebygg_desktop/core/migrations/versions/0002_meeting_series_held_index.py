"""index meetings by series and date

The statistics find each series' first and last meeting (a series counts as started in
the quarter of its first meeting); on a department decade that aggregate scanned every
meeting row. A covering index answers it from the index alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:05:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_series_held", ["series_id", "deleted", "held_on"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_series_held")
