"""Accepting a submission: store every file, inspect it, then record submission + job at once.

The caller answers 202 only after `accept_submission` returns: by then the blobs are fsynced and
the rows committed, so a crash right after the answer loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.errors import InputError, InputTooLargeError, MissingFileError
from service import jobs
from service.audit import record
from service.auth import Principal
from service.context import ServiceContext
from service.db import transaction
from service.inspect_upload import EXTENSION_OF, UploadLimits, inspect_file
from service.models import Submission, SubmissionFile
from service.storage import StoredBlob, safe_file_name


class ForbiddenError(Exception):
    """The principal may not act on this district."""


@dataclass(frozen=True)
class IncomingFile:
    name: str | None
    stream: BinaryIO


@dataclass(frozen=True)
class Accepted:
    submission_id: str
    duplicate: bool  # the same files for the same district and date were already submitted


def clean_label(text: str | None, fallback: str) -> str:
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFKC", text or "") if unicodedata.category(ch)[0] != "C"
    )
    return cleaned.strip()[:200] or fallback


def accept_submission(
    ctx: ServiceContext,
    who: Principal,
    district: str,
    submission_date: dt.date,
    label: str | None,
    files: Sequence[IncomingFile],
) -> Accepted:
    settings = ctx.settings
    if not who.can_see_district(district):
        raise ForbiddenError("officers submit for their own district only")
    if not files:
        raise MissingFileError("no files in the upload")
    if len(files) > settings.max_files:
        raise InputTooLargeError(f"{len(files)} files, more than the {settings.max_files} allowed")
    limits = UploadLimits(
        settings.max_pages, settings.max_image_pixels, settings.max_unzipped_bytes, settings.max_zip_ratio
    )
    stored: list[tuple[StoredBlob, str, str, int, str]] = []
    taken: set[str] = set()
    total_pages = 0
    for position, incoming in enumerate(files, start=1):
        blob = ctx.store.put(incoming.stream, settings.max_file_bytes, incoming.name or f"file {position}")
        display = safe_file_name(incoming.name, position, set())
        try:
            inspected = inspect_file(blob.path, display, limits)
        except InputError:
            # Refused for its own bytes: any other upload of the same bytes is refused too,
            # so the blob can go without checking who else might hold it.
            if blob.created:
                blob.path.unlink(missing_ok=True)
            raise
        total_pages += inspected.page_count
        if total_pages > settings.max_pages:
            raise InputTooLargeError(f"the submission has more than {settings.max_pages} pages")
        name = _with_extension(display, EXTENSION_OF[inspected.kind], position, taken)
        original = (incoming.name or "")[:255]
        stored.append((blob, name, inspected.kind, inspected.page_count, original))
    content_hash = hashlib.sha256("\n".join(sorted(blob.sha256 for blob, *_ in stored)).encode()).hexdigest()
    with transaction(ctx.sessions) as session:
        earlier = _same_content(session, content_hash, district)
        if earlier is not None and earlier.submission_date == submission_date:
            record(session, who, "upload_duplicate", earlier.id, {"files": [n for _, n, *_ in stored]})
            return Accepted(earlier.id, duplicate=True)
        submission_id = uuid.uuid4().hex
        submission = Submission(
            id=submission_id,
            label=clean_label(label, f"{district}-{submission_date.isoformat()}-{submission_id[:6]}"),
            district=district,
            submission_date=submission_date,
            uploaded_by=who.user_id,
            content_hash=content_hash,
            duplicate_of=earlier.id if earlier else None,
        )
        session.add(submission)
        session.flush()  # the file and job rows refer to it
        for position, (blob, name, kind, pages, original) in enumerate(stored, start=1):
            session.add(
                SubmissionFile(
                    submission_id=submission_id,
                    position=position,
                    original_name=original,
                    safe_name=name,
                    sha256=blob.sha256,
                    size=blob.size,
                    kind=kind,
                    page_count=pages,
                )
            )
        jobs.enqueue(session, submission_id)
        record(
            session,
            who,
            "uploaded",
            submission_id,
            {
                "files": [name for _, name, *_ in stored],
                "pages": total_pages,
                "duplicate_of": submission.duplicate_of,
            },
        )
    return Accepted(submission_id, duplicate=False)


_SAME_EXTENSION = {"jpg": {"jpg", "jpeg"}, "tif": {"tif", "tiff"}}


def _with_extension(name: str, extension: str, position: int, taken: set[str]) -> str:
    """The pipeline and people both read the extension: make it tell the truth about the bytes."""
    _, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in _SAME_EXTENSION.get(extension, {extension}):
        name = f"{name}.{extension}"
    return safe_file_name(name, position, taken)


def _same_content(session: Session, content_hash: str, district: str) -> Submission | None:
    return session.scalar(
        select(Submission)
        .where(Submission.content_hash == content_hash, Submission.district == district)
        .order_by(Submission.created_at)
        .limit(1)
    )


__all__ = ["Accepted", "ForbiddenError", "IncomingFile", "InputError", "accept_submission"]
