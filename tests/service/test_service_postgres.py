"""The same service on PostgreSQL, chosen by the database URL alone: migrations, upload → report,
decisions and a worker killed mid-job. Starts a throwaway PostgreSQL on a loopback port."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    ServiceProcess,
    free_port,
    known_markers,
    make_pdf,
    start_service,
    upload,
    wait_processed,
    wait_started,
)

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _pg_user() -> str | None:
    """PostgreSQL refuses to run as root: use the `postgres` account then."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres").pw_name
    except KeyError:
        pytest.skip("running as root and there is no postgres account to run PostgreSQL as")


def _as(user: str | None, *command: str) -> list[str]:
    return ["runuser", "-u", user, "--", *command] if user else list(command)


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    if not PG_BIN:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    pytest.importorskip("psycopg")
    bin_dir, user = PG_BIN[-1], _pg_user()
    data = Path(tempfile.mkdtemp(prefix="packetcheck-pg-"))
    if user:
        shutil.chown(data, user)
    port = free_port()
    subprocess.run(
        _as(user, f"{bin_dir}/initdb", "-D", str(data), "-A", "trust", "-U", "packetcheck", "--no-sync"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(
        _as(
            user,
            f"{bin_dir}/pg_ctl",
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "-l",
            str(data / "log"),
            "start",
        ),
        check=True,
        capture_output=True,
        timeout=90,
    )
    try:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={port} user=packetcheck dbname=postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE packetcheck")
        yield f"postgresql+psycopg://packetcheck@127.0.0.1:{port}/packetcheck"
    finally:
        subprocess.run(
            _as(user, f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_service(postgres_url: str, tmp_path_factory) -> Iterator[ServiceProcess]:
    root = tmp_path_factory.mktemp("pg")
    server = start_service(
        root / "data",
        PACKETCHECK_DATABASE_URL=postgres_url,
        FAKE_PIPELINE_MARKERS=str(root / "markers"),
        FAKE_PIPELINE_HOLD=str(root / "hold"),
    )
    server.markers, server.hold = root / "markers", root / "hold"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


def test_migrated_schema_matches_the_models(postgres_url: str, pg_service) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from service.models import Base

    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []
    assert not (pg_service.data_dir / "packetcheck.sqlite3").exists()


def test_upload_report_and_decisions_on_postgres(pg_service, tmp_path: Path) -> None:
    officer, reviewer = pg_service.client("tianhe"), pg_service.client("reviewer")
    accepted = upload(officer, [make_pdf(tmp_path / "pg.pdf", ["PostgreSQL 上的申报"])])
    assert accepted.status_code == 202
    done = wait_processed(officer, accepted.json()["id"])
    assert done["status"] == "done"
    base = f"/api/submissions/{done['id']}"
    assert reviewer.post(f"{base}/findings/0/decision", json={"verdict": "confirmed"}).status_code == 201
    assert [e["action"] for e in officer.get(f"{base}/audit").json()] == [
        "uploaded",
        "processed",
        "finding_confirmed",
    ]
    assert pg_service.client("haizhu").get(base).status_code == 404
    assert officer.get("/api/submissions", params={"has_errors": True}).json()["total"] == 1


def test_worker_killed_mid_job_on_postgres(pg_service, tmp_path: Path) -> None:
    client = pg_service.client("tianhe")
    pg_service.hold.touch()
    known = known_markers(pg_service)
    accepted = upload(client, [make_pdf(tmp_path / "kill.pdf", ["PostgreSQL 上被杀的任务"])]).json()
    os.kill(wait_started(pg_service.markers, known), 9)
    pg_service.hold.unlink()
    done = wait_processed(client, accepted["id"])
    assert done["status"] == "done" and done["job"]["attempts"] == 2
