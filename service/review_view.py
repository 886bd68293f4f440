"""What the reviewer page shows, derived from the stored report: pages with their boxes,
findings grouped by severity with their latest decision, and each document's fields."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from schemas import Report
from service.api_models import DecisionPublic, SubmissionPublic
from service.views import decisions_public

SEVERITY_ORDER = ("error", "warning", "info")
IMAGE_KINDS = {"pdf", "png", "jpeg", "tiff", "bmp"}


@dataclass
class Box:
    kind: str  # "finding" | "field"
    ref: str  # finding index, or "<document>:<field>"
    severity: str
    bbox: tuple[float, float, float, float]


@dataclass
class PageView:
    anchor: str
    file: str
    page: int
    image_url: str
    doc_type: str | None = None
    document: int | None = None
    boxes: list[Box] = field(default_factory=list)


@dataclass
class FindingView:
    index: int
    code: str
    severity: str
    field: str | None
    expected: Any
    found: Any
    message: str
    anchors: list[str]
    decision: DecisionPublic | None


@dataclass
class FieldView:
    name: str
    value: Any
    confidence: float
    anchor: str | None
    ref: str


@dataclass
class DocumentView:
    index: int
    doc_type: str
    pages: list[str]
    fields: list[FieldView]


@dataclass
class ReviewView:
    pages: list[PageView]
    findings: dict[str, list[FindingView]]
    documents: list[DocumentView]
    application_source: str | None
    application: list[FieldView]
    decisions: list[DecisionPublic]
    errors: list[str]


def anchor_of(file: str, page: int) -> str:
    """A stable HTML id for a page: file names are untrusted, so they never appear in the id."""
    return "p-" + hashlib.sha1(f"{file}\0{page}".encode()).hexdigest()[:12]


def review_model(session: Session, sub: SubmissionPublic, report_data: dict[str, Any] | None) -> ReviewView:
    decisions = decisions_public(session, sub.id)
    pages: dict[str, PageView] = {}
    for f in sub.files:
        if f.kind in IMAGE_KINDS:
            for number in range(1, f.page_count + 1):
                anchor = anchor_of(f.name, number)
                pages[anchor] = PageView(
                    anchor, f.name, number, f"/api/submissions/{sub.id}/files/{f.index}/pages/{number}"
                )
    if report_data is None:
        return ReviewView(list(pages.values()), {}, [], None, [], decisions, [])
    report = Report.model_validate(report_data)
    for entry in report.pages:
        view = pages.get(anchor_of(entry.file, entry.page))
        if view is not None:
            view.doc_type, view.document = entry.doc_type.value, entry.document
    latest: dict[int, DecisionPublic] = {d.finding_index: d for d in decisions if d.finding_index is not None}
    grouped: dict[str, list[FindingView]] = defaultdict(list)
    for number, finding in enumerate(report.findings):
        anchors = []
        for evidence in finding.evidence:
            anchor = anchor_of(evidence.file, evidence.page)
            anchors.append(anchor)
            if evidence.bbox is not None and anchor in pages:
                pages[anchor].boxes.append(Box("finding", str(number), finding.severity.value, evidence.bbox))
        grouped[finding.severity.value].append(
            FindingView(
                number,
                finding.code.value,
                finding.severity.value,
                finding.field,
                finding.expected,
                finding.found,
                finding.message,
                anchors,
                latest.get(number),
            )
        )
    documents = []
    for document in report.documents:
        fields = [
            _field_view(pages, f"{document.index}:{name}", name, value)
            for name, value in document.fields.items()
        ]
        documents.append(
            DocumentView(
                document.index,
                document.doc_type.value,
                [f"{p.file} 第{p.page}页" for p in document.pages],
                fields,
            )
        )
    application = [
        _field_view(pages, f"app:{name}", name, value) for name, value in report.application.fields.items()
    ]
    errors = [f"{e.file} {e.page or ''} {e.stage}: {e.message}" for e in report.errors]
    ordered = {severity: grouped[severity] for severity in SEVERITY_ORDER if grouped.get(severity)}
    return ReviewView(
        list(pages.values()),
        ordered,
        documents,
        report.application.source.value,
        application,
        decisions,
        errors,
    )


def _field_view(pages: dict[str, PageView], ref: str, name: str, value: Any) -> FieldView:
    anchor = anchor_of(value.file, value.page) if value.file and value.page else None
    if anchor in pages and value.bbox is not None:
        pages[anchor].boxes.append(Box("field", ref, "field", value.bbox))
    return FieldView(name, value.value, value.confidence, anchor if anchor in pages else None, ref)
