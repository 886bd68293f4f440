"""Fast checks of the service's parts without a server: settings, store, names, schema, queue."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.errors import InputTooLargeError
from service.settings import DEFAULT_SECRET, ServiceSettings
from service.storage import FileStore, safe_file_name


def test_production_refuses_the_default_or_a_short_secret(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        ServiceSettings(mode="production", data_dir=tmp_path)
    with pytest.raises(ValidationError, match="32 characters"):
        ServiceSettings(mode="production", secret_key="short", data_dir=tmp_path)
    ok = ServiceSettings(mode="production", secret_key="s" * 40, data_dir=tmp_path)
    assert ok.resolved_database_url == f"sqlite:///{(tmp_path / 'packetcheck.sqlite3').resolve()}"
    assert ServiceSettings(data_dir=tmp_path).secret_key == DEFAULT_SECRET  # development may


def test_settings_come_from_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACKETCHECK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PACKETCHECK_WORKERS", "2")
    monkeypatch.setenv("PACKETCHECK_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:5/db")
    settings = ServiceSettings()
    assert settings.workers == 2 and settings.data_dir == tmp_path
    assert settings.resolved_database_url.startswith("postgresql+psycopg://")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("binder.pdf", "binder.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\申请表.docx", "申请表.docx"),
        ("a\x00b\x1f.pdf", "ab.pdf"),
        ("<script>.pdf", "script_.pdf"),
        ("...", "file3"),
        ("", "file3"),
        (None, "file3"),
        ("ｂｉｎｄｅｒ．ｐｄｆ", "binder.pdf"),
    ],
)
def test_safe_file_names(given: str | None, expected: str) -> None:
    assert safe_file_name(given, 3, set()) == expected


def test_safe_file_names_are_unique_within_a_submission() -> None:
    taken: set[str] = set()
    assert [safe_file_name("a.pdf", n, taken) for n in range(3)] == ["a.pdf", "a-2.pdf", "a-3.pdf"]


def test_store_is_content_addressed_atomic_and_bounded(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    first = store.put(iter([b"hello ", b"world"]), 100, "x")
    again = store.put(iter([b"hello world"]), 100, "x")
    assert first.sha256 == again.sha256 and first.created and not again.created
    assert (
        first.path == tmp_path / first.sha256[:2] / first.sha256 and first.path.read_bytes() == b"hello world"
    )
    with pytest.raises(InputTooLargeError):
        store.put(iter([b"x" * 60, b"y" * 60]), 100, "big")
    assert list((tmp_path / "tmp").iterdir()) == []
    with pytest.raises(ValueError):
        store.path_of("../../etc/passwd")


def test_sqlite_migrations_match_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from service.db import make_engine, migrate
    from service.models import Base

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    migrate(url)
    migrate(url)  # a second start migrates nothing
    engine = make_engine(url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_job_leases_expire_and_attempts_run_out(tmp_path: Path) -> None:
    from service import jobs
    from service.context import ServiceContext
    from service.db import migrate, transaction
    from service.models import Job, Role, Submission
    from service.users import create_user

    settings = ServiceSettings(data_dir=tmp_path)
    migrate(settings.resolved_database_url)
    ctx = ServiceContext.open(settings)
    with transaction(ctx.sessions) as session:
        user = create_user(session, "o", "0123456789", Role.OFFICER, "tianhe")
        session.add(
            Submission(
                id="s1",
                label="s1",
                district="tianhe",
                submission_date=dt.date(2019, 6, 1),
                uploaded_by=user.id,
                content_hash="0" * 64,
            )
        )
        session.flush()
        jobs.enqueue(session, "s1")
    first = jobs.claim(ctx.sessions, "w1", lease_seconds=0.3, max_attempts=2)
    assert first is not None and first.attempt == 1
    assert jobs.claim(ctx.sessions, "w2", lease_seconds=0.3, max_attempts=2) is None  # leased
    assert jobs.renew_lease(ctx.sessions, first, "w1", 0.3)
    time.sleep(0.4)  # w1 "died": its lease runs out
    second = jobs.claim(ctx.sessions, "w2", lease_seconds=0.3, max_attempts=2)
    assert second is not None and second.attempt == 2
    assert not jobs.renew_lease(ctx.sessions, first, "w1", 0.3)  # w1 lost it for good
    time.sleep(0.4)
    assert jobs.claim(ctx.sessions, "w3", lease_seconds=0.3, max_attempts=2) is None
    with ctx.sessions() as session:
        job = session.get(Job, first.job_id)
        assert job is not None and job.status == "failed" and "2 attempts" in (job.error or "")
        assert session.get(Submission, "s1").status == "failed"  # type: ignore[union-attr]
    ctx.close()


def test_serve_refuses_to_start_in_production_with_the_default_secret(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("PACKETCHECK_")}
    env.update(PACKETCHECK_MODE="production", PACKETCHECK_DATA_DIR=str(tmp_path))
    run = subprocess.run(
        [sys.executable, "-m", "service.cli", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "PACKETCHECK_SECRET_KEY" in run.stderr
    assert not (tmp_path / "packetcheck.sqlite3").exists()
