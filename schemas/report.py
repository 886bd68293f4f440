"""The report of SPEC.md: the one shape the CLI, the service, the HTML page and the batch render."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from schemas.application import Application
from schemas.documents import field_names
from schemas.fields import ExtractedField, PageRef
from schemas.findings import CheckRun, Finding
from schemas.vocab import DocType, Severity

SCHEMA_VERSION = "1"


class PageEntry(BaseModel):
    file: str
    page: int = Field(ge=1)
    doc_type: DocType
    confidence: float = Field(ge=0.0, le=1.0)
    document: int | None = None
    rotation: int = 0
    phash: str | None = Field(default=None, description="perceptual hash of the upright page image")


class DocumentEntry(BaseModel):
    index: int = Field(ge=1)
    doc_type: DocType
    pages: list[PageRef]
    fields: dict[str, ExtractedField] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fields_belong_to_doc_type(self) -> DocumentEntry:
        unknown = set(self.fields) - set(field_names(self.doc_type))
        if unknown:
            raise ValueError(f"{self.doc_type} has no fields {sorted(unknown)}")
        return self


class PageError(BaseModel):
    """A stage failed on one page; the rest of the binder was still processed."""

    file: str
    page: int | None = None
    stage: str
    message: str


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    submission: str
    pages: list[PageEntry] = Field(default_factory=list)
    documents: list[DocumentEntry] = Field(default_factory=list)
    application: Application
    findings: list[Finding] = Field(default_factory=list)
    checks: list[CheckRun] = Field(default_factory=list)
    errors: list[PageError] = Field(default_factory=list)
    pipeline_version: str = ""

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def documents_of(self, *doc_types: DocType) -> list[DocumentEntry]:
        return [doc for doc in self.documents if doc.doc_type in doc_types]
