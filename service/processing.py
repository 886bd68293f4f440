"""Run the pipeline on one stored submission and keep its report.

The worker calls `process_submission`; the pipeline function is named in the settings
("module:function") so that tests can put a fake pipeline in its place.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from schemas import Report, Severity
from service.context import ServiceContext
from service.models import IdentityKey, StoredReport, Submission, SubmissionFile

log = logging.getLogger(__name__)
Analyze = Callable[..., Report]


def load_pipeline(spec: str) -> tuple[Analyze, type[Any]]:
    """The analyze function and its AnalyzeOptions class, from "module:function"."""
    module_name, _, function_name = spec.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, function_name or "analyze"), module.AnalyzeOptions


def run_pipeline(ctx: ServiceContext, submission_id: str) -> Report:
    """Materialise the stored files under their safe names in a private folder and analyse them."""
    with ctx.sessions() as session:
        submission = session.get(Submission, submission_id)
        if submission is None:
            raise LookupError(f"submission {submission_id} is gone")
        files = list(
            session.scalars(
                select(SubmissionFile)
                .where(SubmissionFile.submission_id == submission_id)
                .order_by(SubmissionFile.position)
            )
        )
        label, submission_date = submission.label, submission.submission_date
    analyze, options_class = load_pipeline(ctx.settings.pipeline)
    wanted = {
        "ocr_cache_dir": ctx.settings.ocr_cache_dir,
        "submission_date": submission_date,
        "page_workers": ctx.settings.page_workers,
        "limits": _pipeline_limits(ctx),
    }
    options = options_class(
        **{k: v for k, v in wanted.items() if k in options_class.model_fields and v is not None}
    )
    workdir = Path(tempfile.mkdtemp(prefix=f"job-{submission_id}-", dir=ctx.settings.data_dir))
    try:
        paths = [_materialise(ctx, workdir, stored) for stored in files]
        report = analyze(paths, options, submission=label)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if not isinstance(report, Report):
        report = Report.model_validate(report)
    return report


def _pipeline_limits(ctx: ServiceContext) -> object | None:
    """The service's upload limits, handed on so the pipeline enforces the same ones."""
    try:
        from extractor.options import InputLimits
    except ImportError:
        return None
    settings = ctx.settings
    return InputLimits(
        max_file_bytes=settings.max_file_bytes,
        max_pages=settings.max_pages,
        max_page_pixels=settings.max_image_pixels,
        max_unzipped_bytes=settings.max_unzipped_bytes,
    )


def _materialise(ctx: ServiceContext, workdir: Path, stored: SubmissionFile) -> Path:
    """A hard link (same disk, no copy) named as the report must name it; a copy elsewhere.

    Not a symlink: the pipeline may resolve paths, and would then report the blob's hash name."""
    target = workdir / stored.safe_name
    try:
        os.link(ctx.store.path_of(stored.sha256), target)
    except OSError:
        shutil.copyfile(ctx.store.path_of(stored.sha256), target)
    return target


def entity_name_of(report: Report) -> str | None:
    field = report.application.fields.get("entity_name")
    if field is not None:
        return str(field.value)
    for document in report.documents:
        if "entity_name" in document.fields:
            return str(document.fields["entity_name"].value)
    return None


def identity_keys_of(report: Report) -> Sequence[str]:
    """Keys for cross-submission duplicates, from the colleague's check when it is installed."""
    try:
        from extractor.checks.cross_submission import identity_keys
    except ImportError:
        return []
    return sorted({f"{key.kind}:{key.doc_type}:{key.value}"[:200] for key in identity_keys(report)})


def warm_page_images(ctx: ServiceContext, submission_id: str, report: Report, max_pages: int = 300) -> int:
    """Render the page images the reviewer page will ask for, so it opens without waiting.

    Best effort after the job is done: a failure here only means the first view renders it."""
    from service.page_images import NoPageImage, page_png

    rotation_of = {(p.file, p.page): p.rotation for p in report.pages}
    with ctx.sessions() as session:
        files = list(
            session.scalars(select(SubmissionFile).where(SubmissionFile.submission_id == submission_id))
        )
    rendered = 0
    settings = ctx.settings
    for stored in files:
        for page in range(1, stored.page_count + 1):
            if rendered >= max_pages or stored.kind in ("docx", "xlsx"):
                break
            try:
                page_png(
                    ctx.store.path_of(stored.sha256),
                    stored.kind,
                    stored.sha256,
                    page,
                    rotation_of.get((stored.safe_name, page), 0),
                    settings.page_image_dpi,
                    settings.cache_dir,
                    settings.max_image_pixels,
                )
                rendered += 1
            except (NoPageImage, Exception) as error:  # noqa: BLE001 - best effort by design
                log.warning("page image %s p%s not rendered: %s", stored.safe_name, page, error)
    return rendered


def store_report(session: Any, submission: Submission, report: Report) -> None:
    """Keep the report (plus any duplicate findings against the district's other submissions)."""
    from service.duplicates import add_duplicate_findings

    report = add_duplicate_findings(session, submission, report)
    report_json = report.model_dump_json()
    existing = session.get(StoredReport, submission.id)
    if existing is None:
        session.add(StoredReport(submission_id=submission.id, report_json=report_json))
    else:
        existing.report_json = report_json
    submission.error_count = report.count(Severity.ERROR)
    submission.warning_count = report.count(Severity.WARNING)
    name = entity_name_of(report)
    submission.entity_name = name[:300] if name else None
    session.execute(delete(IdentityKey).where(IdentityKey.submission_id == submission.id))
    for key in identity_keys_of(report):
        session.add(IdentityKey(submission_id=submission.id, key=key))
