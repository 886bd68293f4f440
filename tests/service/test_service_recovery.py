"""Nothing is lost: a worker SIGKILLed mid-job, or the whole service killed and restarted."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    ServiceProcess,
    known_markers,
    make_pdf,
    start_service,
    upload,
    wait_processed,
    wait_started,
)


@pytest.fixture(scope="module")
def crashy(tmp_path_factory) -> Iterator[ServiceProcess]:
    root = tmp_path_factory.mktemp("crashy")
    server = start_service(
        root / "data", FAKE_PIPELINE_MARKERS=str(root / "markers"), FAKE_PIPELINE_HOLD=str(root / "hold")
    )
    server.markers = root / "markers"  # type: ignore[attr-defined]
    server.hold = root / "hold"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


def test_worker_killed_mid_job_is_replaced_and_the_job_finishes(crashy, tmp_path: Path) -> None:
    client = crashy.client("tianhe")
    crashy.hold.touch()
    known = known_markers(crashy)
    accepted = upload(client, [make_pdf(tmp_path / "k.pdf", ["被中断的任务"])]).json()
    victim = wait_started(crashy.markers, known)
    assert client.get(f"/api/submissions/{accepted['id']}").json()["status"] == "running"
    os.kill(victim, signal.SIGKILL)
    crashy.hold.unlink()
    done = wait_processed(client, accepted["id"], timeout=60)
    assert done["status"] == "done" and done["job"]["attempts"] == 2
    assert client.get(f"/api/submissions/{accepted['id']}/report").json()["findings"]
    actions = [e["action"] for e in client.get(f"/api/submissions/{accepted['id']}/audit").json()]
    assert actions == ["uploaded", "processed"]


def test_whole_service_killed_and_restarted_loses_nothing(crashy, tmp_path: Path) -> None:
    client = crashy.client("tianhe")
    crashy.hold.touch()
    known = known_markers(crashy)
    running = upload(client, [make_pdf(tmp_path / "r.pdf", ["处理中被断电"])]).json()
    wait_started(crashy.markers, known)
    waiting = upload(client, [make_pdf(tmp_path / "w.pdf", ["排队中被断电"])]).json()  # queued behind it
    assert waiting["status"] == "queued"
    crashy.kill_all()  # server and worker, SIGKILL, at once
    crashy.hold.unlink()
    crashy.start()
    client = crashy.client("tianhe")
    for submission in (running, waiting):
        done = wait_processed(client, submission["id"], timeout=60)
        assert done["status"] == "done", done
        assert client.get(f"/api/submissions/{submission['id']}/files/1/pages/1").status_code == 200


def test_a_crashing_pipeline_fails_the_job_with_its_reason_after_the_attempts(crashy, tmp_path: Path) -> None:
    client = crashy.client("tianhe")
    accepted = upload(client, [make_pdf(tmp_path / "explode.pdf", ["会崩溃"])]).json()
    failed = wait_processed(client, accepted["id"])
    assert failed["status"] == "failed"
    assert (
        failed["job"]["attempts"] == 3
        and "RuntimeError: the fake pipeline exploded" in failed["job"]["error"]
    )
    assert client.get(f"/api/submissions/{accepted['id']}/report").status_code == 409


def test_unusable_input_fails_at_once(crashy, tmp_path: Path) -> None:
    client = crashy.client("tianhe")
    accepted = upload(client, [make_pdf(tmp_path / "badinput.pdf", ["无法使用"])]).json()
    failed = wait_processed(client, accepted["id"])
    assert failed["status"] == "failed" and failed["job"]["attempts"] == 1
    assert "unusable" in failed["job"]["error"]


def test_a_job_that_kills_every_worker_ends_failed(crashy, tmp_path: Path) -> None:
    client = crashy.client("tianhe")
    accepted = upload(client, [make_pdf(tmp_path / "suicide.pdf", ["每次都杀死进程"])]).json()
    failed = wait_processed(client, accepted["id"], timeout=90)
    assert failed["status"] == "failed" and failed["job"]["attempts"] == 3
    assert "worker stopped during each of 3 attempts" in failed["job"]["error"]
    # the service is still working after that
    ok = upload(client, [make_pdf(tmp_path / "after.pdf", ["之后正常"])]).json()
    assert wait_processed(client, ok["id"])["status"] == "done"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _gone(pids: list[int], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "zombie"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_never_outlive_serve(tmp_path: Path) -> None:
    server = start_service(tmp_path / "data", PACKETCHECK_WORKERS="2")
    try:
        workers = _children(server.process.pid)
        assert len(workers) == 2
        server.stop()  # SIGTERM: a clean shutdown stops the workers
        assert _gone(workers)
        server.start()
        workers = _children(server.process.pid)
        assert len(workers) == 2
        os.kill(server.process.pid, signal.SIGKILL)  # serve alone dies: its workers follow it
        server.process.wait()
        assert _gone(workers)
    finally:
        server.kill_all()
