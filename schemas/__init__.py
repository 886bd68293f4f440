"""pydantic models of packetcheck's contract (SPEC.md): documents, application, findings, report."""

from schemas.application import Application, ApplicationFields
from schemas.documents import FIELDS_MODEL, DocumentFields, field_names
from schemas.fields import BBox, Evidence, ExtractedField, FieldValue, PageRef
from schemas.findings import CheckRun, CheckStatus, Finding
from schemas.kinds import FIELD_KIND, FieldKind, kind_of
from schemas.report import SCHEMA_VERSION, DocumentEntry, PageEntry, PageError, Report
from schemas.vocab import (
    SEVERITY_OF,
    ApplicationSource,
    DocType,
    EducationLevel,
    EntityCategory,
    FindingCode,
    Severity,
    StationHeadEducation,
    TitleLevel,
)

__all__ = [
    "FIELDS_MODEL", "FIELD_KIND", "SCHEMA_VERSION", "SEVERITY_OF", "Application",
    "ApplicationFields", "ApplicationSource", "BBox", "CheckRun", "CheckStatus", "DocType",
    "DocumentEntry", "DocumentFields", "EducationLevel", "EntityCategory", "Evidence",
    "ExtractedField", "FieldKind", "FieldValue", "Finding", "FindingCode", "PageEntry",
    "PageError", "PageRef", "Report", "Severity", "StationHeadEducation", "TitleLevel",
    "field_names", "kind_of",
]
