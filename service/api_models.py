"""What the API takes and gives (one model per direction); the report itself is schemas.Report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from service.districts import District
from service.models import JobStatus, ReviewStatus, Role, Verdict


class ErrorBody(BaseModel):
    detail: str


class FilePublic(BaseModel):
    index: int = Field(description="1-based position in the upload; used in page-image URLs")
    name: str = Field(description="the name reports use for this file")
    original_name: str
    kind: str
    size: int
    sha256: str
    page_count: int


class JobPublic(BaseModel):
    status: JobStatus
    attempts: int
    error: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class SubmissionPublic(BaseModel):
    id: str
    label: str
    district: District
    district_name: str
    submission_date: dt.date
    created_at: dt.datetime
    uploaded_by: str
    status: JobStatus
    review_status: ReviewStatus
    error_count: int | None
    warning_count: int | None
    entity_name: str | None
    duplicate_of: str | None = Field(description="an earlier submission of this district with the same files")
    files: list[FilePublic]
    job: JobPublic | None


class SubmissionPage(BaseModel):
    items: list[SubmissionPublic]
    total: int
    limit: int
    offset: int


class FindingDecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    comment: str = Field(default="", max_length=2000)


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReviewStatus = Field(description="recommended or returned; pending reopens the review")
    comment: str = Field(default="", max_length=2000)


class DecisionPublic(BaseModel):
    id: int
    finding_index: int | None = Field(description="index into report.findings; null = the submission")
    verdict: str
    comment: str
    username: str
    created_at: dt.datetime


class AuditEventPublic(BaseModel):
    id: int
    username: str
    action: str
    detail: dict[str, Any]
    created_at: dt.datetime


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")
    password: str = Field(min_length=10, max_length=256)
    role: Role
    district: District | None = Field(default=None, description="required for officers")


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str | None = Field(default=None, min_length=10, max_length=256)
    role: Role | None = None
    district: District | None = None
    active: bool | None = None


class UserPublic(BaseModel):
    id: int
    username: str
    role: Role
    district: District | None
    active: bool
    created_at: dt.datetime


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)


class TokenPublic(BaseModel):
    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked: bool


class TokenCreated(TokenPublic):
    token: str = Field(description="shown once; send it as `Authorization: Bearer <token>`")
