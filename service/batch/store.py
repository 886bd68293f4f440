"""The batch's output folder: one folder per submission, every file written atomically.

Layout of OUT_DIR/<name>/:
  report.json     the Report (with the cross-submission findings merged in after the batch)
  .inputs.sha256  the inputs digest + per-file hashes; written LAST, so it vouches for report.json
  error.json      instead of a report when the submission could not be processed

Killing the batch at any moment leaves each file either old or new, never half written; a
submission whose marker does not match its current inputs is simply done again.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from extractor.errors import InputError

from schemas import Report
from service.batch.discover import FileFingerprint
from service.batch.safezip import remove_tree
from service.atomic import write_text_atomic as atomic_write_text

REPORT_NAME = "report.json"
MARKER_NAME = ".inputs.sha256"
ERROR_NAME = "error.json"
LOCK_NAME = ".batch.lock"
SHARED_PAGES_NAME = ".shared-pages"  # pages read by idle workers for a running submission


@contextmanager
def exclusive_out_dir(out_dir: Path) -> Iterator[None]:
    """One batch writes to an OUT_DIR at a time. flock, so a killed run never leaves it locked."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_NAME).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(f"{out_dir}: another batch is writing to this folder") from exc
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class InputsRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    digest: str
    pipeline_version: str
    files: tuple[FileFingerprint, ...]

    def to_text(self) -> str:
        # sha256sum-like so a person can check it by eye; the name is last as it may hold spaces
        lines = [f"{self.digest}  pipeline={self.pipeline_version}"]
        lines += [f"{item.sha256}  {item.size}  {item.mtime_ns}  {item.name}" for item in self.files]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> InputsRecord:
        head, *rest = text.splitlines()
        digest, _, version = head.partition("  pipeline=")
        files = []
        for line in rest:
            sha, size, mtime, name = line.split("  ", 3)
            files.append(FileFingerprint(name=name, size=int(size), mtime_ns=int(mtime), sha256=sha))
        return cls(digest=digest, pipeline_version=version, files=tuple(files))


class ErrorRecord(BaseModel):
    """Why a submission has no report. `permanent` errors (bad input) are not retried while the
    inputs stay the same; others (a worker that died, a bug) are retried on the next run."""

    submission: str
    digest: str
    error_type: str
    message: str
    permanent: bool
    traceback: str | None = None


class SubmissionStore:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def folder(self, name: str) -> Path:
        return self.out_dir / name

    def shared_pages_dir(self, name: str) -> Path:
        """Where helpers hand over pages of `name` while it runs (extractor/page_sharing)."""
        return self.out_dir.resolve() / SHARED_PAGES_NAME / name

    def clear_shared_pages(self) -> None:
        remove_tree(self.out_dir / SHARED_PAGES_NAME)

    def read_marker(self, name: str) -> InputsRecord | None:
        try:
            return InputsRecord.from_text((self.folder(name) / MARKER_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError, ValidationError):
            return None

    def read_report(self, name: str) -> Report | None:
        try:
            return Report.model_validate_json((self.folder(name) / REPORT_NAME).read_bytes())
        except (OSError, ValueError):
            return None

    def read_error(self, name: str) -> ErrorRecord | None:
        try:
            return ErrorRecord.model_validate_json((self.folder(name) / ERROR_NAME).read_bytes())
        except (OSError, ValueError):
            return None

    def is_current(self, name: str, digest: str) -> bool:
        """Done before with these very inputs: a valid report, or a permanent input error."""
        marker = self.read_marker(name)
        if marker is not None and marker.digest == digest:
            return self.read_report(name) is not None
        error = self.read_error(name)
        return error is not None and error.permanent and error.digest == digest

    def remove_stale_temps(self, name: str) -> None:
        """Temp files a killed run left behind; the file they were replacing is intact."""
        for leftover in self.folder(name).glob(".*.tmp"):
            leftover.unlink(missing_ok=True)

    def save_report(self, name: str, report_json: str, record: InputsRecord) -> None:
        folder = self.folder(name)
        self.remove_stale_temps(name)
        atomic_write_text(folder / REPORT_NAME, report_json)
        (folder / ERROR_NAME).unlink(missing_ok=True)
        atomic_write_text(folder / MARKER_NAME, record.to_text())

    def write_marker(self, name: str, record: InputsRecord) -> None:
        atomic_write_text(self.folder(name) / MARKER_NAME, record.to_text())

    def save_error(self, error: ErrorRecord) -> None:
        folder = self.folder(error.submission)
        self.remove_stale_temps(error.submission)
        # the old report described other inputs: drop it rather than let it pass for current
        (folder / MARKER_NAME).unlink(missing_ok=True)
        (folder / REPORT_NAME).unlink(missing_ok=True)
        atomic_write_text(folder / ERROR_NAME, error.model_dump_json(indent=2))

    def rewrite_report(self, report: Report) -> None:
        atomic_write_text(self.folder(report.submission) / REPORT_NAME, dump_report(report))

    def names(self) -> list[str]:
        """Every submission folder of OUT_DIR that holds a report or an error entry."""
        if not self.out_dir.is_dir():
            return []
        return sorted(
            entry.name for entry in self.out_dir.iterdir()
            if entry.is_dir() and not entry.name.startswith(".")
            and ((entry / REPORT_NAME).is_file() or (entry / ERROR_NAME).is_file())
        )


def dump_report(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
