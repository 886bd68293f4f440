"""`--cluster`: the same batch on a real loopback Dask cluster (one `dask scheduler`, two `dask
worker` processes) gives exactly the local run's reports."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from service.batch import BatchConfig, run_batch
from service.batch.loopback import loopback_cluster
from service.batch.progress import OutcomeStatus
from service.batch.store import REPORT_NAME

TESTS = Path(__file__).parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))
import test_batch_fakepipeline as fake  # noqa: E402

pytestmark = [pytest.mark.cluster, pytest.mark.timeout(180)]


def test_loopback_dask_cluster_matches_local_run(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for number in range(6):
        fake.write_page(archive / f"s{number}" / "form.png", "application_form", entity_name=f"{number}号公司")
        fake.write_page(archive / f"s{number}" / "id.png", "id_card", id_number=f"44010{number}")
    for page in range(20):  # the largest: idle workers help read it at the end
        fake.write_page(archive / "big" / f"p{page:02d}.png", "diploma", certificate_no=f"N{page}")
    (archive / "broken").mkdir()
    (archive / "broken" / "page.png").write_bytes(b"not an image")
    local_out, cluster_out = tmp_path / "local", tmp_path / "cluster"
    local = run_batch(BatchConfig(archive_dir=archive, out_dir=local_out, workers=2,
                                  pipeline_module="test_batch_fakepipeline"))
    worker_env = {"PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)]), "FAKE_SECONDS_PER_PAGE": "0.2"}
    with loopback_cluster(workers=2, env=worker_env, log_dir=tmp_path) as address:
        clustered = run_batch(BatchConfig(archive_dir=archive, out_dir=cluster_out, cluster=address,
                                          pipeline_module="test_batch_fakepipeline"))
    assert [(row.name, row.status) for row in clustered.rows] == [(row.name, row.status) for row in local.rows]
    assert [row.status for row in clustered.rows].count(OutcomeStatus.DONE) == 7
    assert clustered.helped_pages >= 1
    assert not (cluster_out / ".shared-pages").exists()
    for name in ["big"] + [f"s{number}" for number in range(6)]:
        assert (cluster_out / name / REPORT_NAME).read_bytes() == (local_out / name / REPORT_NAME).read_bytes()
    assert (cluster_out / "broken" / "error.json").exists()
    # the work ran in the two dask worker processes, not in this one
    pids = {row.worker.rsplit(":", 1)[1] for row in clustered.rows if row.worker}
    assert len(pids) == 2 and str(os.getpid()) not in pids
