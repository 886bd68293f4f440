"""The unit of batch work: analyse one submission, on whichever process or machine runs it.

`run_task` is the one function both the local process pool and Dask workers execute. It never
raises for a bad submission: it returns a TaskOutcome carrying either the report JSON or the
error, so one broken binder is an entry in the results, not the end of the batch. It writes
nothing to OUT_DIR; the coordinating process does, so there is a single writer per folder.
"""

from __future__ import annotations

import importlib
import os
import resource
import socket
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from extractor.errors import InputError, MissingFileError
from extractor.options import AnalyzeOptions
from schemas import Report
from service.batch.discover import DOCUMENT_SUFFIXES
from service.batch.malloc import give_back_free_memory, restore_heap_reuse
from service.batch.safezip import ZipLimits, extract_zip, remove_tree
from service.batch.store import dump_report

DEFAULT_PIPELINE = "extractor.pipeline"


class SubmissionTask(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    source: Path
    is_zip: bool
    files: tuple[Path, ...]
    options: AnalyzeOptions
    pipeline_version: str  # what the coordinator fingerprinted; a worker running another refuses
    pipeline_module: str = DEFAULT_PIPELINE
    scratch_dir: Path | None = None  # where a .zip is unpacked; the system temp dir if None
    zip_limits: ZipLimits = ZipLimits()
    # A helper reads pages of a submission that another worker analyses (extractor/page_sharing);
    # its outcome carries no report and is not the submission's.
    helper: bool = False

    def as_helper(self) -> SubmissionTask:
        return self.model_copy(update={"helper": True})

    def alone(self) -> SubmissionTask:
        """The task with no page sharing (a retry in a fresh process)."""
        return self.model_copy(update={"options": self.options.model_copy(update={"page_share_dir": None})})


class TaskOutcome(BaseModel):
    name: str
    ok: bool
    report_json: str | None = None
    pages: int = 0
    seconds: float = 0.0
    error_type: str | None = None
    message: str | None = None
    permanent: bool = False  # the input itself is unusable: retrying the same bytes cannot help
    traceback: str | None = None
    worker: str = ""
    peak_rss_mib: float = 0.0  # high-water mark of the worker process and its page workers
    cpu_seconds: float = 0.0  # CPU of this task in the worker and its page workers: load-independent
    helper: bool = False  # the outcome of a helper: pages read for another worker's submission


def pipeline_version(module_name: str = DEFAULT_PIPELINE) -> str:
    return str(importlib.import_module(module_name).PIPELINE_VERSION)


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mib() -> float:
    """High-water RSS of this process (VmHWM: ru_maxrss would also count the pre-exec copy of a
    big parent) and of its largest finished page worker, in MiB."""
    own_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                own_kib = int(line.split()[1])
    except OSError:
        pass
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own_kib, children_kib) / 1024


def _pipeline(task: SubmissionTask) -> Any:
    module = importlib.import_module(task.pipeline_module)
    running_version = str(module.PIPELINE_VERSION)
    if running_version != task.pipeline_version:
        raise RuntimeError(f"worker runs pipeline {running_version}, the batch expects "
                           f"{task.pipeline_version}: update the worker's installation")
    return module


def _analyze(task: SubmissionTask, files: list[Path]) -> Report:
    module = _pipeline(task)
    if not files:
        raise MissingFileError(f"{task.name}: no PDF, image, .docx or .xlsx file in the submission")
    report: Report = module.analyze(files, task.options, submission=task.name)
    return report


def _help(task: SubmissionTask, files: list[Path]) -> int:
    """Pages read for the submission's own worker; a pipeline without page sharing reads none."""
    module = _pipeline(task)
    help_read = getattr(module, "help_read", None)
    return int(help_read(files, task.options)) if help_read is not None and files else 0


def keep_to_cores(threads: int) -> None:
    """OpenCV spreads image work over every core by default: a batch worker of one core used 1.1
    cores alone and slowed its neighbour down. Set in the worker before it starts any page
    workers, which inherit it (changing OpenCV's threads in a forked child whose parent had
    started them hangs)."""
    import cv2

    if cv2.getNumThreads() != threads:
        cv2.setNumThreads(threads)


def run_task(task: SubmissionTask) -> TaskOutcome:
    restore_heap_reuse()  # a Dask worker's environment starves the allocator (service/batch/malloc.py)
    keep_to_cores(task.options.ocr_threads or 1)
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    scratch: Path | None = None
    try:
        files = list(task.files)
        if task.is_zip:
            scratch = Path(tempfile.mkdtemp(prefix=f"packetcheck-{task.name}-", dir=task.scratch_dir))
            files = extract_zip(task.source, scratch, task.zip_limits)
            files = [path for path in files if _is_document(path)]
        if task.helper:
            return TaskOutcome(name=task.name, ok=True, helper=True, pages=_help(task, files),
                               seconds=time.perf_counter() - started, worker=worker,
                               peak_rss_mib=_peak_rss_mib(), cpu_seconds=_cpu_seconds() - cpu_started)
        report = _analyze(task, files)
        return TaskOutcome(name=task.name, ok=True, report_json=dump_report(report), pages=len(report.pages),
                           seconds=time.perf_counter() - started, worker=worker,
                           peak_rss_mib=_peak_rss_mib(), cpu_seconds=_cpu_seconds() - cpu_started)
    except Exception as exc:  # noqa: BLE001 — any failure of one submission becomes its error entry
        return TaskOutcome(
            name=task.name, ok=False, seconds=time.perf_counter() - started, worker=worker,
            error_type=type(exc).__name__, message=_one_line(exc), permanent=isinstance(exc, InputError),
            helper=task.helper,
            traceback=None if isinstance(exc, InputError) else traceback.format_exc(),
            peak_rss_mib=_peak_rss_mib(), cpu_seconds=_cpu_seconds() - cpu_started,
        )
    finally:
        if scratch is not None:
            remove_tree(scratch)
        give_back_free_memory()


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith(".")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:500]
