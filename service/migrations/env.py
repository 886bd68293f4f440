"""Alembic environment: migrates the URL set by service.db.migrate or by alembic.ini."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import engine_from_config, pool

from service.models import Base

config = context.config
url = os.environ.get("PACKETCHECK_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
if not url:
    raise RuntimeError("no database URL: set PACKETCHECK_DATABASE_URL or sqlalchemy.url")

connectable = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
