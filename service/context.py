"""What every part of the service is handed: settings, the database and the file store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine, make_session_factory
from service.settings import ServiceSettings
from service.storage import FileStore


@dataclass
class ServiceContext:
    settings: ServiceSettings
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore

    @classmethod
    def open(cls, settings: ServiceSettings) -> ServiceContext:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.resolved_database_url)
        return cls(settings, engine, make_session_factory(engine), FileStore(settings.store_dir))

    def close(self) -> None:
        self.engine.dispose()
