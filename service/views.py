"""Turning rows into the API's public models, and the list query with its filters."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from service import jobs
from service.api_models import (
    AuditEventPublic,
    DecisionPublic,
    FilePublic,
    JobPublic,
    SubmissionPublic,
)
from service.auth import Principal
from service.districts import District, district_name
from service.models import AuditEvent, Decision, JobStatus, ReviewStatus, Submission, SubmissionFile, User


def submission_public(session: Session, submission: Submission) -> SubmissionPublic:
    uploader = session.get(User, submission.uploaded_by)
    job = jobs.latest_job(session, submission.id)
    files = session.scalars(
        select(SubmissionFile)
        .where(SubmissionFile.submission_id == submission.id)
        .order_by(SubmissionFile.position)
    )
    return SubmissionPublic(
        id=submission.id,
        label=submission.label,
        district=District(submission.district),
        district_name=district_name(submission.district),
        submission_date=submission.submission_date,
        created_at=submission.created_at,
        uploaded_by=uploader.username if uploader else "",
        status=JobStatus(submission.status),
        review_status=ReviewStatus(submission.review_status),
        error_count=submission.error_count,
        warning_count=submission.warning_count,
        entity_name=submission.entity_name,
        duplicate_of=submission.duplicate_of,
        files=[
            FilePublic(
                index=f.position,
                name=f.safe_name,
                original_name=f.original_name,
                kind=f.kind,
                size=f.size,
                sha256=f.sha256,
                page_count=f.page_count,
            )
            for f in files
        ],
        job=None
        if job is None
        else JobPublic(
            status=JobStatus(job.status),
            attempts=job.attempts,
            error=job.error,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
        ),
    )


@dataclass(frozen=True)
class ListFilter:
    district: District | None = None
    status: JobStatus | None = None
    review_status: ReviewStatus | None = None
    has_errors: bool | None = None


def filtered(principal: Principal, wanted: ListFilter) -> Select[tuple[Submission]]:
    query = select(Submission)
    if not principal.city_wide:
        query = query.where(Submission.district == principal.district)
    if wanted.district is not None:
        query = query.where(Submission.district == wanted.district.value)
    if wanted.status is not None:
        query = query.where(Submission.status == wanted.status.value)
    if wanted.review_status is not None:
        query = query.where(Submission.review_status == wanted.review_status.value)
    if wanted.has_errors is True:
        query = query.where(Submission.error_count > 0)
    elif wanted.has_errors is False:
        query = query.where(Submission.error_count == 0)
    return query


def page_of(
    session: Session, query: Select[tuple[Submission]], limit: int, offset: int
) -> tuple[list[Submission], int]:
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Submission.created_at.desc(), Submission.id).limit(limit).offset(offset)
    )
    return list(rows), total


def decisions_public(session: Session, submission_id: str) -> list[DecisionPublic]:
    rows = session.scalars(
        select(Decision).where(Decision.submission_id == submission_id).order_by(Decision.id)
    )
    return [
        DecisionPublic(
            id=d.id,
            finding_index=d.finding_index,
            verdict=d.verdict,
            comment=d.comment,
            username=d.user.username,
            created_at=d.created_at,
        )
        for d in rows
    ]


def audit_public(events: list[AuditEvent]) -> list[AuditEventPublic]:
    return [
        AuditEventPublic(
            id=e.id, username=e.username, action=e.action, detail=_detail(e.detail), created_at=e.created_at
        )
        for e in events
    ]


def _detail(text: str) -> dict[str, object]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}
