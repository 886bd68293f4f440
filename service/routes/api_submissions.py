"""/api/submissions: upload, list, read, report, page images."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Response, UploadFile, status
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select

from schemas import Report
from service.api_models import ErrorBody, SubmissionPage, SubmissionPublic
from service.db import transaction
from service.deps import DB, CurrentUser, State, visible_submission
from service.districts import District
from service.models import JobStatus, ReviewStatus, StoredReport, SubmissionFile
from service.page_images import NoPageImage, page_png
from service.submissions import IncomingFile, accept_submission
from service.views import ListFilter, filtered, page_of, submission_public

router = APIRouter(prefix="/api/submissions", tags=["submissions"])

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "not logged in / bad token"},
    403: {"model": ErrorBody, "description": "the role may not do this"},
}


def unprocessable(description: str) -> dict[str, Any]:
    """422 from FastAPI's validation (a list of errors) or from our own rules (one sentence)."""
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [
                        {"$ref": "#/components/schemas/HTTPValidationError"},
                        {"$ref": "#/components/schemas/ErrorBody"},
                    ]
                }
            }
        },
    }


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such submission, or another district's"},
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SubmissionPublic,
    responses={
        **AUTH_ERRORS,
        200: {
            "model": SubmissionPublic,
            "description": "the same files were already submitted: that submission",
        },
        400: {"model": ErrorBody, "description": "the multipart body cannot be parsed"},
        413: {"model": ErrorBody, "description": "too large: bytes, pages, pixels or unpacked size"},
        422: unprocessable(
            "a form field failed validation, or a file is not usable (type, corrupt, encrypted)"
        ),
    },
    summary="Upload one submission's files; answered once files and job are durably stored",
)
def create_submission(
    state: State,
    principal: CurrentUser,
    response: Response,
    files: Annotated[list[UploadFile], File(description="PDF, PNG, JPEG, TIFF, BMP, DOCX, XLSX")],
    district: Annotated[District, Form()],
    submission_date: Annotated[dt.date, Form(description="day the binder was handed in")],
    label: Annotated[str | None, Form(max_length=200, description="submission name shown in reports")] = None,
) -> SubmissionPublic:
    incoming = [IncomingFile(upload.filename, upload.file) for upload in files]
    accepted = accept_submission(state.ctx, principal, district.value, submission_date, label, incoming)
    if accepted.duplicate:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/api/submissions/{accepted.submission_id}"
    with transaction(state.ctx.sessions) as session:
        return submission_public(session, visible_submission(session, principal, accepted.submission_id))


@router.get(
    "", response_model=SubmissionPage, responses=AUTH_ERRORS, summary="Submissions the caller may see"
)
def list_submissions(
    db: DB,
    principal: CurrentUser,
    district: District | None = None,
    job_status: Annotated[JobStatus | None, Query(alias="status")] = None,
    review_status: ReviewStatus | None = None,
    has_errors: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SubmissionPage:
    if district is not None and not principal.can_see_district(district.value):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "officers see their own district only")
    query = filtered(principal, ListFilter(district, job_status, review_status, has_errors))
    rows, total = page_of(db, query, limit, offset)
    return SubmissionPage(
        items=[submission_public(db, row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.get("/{submission_id}", response_model=SubmissionPublic, responses={**AUTH_ERRORS, **NOT_FOUND})
def get_submission(db: DB, principal: CurrentUser, submission_id: str) -> SubmissionPublic:
    return submission_public(db, visible_submission(db, principal, submission_id))


@router.get(
    "/{submission_id}/report",
    response_class=Response,
    responses={
        200: {
            "model": Report,
            "description": "the report JSON of SPEC.md, exactly as the pipeline produced it",
        },
        **AUTH_ERRORS,
        **NOT_FOUND,
        409: {"model": ErrorBody, "description": "not processed yet, or processing failed"},
    },
)
def get_report(db: DB, principal: CurrentUser, submission_id: str) -> Response:
    submission = visible_submission(db, principal, submission_id)
    stored = db.get(StoredReport, submission.id)
    if stored is None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"no report yet: the submission is {submission.status}")
    return Response(stored.report_json, media_type="application/json")


def load_report(db: DB, submission_id: str) -> Report | None:
    stored = db.get(StoredReport, submission_id)
    return None if stored is None else Report.model_validate(json.loads(stored.report_json))


@router.get(
    "/{submission_id}/files/{file_index}/pages/{page}",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}, "description": "the page, upright"},
        **AUTH_ERRORS,
        **NOT_FOUND,
    },
    summary="One page of an uploaded file as PNG, turned upright like the report's boxes",
)
async def get_page_image(
    state: State,
    principal: CurrentUser,
    submission_id: str,
    file_index: Annotated[int, PathParam(ge=1, le=10_000)],
    page: Annotated[int, PathParam(ge=1, le=100_000)],
) -> Response:
    def find() -> tuple[SubmissionFile, int]:
        with transaction(state.ctx.sessions) as session:
            submission = visible_submission(session, principal, submission_id)
            stored = session.scalar(
                select(SubmissionFile).where(
                    SubmissionFile.submission_id == submission.id, SubmissionFile.position == file_index
                )
            )
            if stored is None or not 1 <= page <= stored.page_count:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such page")
            report = load_report(session, submission.id)
            rotation = (
                next((p.rotation for p in report.pages if p.file == stored.safe_name and p.page == page), 0)
                if report
                else 0
            )
            return stored, rotation

    stored, rotation = await run_in_threadpool(find)
    settings = state.ctx.settings
    try:
        data = await run_in_threadpool(
            page_png,
            state.ctx.store.path_of(stored.sha256),
            stored.kind,
            stored.sha256,
            page,
            rotation,
            settings.page_image_dpi,
            settings.cache_dir,
            settings.max_image_pixels,
        )
    except NoPageImage as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
