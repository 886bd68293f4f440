"""Batch mechanics on the stand-in pipeline (tests/test_batch_fakepipeline.py): resume, broken
submissions, zips, the CLI's exit codes. Seconds, not minutes: no OCR runs here."""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

import pytest

from extractor.options import AnalyzeOptions
from schemas import FindingCode, Report
from service.batch import BatchConfig, BatchResult, run_batch
from service.batch.cli import register
from service.batch.progress import OutcomeStatus
from service.batch.store import ERROR_NAME, MARKER_NAME, REPORT_NAME

sys.path.insert(0, str(Path(__file__).parent))
import test_batch_fakepipeline as fake  # noqa: E402

FAKE = "test_batch_fakepipeline"


def make_submission(archive: Path, name: str, entity: str, id_number: str) -> Path:
    folder = archive / name
    fake.write_page(folder / "form.png", "application_form", entity_name=entity,
                    station_address="广州市海珠区新港东路1号", revenue_2018="1234500.0")
    fake.write_page(folder / "scans" / "id.png", "id_card", id_number=id_number)
    (folder / "truth.json").write_text("{}")  # not a document: neither analysed nor fingerprinted
    return folder


def batch(archive: Path, out: Path, workers: int = 2) -> BatchResult:
    return run_batch(BatchConfig(archive_dir=archive, out_dir=out, workers=workers, pipeline_module=FAKE))


def statuses(result: BatchResult) -> dict[str, OutcomeStatus]:
    return {row.name: row.status for row in result.rows}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    for number in range(3):
        make_submission(root, f"sub-{number}", f"广州市示例{number}有限公司", f"44010619900101{number:03d}X")
    return root


