"""The report model is SPEC.md's: its example validates, its names are the contract's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import (
    FIELD_KIND,
    SEVERITY_OF,
    DocType,
    DocumentEntry,
    FindingCode,
    Report,
    field_names,
)

DATA = Path(__file__).parent / "data"


def test_spec_example_report_validates_and_round_trips() -> None:
    example = json.loads((DATA / "spec_report_example.json").read_text(encoding="utf-8"))
    report = Report.model_validate(example)
    dumped = report.model_dump(mode="json", exclude_none=True)
    for key in ("schema_version", "submission", "pages", "documents", "application", "findings"):
        assert key in dumped
    assert dumped["documents"][0]["fields"]["credit_code"]["bbox"] == [0.31, 0.22, 0.62, 0.25]
    assert dumped["findings"][0]["evidence"][0] == {"file": "binder.pdf", "page": 3, "bbox": [0.40, 0.51, 0.58, 0.53]}


def test_doc_types_and_codes_are_spec_names() -> None:
    assert {t.value for t in DocType} == {
        "application_form", "business_license", "legal_person_certificate", "diploma", "title_certificate",
        "qualification_certificate", "id_card", "lease_contract", "property_certificate", "balance_sheet",
        "income_statement", "cash_flow_statement", "service_record", "other"}
    assert set(SEVERITY_OF) == set(FindingCode)
    assert len(FindingCode) == 17


def test_every_spec_field_has_a_kind() -> None:
    for doc_type in DocType:
        for name in field_names(doc_type):
            assert name in FIELD_KIND, name


def test_a_document_refuses_fields_of_another_type() -> None:
    with pytest.raises(ValidationError):
        DocumentEntry(index=1, doc_type=DocType.DIPLOMA, pages=[],
                      fields={"credit_code": {"value": "x", "confidence": 1.0}})


def test_unknown_finding_code_is_refused() -> None:
    example = json.loads((DATA / "spec_report_example.json").read_text(encoding="utf-8"))
    example["findings"][0]["code"] = "field_mismatched"
    with pytest.raises(ValidationError):
        Report.model_validate(example)
