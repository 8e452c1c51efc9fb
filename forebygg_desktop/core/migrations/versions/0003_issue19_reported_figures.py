"""reported figures, closed quarters and changes held for approval

Every workbook or summary handed on is recorded with the figures it showed; a quarter can
be closed, and rows that later packages bring to a closed quarter wait in `held_change`
until someone approves them.

Revision ID: 0003i19
Revises: 0002
Create Date: 2026-11-27 10:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003i19"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_record",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("period_code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("suppress", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("saved_as", sa.String(length=255), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_record")))
    with op.batch_alter_table("report_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_record_period_code"), ["period_code"],
                              unique=False)
    op.create_table(
        "period_closure",
        sa.Column("period_code", sa.String(length=32), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("period_code", name=op.f("pk_period_closure")))
    op.create_table(
        "held_change",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("period_code", sa.String(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("row", sa.JSON(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_change")))
    with op.batch_alter_table("held_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_held_change_period_code"), ["period_code"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_held_change_record_id"), ["record_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("held_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_change_record_id"))
        batch_op.drop_index(batch_op.f("ix_held_change_period_code"))
    op.drop_table("held_change")
    op.drop_table("period_closure")
    with op.batch_alter_table("report_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_record_period_code"))
    op.drop_table("report_record")