def test_resume_skips_current_and_redoes_only_changed(archive: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = batch(archive, out)
    assert set(statuses(first).values()) == {OutcomeStatus.DONE}
    reports = {name: (out / name / REPORT_NAME).read_bytes() for name in statuses(first)}
    assert all(Report.model_validate_json(data).submission == name for name, data in reports.items())

    second = batch(archive, out)
    assert set(statuses(second).values()) == {OutcomeStatus.SKIPPED}
    assert {name: (out / name / REPORT_NAME).read_bytes() for name in reports} == reports

    # a touched but identical file is the same input; changed content is not
    (archive / "sub-0" / "form.png").touch()
    fake.write_page(archive / "sub-1" / "form.png", "application_form", entity_name="改过的名称")
    third = batch(archive, out)
    assert statuses(third) == {"sub-0": OutcomeStatus.SKIPPED, "sub-1": OutcomeStatus.DONE,
                               "sub-2": OutcomeStatus.SKIPPED}
    assert "改过的名称" in (out / "sub-1" / REPORT_NAME).read_text(encoding="utf-8")
    # the touched file's new mtime was recorded, so the next run does not read it again
    touched = (archive / "sub-0" / "form.png").stat().st_mtime_ns
    assert f"  {touched}  form.png" in (out / "sub-0" / MARKER_NAME).read_text()

    # a new pipeline version makes every report stale
    monkeypatch.setenv("FAKE_PIPELINE_VERSION", "fake-2")
    monkeypatch.setattr(fake, "PIPELINE_VERSION", "fake-2")
    fourth = batch(archive, out)
    assert set(statuses(fourth).values()) == {OutcomeStatus.DONE}
    assert "pipeline=fake-2" in (out / "sub-2" / MARKER_NAME).read_text()


def test_broken_submissions_are_listed_and_do_not_stop_the_batch(archive: Path, tmp_path: Path) -> None:
    (archive / "corrupt").mkdir()
    (archive / "corrupt" / "binder.pdf").write_bytes(b"%PDF-1.4 but not really")
    (archive / "nothing").mkdir()
    (archive / "nothing" / "readme.txt").write_text("no documents here")
    with zipfile.ZipFile(archive / "escape.zip", "w") as bad_zip:
        bad_zip.writestr("../../evil.png", b"x")
    out = tmp_path / "out"
    result = batch(archive, out)
    assert statuses(result) == {
        "corrupt": OutcomeStatus.FAILED, "escape": OutcomeStatus.FAILED, "nothing": OutcomeStatus.FAILED,
        "sub-0": OutcomeStatus.DONE, "sub-1": OutcomeStatus.DONE, "sub-2": OutcomeStatus.DONE,
    }
    error = json.loads((out / "escape" / ERROR_NAME).read_text())
    assert error["permanent"] and "outside the archive" in error["message"]
    assert not (tmp_path / "evil.png").exists() and not list(tmp_path.rglob("evil.png"))
    assert json.loads((out / "corrupt" / ERROR_NAME).read_text())["error_type"] == "CorruptFileError"
    assert not (out / "corrupt" / REPORT_NAME).exists()
    # unchanged broken inputs are not retried; still listed as failed
    again = batch(archive, out)
    assert statuses(again)["corrupt"] is OutcomeStatus.FAILED
    assert all(row.seconds == 0 for row in again.rows)


def test_fixed_submission_replaces_its_error_entry(archive: Path, tmp_path: Path) -> None:
    (archive / "late").mkdir()
    (archive / "late" / "page.png").write_bytes(b"not a png")
    out = tmp_path / "out"
    assert statuses(batch(archive, out))["late"] is OutcomeStatus.FAILED
    fake.write_page(archive / "late" / "page.png", "business_license", credit_code="91440101MA59U2LX0T")
    assert statuses(batch(archive, out))["late"] is OutcomeStatus.DONE
    assert not (out / "late" / ERROR_NAME).exists()
    assert (out / "late" / REPORT_NAME).exists()


def test_zip_submission_gives_the_same_report_as_its_folder(archive: Path, tmp_path: Path) -> None:
    folder = archive / "sub-0"
    with zipfile.ZipFile(archive / "zipped.zip", "w") as packed:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                packed.write(path, path.relative_to(folder).as_posix())
    out = tmp_path / "out"
    result = batch(archive, out)
    assert statuses(result)["zipped"] is OutcomeStatus.DONE
    from_zip = Report.model_validate_json((out / "zipped" / REPORT_NAME).read_bytes())
    from_folder = Report.model_validate_json((out / "sub-0" / REPORT_NAME).read_bytes())
    assert from_zip.model_dump(exclude={"submission", "findings"}) == \
        from_folder.model_dump(exclude={"submission", "findings"})
    # the same ID card in both is what the cross-submission check exists to notice
    if any(check.status == "ran" for check in from_zip.checks
           if check.code is FindingCode.DUPLICATE_ACROSS_SUBMISSIONS):
        assert FindingCode.DUPLICATE_ACROSS_SUBMISSIONS in [f.code for f in from_zip.findings]


def test_worker_that_dies_becomes_an_error_entry(archive: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Its neighbours, in flight when the pool broke, are retried alone and succeed."""
    monkeypatch.setenv("FAKE_SECONDS_PER_PAGE", "0.3")  # neighbours still running when it dies
    fake.write_page(archive / "a-killer" / "page.png", "other", die=True)
    result = batch(archive, tmp_path / "out")
    assert statuses(result)["a-killer"] is OutcomeStatus.FAILED
    assert "died" in next(row.message for row in result.rows if row.name == "a-killer")
    assert [statuses(result)[f"sub-{n}"] for n in range(3)] == [OutcomeStatus.DONE] * 3
    assert not json.loads((tmp_path / "out" / "a-killer" / ERROR_NAME).read_text())["permanent"]


def run_cli(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("service.batch.cli.PIPELINE_MODULE", FAKE)
    parser = argparse.ArgumentParser(prog="packetcheck")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_cli_exit_codes(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-archive"
    assert run_cli(["batch", str(missing), "-o", str(tmp_path / "o1")], monkeypatch) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no-such-archive" in err
    assert run_cli(["batch", str(archive), "-o", str(tmp_path / "o2"), "--workers", "1"], monkeypatch) == 0
    printed = capsys.readouterr().out
    assert "3 done" in printed and "summary.xlsx" in printed
    (archive / "bad").mkdir()
    (archive / "bad" / "x.jpg").write_bytes(b"nope")
    assert run_cli(["batch", str(archive), "-o", str(tmp_path / "o2")], monkeypatch) == 1
    assert "3 skipped" in capsys.readouterr().out


def test_cross_findings_are_replaced_not_piled_up(archive: Path, tmp_path: Path) -> None:
    """The merge itself, with a stand-in checker: rerunning must not duplicate the findings."""
    from schemas import Finding, Severity
    from service.batch.finalize import apply_cross_findings, load_reports
    from service.batch.store import SubmissionStore

    out = tmp_path / "out"
    batch(archive, out)
    store = SubmissionStore(out)

    def finder(reports: dict[str, Report]) -> dict[str, list[Finding]]:
        return {"sub-0": [Finding(code=FindingCode.DUPLICATE_ACROSS_SUBMISSIONS, severity=Severity.WARNING,
                                  field="id_number", message="同一身份证号出现在 sub-1")]}

    for _ in range(2):
        assert apply_cross_findings(store, load_reports(store), finder) == 1
    report = Report.model_validate_json((out / "sub-0" / REPORT_NAME).read_bytes())
    assert [f.code for f in report.findings].count(FindingCode.DUPLICATE_ACROSS_SUBMISSIONS) == 1
    assert [c.status for c in report.checks if c.code is FindingCode.DUPLICATE_ACROSS_SUBMISSIONS] == ["ran"]
    assert apply_cross_findings(store, load_reports(store), lambda reports: {}) == 0
    report = Report.model_validate_json((out / "sub-0" / REPORT_NAME).read_bytes())
    assert FindingCode.DUPLICATE_ACROSS_SUBMISSIONS not in [f.code for f in report.findings]


def test_duplicate_id_across_two_submissions_is_found(tmp_path: Path) -> None:
    pytest.importorskip("extractor.checks.cross_submission", exc_type=ImportError)
    archive = tmp_path / "archive"
    make_submission(archive, "a", "甲公司", "11010519491231002X")
    make_submission(archive, "b", "乙公司", "11010519491231002X")
    make_submission(archive, "c", "丙公司", "440106199001010016")
    out = tmp_path / "out"
    result = batch(archive, out)
    assert result.duplicate_findings >= 2
    codes = {name: [f.code for f in Report.model_validate_json((out / name / REPORT_NAME).read_bytes()).findings]
             for name in "abc"}
    assert FindingCode.DUPLICATE_ACROSS_SUBMISSIONS in codes["a"]
    assert FindingCode.DUPLICATE_ACROSS_SUBMISSIONS in codes["b"]
    assert FindingCode.DUPLICATE_ACROSS_SUBMISSIONS not in codes["c"]
    # a resumed run recomputes across all reports of OUT_DIR and keeps exactly the same findings
    again = batch(archive, out)
    assert set(statuses(again).values()) == {OutcomeStatus.SKIPPED}
    assert again.duplicate_findings == result.duplicate_findings


def test_out_dir_inside_the_archive_is_not_a_submission(archive: Path) -> None:
    result = batch(archive, archive / "results")
    assert sorted(statuses(result)) == ["sub-0", "sub-1", "sub-2"]
    assert sorted(statuses(batch(archive, archive / "results")).values()) == [OutcomeStatus.SKIPPED] * 3


def test_a_second_batch_on_the_same_out_dir_is_refused(archive: Path, tmp_path: Path) -> None:
    from extractor.errors import InputError
    from service.batch.store import exclusive_out_dir

    with exclusive_out_dir(tmp_path / "out"), pytest.raises(InputError, match="another batch"):
        batch(archive, tmp_path / "out")
    assert set(statuses(batch(archive, tmp_path / "out")).values()) == {OutcomeStatus.DONE}


def test_zip_bombs_and_links_are_refused(tmp_path: Path) -> None:
    from extractor.errors import InputError
    from service.batch.safezip import ZipLimits, extract_zip

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("page.png", b"\0" * 5_000_000)
    with pytest.raises(InputError, match="zip bomb"):
        extract_zip(bomb, tmp_path / "x")
    with pytest.raises(InputError, match="larger than"):
        extract_zip(bomb, tmp_path / "y", ZipLimits(max_member_bytes=1024 ** 2, max_ratio=1e9))
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as packed:
        info = zipfile.ZipInfo("evil.png")
        info.external_attr = (0o120777 << 16)
        packed.writestr(info, "/etc/passwd")
    with pytest.raises(InputError, match="symbolic link"):
        extract_zip(link, tmp_path / "z")
    assert not list((tmp_path / "z").rglob("*")) if (tmp_path / "z").exists() else True


def test_unreachable_cluster_is_one_line_and_exit_2(archive: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from service.batch.loopback import free_port

    monkeypatch.setattr("service.batch.executors.CLUSTER_CONNECT_TIMEOUT", "2s")
    address = f"tcp://127.0.0.1:{free_port()}"
    assert run_cli(["batch", str(archive), "-o", str(tmp_path / "out"), "--cluster", address], monkeypatch) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("packetcheck batch:") and "\n" not in err
    assert not list((tmp_path / "out").glob(f"*/{REPORT_NAME}"))


@pytest.mark.parametrize("workers, pending, expected", [
    (1, 20, (1, 1)),   # one worker: one core, however many submissions wait
    (2, 20, (1, 1)),   # two at once, one core each
    (2, 1, (2, 1)),    # a binder alone gets the idle worker's core for its pages
    (8, 2, (4, 1)),
    (4, 3, (1, 1)),
])
def test_each_worker_is_one_core_and_idle_cores_go_to_the_pages_of_the_binders_running(
        tmp_path: Path, workers: int, pending: int, expected: tuple[int, int]) -> None:
    from service.batch.runner import _analyze_options

    options = _analyze_options(BatchConfig(archive_dir=tmp_path, out_dir=tmp_path / "out", workers=workers), pending)
    assert (options.page_workers, options.ocr_threads) == expected
    clustered = _analyze_options(BatchConfig(archive_dir=tmp_path, out_dir=tmp_path / "out", cluster="tcp://h:1"), 1)
    assert (clustered.page_workers, clustered.ocr_threads) == (1, 1)


def test_the_largest_submissions_are_started_first(tmp_path: Path) -> None:
    from service.batch.discover import FileFingerprint
    from service.batch.runner import largest_first
    from service.batch.store import InputsRecord
    from service.batch.task import SubmissionTask

    sizes = {"a-small": [10, 5], "b-large": [9000], "c-medium": [400, 400]}
    records = {name: InputsRecord(digest=name, pipeline_version="1", files=tuple(
        FileFingerprint(name=f"f{i}", size=size, mtime_ns=0, sha256="0" * 64) for i, size in enumerate(files)))
        for name, files in sizes.items()}
    tasks = [SubmissionTask(name=name, source=tmp_path, is_zip=False, files=(), options=AnalyzeOptions(),
                            pipeline_version="1") for name in sizes]
    assert [task.name for task in largest_first(tasks, records)] == ["b-large", "c-medium", "a-small"]


def test_idle_workers_read_pages_of_the_last_submission_and_the_reports_stay_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SECONDS_PER_PAGE", "0.4")
    archive = tmp_path / "archive"
    for page in range(10):  # the largest: started first, still reading when the queue is empty
        fake.write_page(archive / "big" / f"page-{page:02d}.png", "diploma", certificate_no=f"N{page}")
    for name in ("small-1", "small-2"):
        fake.write_page(archive / name / "page.png", "id_card", id_number="440106199001010010")

    helped = batch(archive, tmp_path / "two", workers=2)
    assert helped.helped_pages >= 1
    assert sorted(row.name for row in helped.rows) == ["big", "small-1", "small-2"]
    assert not (tmp_path / "two" / ".shared-pages").exists()
    monkeypatch.setenv("FAKE_SECONDS_PER_PAGE", "0.01")
    alone = batch(archive, tmp_path / "one", workers=1)
    assert alone.helped_pages == 0
    for name in ("big", "small-1", "small-2"):
        assert (tmp_path / "two" / name / REPORT_NAME).read_bytes() == (tmp_path / "one" / name / REPORT_NAME).read_bytes()
