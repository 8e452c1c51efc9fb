"""version vectors on travelling rows, enrolled device keys, merge frontier

Every travelling row gets `clock`, its version vector ({device id: edits}), filled for
existing rows as {device of the last change: version} (what the old rule knew). The
central department keeps the signing key of each enrolled laptop, and the versions of a
record still edited concurrently (sync_frontier).

Revision ID: 0003i15
Revises: 0003i19
Create Date: 2026-11-27 09:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003i15"
down_revision: str | Sequence[str] | None = "0003i19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRAVELLING = ("staff", "group_series", "meeting", "open_meeting", "advice_talk",
              "digital_use", "evaluation_response", "research_count")


def upgrade() -> None:
    for table in TRAVELLING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("clock", sa.JSON(), nullable=False,
                                          server_default="{}"))
        # The same text json.dumps writes ({"id": 3}), so old and new rows compare equal.
        # A server wants the text cast to its JSON type; SQLite keeps JSON as text.
        value = "'{\"' || device_id || '\": ' || version || '}'"
        if op.get_bind().dialect.name != "sqlite":
            value = f"CAST({value} AS JSON)"
        op.execute(f"UPDATE {table} SET clock = {value}")  # noqa: S608 - fixed table names
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("clock", server_default=None)
    op.create_table(
        "enrolled_device",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=128), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_enrolled_device")))
    op.create_table(
        "sync_frontier",
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("record_type", "record_id", name=op.f("pk_sync_frontier")))


def downgrade() -> None:
    op.drop_table("sync_frontier")
    op.drop_table("enrolled_device")
    for table in TRAVELLING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("clock")
