"""What one synthetic submission says: its documents' fields (the truth) plus how to draw them.

Renderers only format what is here, and plants only mutate what is here, so truth.json is
exactly what the pages print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

FieldMap = dict[str, Any]  # SPEC field name -> value (date, float, int, str)


@dataclass
class Document:
    """One document of the binder: SPEC fields plus rendering-only details in `extra`."""

    doc_type: str
    fields: FieldMap
    extra: dict[str, Any] = field(default_factory=dict)
    # Applicant's red seal on this copy (the form, the licence copy, the statements).
    applicant_seal: bool = True
    # Field -> ("tamper" | "blot"): image plants applied while rendering that field.
    image_plants: dict[str, str] = field(default_factory=dict)


@dataclass
class Finding:
    code: str
    severity: str
    field: str | None
    file: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "severity": self.severity, "field": self.field}
        if self.bbox is not None:
            out.update(file=self.file, page=self.page, bbox=[round(v, 4) for v in self.bbox])
        return out


@dataclass
class Submission:
    name: str
    seed: int
    submission_date: dt.date
    district: str
    entity: dict[str, Any]          # facts shared by many documents (names, addresses, people)
    form: FieldMap                  # what the application form states
    form_extra: dict[str, Any]
    documents: list[Document]
    findings: list[Finding] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)


SEVERITY: dict[str, str] = {
    "field_mismatch": "error", "missing_document": "error", "registered_too_late": "error",
    "not_registered_in_guangzhou": "error", "staff_count_out_of_range": "error",
    "staff_qualification_shortfall": "error", "financial_period_invalid": "error",
    "premises_not_covered": "error", "invalid_credit_code": "warning", "invalid_id_number": "warning",
    "balance_sheet_unbalanced": "warning", "income_statement_inconsistent": "warning",
    "date_inconsistent": "warning", "duplicate_across_submissions": "warning",
    "possible_tampering": "warning", "missing_seal": "warning", "unreadable_field": "info",
}
FINDING_CODES: tuple[str, ...] = tuple(SEVERITY)


def to_json_value(value: Any) -> Any:
    """Normalise a field value the way SPEC says reports carry it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value, 2)
    return value
