"""Reviewer decisions on findings and submissions, and the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, status
from fastapi import Path as PathParam

from service.api_models import (
    AuditEventPublic,
    DecisionPublic,
    ErrorBody,
    FindingDecisionCreate,
    ReviewCreate,
    SubmissionPublic,
)
from service.audit import events_of, record
from service.deps import DB, CurrentUser, Decider, visible_submission
from service.models import Decision, JobStatus
from service.routes.api_submissions import AUTH_ERRORS, NOT_FOUND, load_report
from service.views import audit_public, decisions_public, submission_public

router = APIRouter(prefix="/api/submissions", tags=["review"])


@router.get(
    "/{submission_id}/decisions", response_model=list[DecisionPublic], responses={**AUTH_ERRORS, **NOT_FOUND}
)
def list_decisions(db: DB, principal: CurrentUser, submission_id: str) -> list[DecisionPublic]:
    return decisions_public(db, visible_submission(db, principal, submission_id).id)


@router.post(
    "/{submission_id}/findings/{finding_index}/decision",
    status_code=status.HTTP_201_CREATED,
    response_model=DecisionPublic,
    responses={**AUTH_ERRORS, **NOT_FOUND, 409: {"model": ErrorBody, "description": "no report yet"}},
    summary="Confirm or dismiss one finding (index into report.findings), with a comment",
)
def decide_finding(
    db: DB,
    principal: Decider,
    submission_id: str,
    finding_index: Annotated[int, PathParam(ge=0, le=100_000)],
    body: FindingDecisionCreate,
) -> DecisionPublic:
    submission = visible_submission(db, principal, submission_id)
    report = load_report(db, submission.id)
    if report is None:
        raise HTTPException(status.HTTP_409_CONFLICT, "no report yet")
    if finding_index >= len(report.findings):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such finding")
    finding = report.findings[finding_index]
    decision = Decision(
        submission_id=submission.id,
        finding_index=finding_index,
        verdict=body.verdict.value,
        comment=body.comment,
        user_id=principal.user_id,
    )
    db.add(decision)
    record(
        db,
        principal,
        f"finding_{body.verdict.value}",
        submission.id,
        {
            "finding": finding_index,
            "code": finding.code.value,
            "field": finding.field,
            "comment": body.comment,
        },
    )
    db.flush()
    return DecisionPublic(
        id=decision.id,
        finding_index=finding_index,
        verdict=decision.verdict,
        comment=decision.comment,
        username=principal.username,
        created_at=decision.created_at,
    )


@router.post(
    "/{submission_id}/review",
    response_model=SubmissionPublic,
    responses={**AUTH_ERRORS, **NOT_FOUND, 409: {"model": ErrorBody, "description": "not processed yet"}},
    summary="Mark the submission recommended or returned (or pending again)",
)
def review_submission(db: DB, principal: Decider, submission_id: str, body: ReviewCreate) -> SubmissionPublic:
    submission = visible_submission(db, principal, submission_id)
    if submission.status != JobStatus.DONE.value:
        raise HTTPException(status.HTTP_409_CONFLICT, f"the submission is {submission.status}, not processed")
    submission.review_status = body.status.value
    db.add(
        Decision(
            submission_id=submission.id,
            finding_index=None,
            verdict=body.status.value,
            comment=body.comment,
            user_id=principal.user_id,
        )
    )
    record(db, principal, f"submission_{body.status.value}", submission.id, {"comment": body.comment})
    db.flush()
    return submission_public(db, submission)


@router.get(
    "/{submission_id}/audit", response_model=list[AuditEventPublic], responses={**AUTH_ERRORS, **NOT_FOUND}
)
def get_audit(db: DB, principal: CurrentUser, submission_id: str) -> list[AuditEventPublic]:
    return audit_public(events_of(db, visible_submission(db, principal, submission_id).id))
