"""The batch with the real pipeline on two tiny generated submissions: local processes, then a
loopback Dask cluster replaying the same OCR cache, must give byte-identical reports."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from schemas import Report
from service.batch import BatchConfig, run_batch
from service.batch.loopback import loopback_cluster
from service.batch.progress import OutcomeStatus
from service.batch.store import REPORT_NAME

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.cluster, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("samples.generator")
    from bench.batch_speed import trim_submission
    from samples.generator import generate_submission

    root = tmp_path_factory.mktemp("archive")
    for number, editable in enumerate(("docx", "xlsx")):
        folder = generate_submission(root, 8100 + number, problems=[], scan_profile="clean",
                                     name=f"real-{number}", editable=editable)
        trim_submission(folder, 2)
    return root


def test_real_pipeline_local_then_dask_gives_identical_reports(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "ocr-cache"
    local = run_batch(BatchConfig(archive_dir=archive, out_dir=tmp_path / "local", workers=2,
                                  page_workers=1, ocr_cache_dir=cache))
    assert [row.status for row in local.rows] == [OutcomeStatus.DONE] * 2, local.rows
    for name in ("real-0", "real-1"):
        report = Report.model_validate_json((tmp_path / "local" / name / REPORT_NAME).read_bytes())
        assert report.submission == name and len(report.pages) == 2
        assert report.application.source.value in ("docx", "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "local" / "summary.xlsx").active
    assert sheet is not None and sheet.max_row == 4
    assert all(sheet.cell(row=row, column=3).value for row in (3, 4))  # 申报主体名称 read from the form

    with loopback_cluster(workers=2, env={"PYTHONPATH": str(ROOT)}, log_dir=tmp_path) as address:
        clustered = run_batch(BatchConfig(archive_dir=archive, out_dir=tmp_path / "dask", cluster=address,
                                          ocr_cache_dir=cache))
    assert [row.status for row in clustered.rows] == [OutcomeStatus.DONE] * 2, clustered.rows
    assert {row.worker.rsplit(":", 1)[1] for row in clustered.rows}.isdisjoint({str(os.getpid())})
    for name in ("real-0", "real-1"):
        local_report = (tmp_path / "local" / name / REPORT_NAME).read_bytes()
        assert (tmp_path / "dask" / name / REPORT_NAME).read_bytes() == local_report
