"""`packetcheck batch` as a library call: discover → skip current → run the rest → finalise.

    result = run_batch(BatchConfig(archive_dir=..., out_dir=..., workers=2))

One ordered list of stages; each stage lives in its own module of this package.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rich.console import Console

from extractor.errors import InputError
from extractor.options import AnalyzeOptions
from schemas import Report, Severity
from service.batch.discover import Submission, discover, fingerprint_files, inputs_digest
from service.batch.executors import run_dask, run_local
from service.batch.finalize import apply_cross_findings, load_cross_finder, load_reports, write_summary
from service.batch.progress import BatchProgress, OutcomeRow, OutcomeStatus, outcome_table
from service.batch.store import ErrorRecord, InputsRecord, SubmissionStore, exclusive_out_dir
from service.batch.task import DEFAULT_PIPELINE, SubmissionTask, TaskOutcome, pipeline_version


class BatchConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    archive_dir: Path
    out_dir: Path
    workers: int = Field(default=1, ge=1, le=256)  # worker processes, one core each
    cluster: str | None = None  # a Dask scheduler address, e.g. tcp://10.0.0.5:8786
    # processes per binder for its pages; None = the idle workers' cores (1 on a cluster)
    page_workers: int | None = Field(default=None, ge=1, le=64)
    ocr_cache_dir: Path | None = None  # None = OUT_DIR/.cache/ocr
    pipeline_module: str = DEFAULT_PIPELINE


class BatchResult(BaseModel):
    rows: list[OutcomeRow]
    elapsed: float
    duplicate_findings: int
    summary_path: Path
    peak_rss_mib: float = 0.0  # the largest worker high-water mark seen
    cpu_seconds: float = 0.0  # summed over the tasks run (workers and their page workers)
    helped_pages: int = 0  # pages idle workers read for submissions still running

    @property
    def failed(self) -> list[OutcomeRow]:
        return [row for row in self.rows if row.status is OutcomeStatus.FAILED]


def _page_workers(config: BatchConfig, pending: int) -> int:
    """The cores of idle workers, shared by the busy ones' pages: a binder alone gets them all."""
    if config.page_workers is not None:
        return config.page_workers
    if config.cluster is not None:
        return 1  # Dask worker processes are daemonic and may not start their own pools
    return max(1, config.workers // _busy(config, pending))


def _busy(config: BatchConfig, pending: int) -> int:
    return max(1, min(config.workers, pending))


def _analyze_options(config: BatchConfig, pending: int) -> AnalyzeOptions:
    """Each worker stands for one core (`--workers N` uses N cores, as `make -j N` or OCRmyPDF's
    `--jobs N` do): one OCR thread per page-reading process, more only where idle workers leave
    cores over. A cluster scales by its worker processes, one per core (`dask worker --nthreads 1`)."""
    cache = config.ocr_cache_dir or config.out_dir / ".cache" / "ocr"
    page_workers = _page_workers(config, pending)
    threads = 1 if config.cluster is not None else max(1, config.workers // (_busy(config, pending) * page_workers))
    return AnalyzeOptions(ocr_cache_dir=cache.resolve(), page_workers=page_workers, ocr_threads=threads)


def _plan(config: BatchConfig, store: SubmissionStore, submissions: Sequence[Submission],
          version: str) -> tuple[list[SubmissionTask], dict[str, InputsRecord], list[OutcomeRow]]:
    """Tasks for the submissions whose inputs or pipeline changed; rows for the rest."""
    pending: list[Submission] = []
    records: dict[str, InputsRecord] = {}
    rows: list[OutcomeRow] = []
    seen: set[str] = set()
    for submission in submissions:
        if submission.name in seen:
            rows.append(OutcomeRow(name=submission.name, status=OutcomeStatus.FAILED,
                                   message=f"{submission.source.name}: another submission has this name"))
            continue
        seen.add(submission.name)
        marker = store.read_marker(submission.name)
        known = {item.name: item for item in marker.files} if marker is not None else None
        prints = fingerprint_files(submission, known)
        digest = inputs_digest(prints, version)
        record = InputsRecord(digest=digest, pipeline_version=version, files=tuple(prints))
        if store.is_current(submission.name, digest):
            if marker is not None and marker.digest == digest and marker.files != record.files:
                store.write_marker(submission.name, record)  # touched, not changed: re-stat, not re-read
            rows.append(_skipped_row(store, submission.name))
            continue
        records[submission.name] = record
        pending.append(submission)
    options = _analyze_options(config, len(pending))
    tasks = [SubmissionTask(
        name=submission.name, source=submission.source.resolve(), is_zip=submission.is_zip,
        files=tuple(path.resolve() for path in submission.files),
        options=_shared_pages(config, store, options, submission.name),
        pipeline_version=version, pipeline_module=config.pipeline_module,
    ) for submission in pending]
    return largest_first(tasks, records), records, rows


def _shared_pages(config: BatchConfig, store: SubmissionStore, options: AnalyzeOptions,
                  name: str) -> AnalyzeOptions:
    """A worker reading its binder alone lets idle workers help with its pages at the end of the
    batch (extractor/page_sharing); page workers of its own already use the idle cores."""
    if options.page_workers > 1 or (config.cluster is None and config.workers < 2):
        return options
    return options.model_copy(update={"page_share_dir": store.shared_pages_dir(name)})


def largest_first(tasks: Sequence[SubmissionTask], records: Mapping[str, InputsRecord]) -> list[SubmissionTask]:
    """The tasks by the bytes of their files, largest first: a big binder started last keeps one
    worker busy while the others have nothing left to do (bytes stand in for pages, unknown yet)."""
    return sorted(tasks, key=lambda task: -sum(item.size for item in records[task.name].files))


def _skipped_row(store: SubmissionStore, name: str) -> OutcomeRow:
    report = store.read_report(name)
    if report is None:
        error = store.read_error(name)
        return OutcomeRow(name=name, status=OutcomeStatus.FAILED,
                          message=f"(unchanged input) {error.message if error else ''}")
    return OutcomeRow(name=name, status=OutcomeStatus.SKIPPED, pages=len(report.pages),
                      errors=report.count(Severity.ERROR), warnings=report.count(Severity.WARNING))


def _record(store: SubmissionStore, outcome: TaskOutcome, record: InputsRecord) -> OutcomeRow:
    if outcome.ok and outcome.report_json is not None:
        store.save_report(outcome.name, outcome.report_json, record)
        # finding counts are filled in after the cross-submission merge (_refresh_counts)
        return OutcomeRow(name=outcome.name, status=OutcomeStatus.DONE, pages=outcome.pages,
                          seconds=outcome.seconds, worker=outcome.worker)
    store.save_error(ErrorRecord(
        submission=outcome.name, digest=record.digest, error_type=outcome.error_type or "Error",
        message=outcome.message or "", permanent=outcome.permanent, traceback=outcome.traceback,
    ))
    return OutcomeRow(name=outcome.name, status=OutcomeStatus.FAILED, seconds=outcome.seconds,
                      message=f"{outcome.error_type}: {outcome.message}", worker=outcome.worker)


def _execute(config: BatchConfig, tasks: Sequence[SubmissionTask]) -> Iterator[TaskOutcome]:
    if not tasks:
        return iter(())
    if config.cluster is not None:
        return run_dask(tasks, config.cluster)
    return run_local(tasks, min(config.workers, len(tasks)))


def run_batch(config: BatchConfig, console: Console | None = None) -> BatchResult:
    console = console or Console()
    started = time.monotonic()
    if config.out_dir.exists() and not config.out_dir.is_dir():
        raise InputError(f"{config.out_dir}: exists and is not a folder")
    submissions = discover(config.archive_dir, exclude=config.out_dir)
    with exclusive_out_dir(config.out_dir):
        return _run_locked(config, console, submissions, started)


def _run_locked(config: BatchConfig, console: Console, submissions: Sequence[Submission],
                started: float) -> BatchResult:
    store = SubmissionStore(config.out_dir)
    store.clear_shared_pages()  # what a killed run left
    version = pipeline_version(config.pipeline_module)
    with console.status(f"fingerprinting {len(submissions)} submissions …"):
        tasks, records, rows = _plan(config, store, submissions, version)
    peak = cpu = 0.0
    helped = 0
    with BatchProgress(console, total=len(tasks)) as progress:
        for outcome in _execute(config, tasks):
            peak = max(peak, outcome.peak_rss_mib)
            cpu += outcome.cpu_seconds
            if outcome.helper:
                helped += outcome.pages  # counted again, and shown, with its submission's outcome
                continue
            rows.append(_record(store, outcome, records[outcome.name]))
            progress.advance(outcome.pages)
    store.clear_shared_pages()
    reports = load_reports(store)
    finder, unavailable = load_cross_finder()
    if finder is None:
        console.print(f"[yellow]warning:[/] duplicate_across_submissions not checked: {unavailable}")
    duplicates = apply_cross_findings(store, reports, finder, unavailable)
    summary_path = write_summary(store, reports)
    rows = _refresh_counts(sorted(rows, key=lambda row: row.name), reports)
    return BatchResult(rows=rows, elapsed=time.monotonic() - started, duplicate_findings=duplicates,
                       summary_path=summary_path, peak_rss_mib=peak, cpu_seconds=cpu, helped_pages=helped)


def _refresh_counts(rows: list[OutcomeRow], reports: Mapping[str, Report]) -> list[OutcomeRow]:
    """Counts after the cross-submission findings were merged in."""
    refreshed = []
    for row in rows:
        report = reports.get(row.name)
        if report is not None and row.status is not OutcomeStatus.FAILED:
            row = row.model_copy(update={"errors": report.count(Severity.ERROR),
                                         "warnings": report.count(Severity.WARNING)})
        refreshed.append(row)
    return refreshed


__all__ = ["BatchConfig", "BatchResult", "outcome_table", "run_batch"]
