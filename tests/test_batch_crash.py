"""Crash safety: SIGKILL the batch mid-run, rerun, and every report is complete and valid, with
only the unfinished submissions redone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from schemas import Report
from service.batch import BatchConfig, run_batch
from service.batch.progress import OutcomeStatus
from service.batch.store import MARKER_NAME, REPORT_NAME

TESTS = Path(__file__).parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))
import test_batch_fakepipeline as fake  # noqa: E402

RUNNER = """
import sys
from pathlib import Path
from service.batch import BatchConfig, run_batch
run_batch(BatchConfig(archive_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]), workers=2,
                      pipeline_module="test_batch_fakepipeline"))
"""


def finished(out: Path) -> set[str]:
    return {path.parent.name for path in out.glob(f"*/{MARKER_NAME}")}


def test_sigkill_mid_run_then_rerun_loses_nothing(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    names = [f"s{number:02d}" for number in range(10)]
    for name in names:
        fake.write_page(archive / name / "a.png", "application_form", entity_name=f"{name}公司")
        fake.write_page(archive / name / "b.png", "id_card", id_number=f"4401{name}")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)]),
           "FAKE_SECONDS_PER_PAGE": "0.4"}
    batch = subprocess.Popen([sys.executable, "-c", RUNNER, str(archive), str(out)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(finished(out)) < 3 and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.05)
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait(10)
    finally:
        # the pool's worker processes are in the session this test started; stop them too
        try:
            os.killpg(batch.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    done_before = finished(out)
    assert batch.returncode == -signal.SIGKILL
    assert 3 <= len(done_before) < len(names), "the kill should land mid-run"
    for name in done_before:  # whatever the kill interrupted, what is vouched for is whole
        Report.model_validate_json((out / name / REPORT_NAME).read_bytes())

    result = run_batch(BatchConfig(archive_dir=archive, out_dir=out, workers=2,
                                   pipeline_module="test_batch_fakepipeline"))
    redone = {row.name for row in result.rows if row.status is OutcomeStatus.DONE}
    skipped = {row.name for row in result.rows if row.status is OutcomeStatus.SKIPPED}
    assert skipped == done_before and redone == set(names) - done_before
    for name in names:
        report = Report.model_validate_json((out / name / REPORT_NAME).read_bytes())
        assert report.submission == name and len(report.pages) == 2
    assert not list(out.rglob("*.tmp"))
