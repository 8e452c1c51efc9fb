"""Alembic environment: always run programmatically with a connection from `core.db`.

No `fileConfig` here: it would silence the program's own loggers.
"""

from alembic import context

from forebygg_desktop.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the program's own code runs migrations
    raise RuntimeError("migrations run through forebygg_desktop.core.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
