"""The one table of document types: each module registers its cues and its extractor here."""

from __future__ import annotations

from extractor.doctypes import (
    application_form,
    balance_sheet,
    business_license,
    cash_flow_statement,
    diploma,
    id_card,
    income_statement,
    lease_contract,
    legal_person_certificate,
    other,
    property_certificate,
    qualification_certificate,
    service_record,
    title_certificate,
)
from extractor.doctypes.base import DocTypeRegistry

REGISTRY = DocTypeRegistry()
for _module in (
    application_form,
    business_license,
    legal_person_certificate,
    diploma,
    title_certificate,
    qualification_certificate,
    id_card,
    lease_contract,
    property_certificate,
    balance_sheet,
    income_statement,
    cash_flow_statement,
    service_record,
    other,
):
    REGISTRY.register(_module.SPEC)

__all__ = ["REGISTRY"]
