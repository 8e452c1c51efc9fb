"""The schema revisions this program knows, without importing Alembic or SQLAlchemy.

Every revision in `migrations/versions` and the newest ones (the heads): an up-to-date
file opens without Alembic, and the start-up glance (`core/glance.py`) reads only a file
at exactly these heads. tests/core/test_migrations.py keeps them equal to the scripts.
"""

from __future__ import annotations

SCHEMA_REVISIONS = frozenset({"0001", "0002", "0003i19", "0003i15", "0004i21"})
SCHEMA_HEADS = frozenset({"0004i21"})
