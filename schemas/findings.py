"""A finding is one inconsistency or doubt, with the evidence a reviewer can look at."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from schemas.fields import Evidence, FieldValue
from schemas.vocab import FindingCode, Severity


class Finding(BaseModel):
    code: FindingCode
    severity: Severity
    field: str | None = None
    expected: FieldValue | None = None
    found: FieldValue | None = None
    message: str
    evidence: list[Evidence] = Field(default_factory=list)


class CheckStatus(StrEnum):
    RAN = "ran"
    SKIPPED = "skipped"


class CheckRun(BaseModel):
    """Whether a check ran and on what, so that "no finding" never means "not checked"."""

    check: str
    code: FindingCode
    status: CheckStatus
    detail: str = ""
