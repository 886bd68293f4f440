"""The fields each document type carries (SPEC.md "Field names"), as pydantic models.

Every attribute is an `ExtractedField` or None when it was not found; `fields_of()` gives the
name → field mapping the report serialises, so the report never has a second shape of a document.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from schemas.fields import ExtractedField
from schemas.vocab import DocType

F = ExtractedField | None


class DocumentFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def present(self) -> dict[str, ExtractedField]:
        return {name: value for name, value in self if value is not None}


class RegistrationCertificateFields(DocumentFields):
    """营业执照 and the legal-person certificates share their fields."""

    credit_code: F = None
    entity_name: F = None
    entity_type: F = None
    legal_representative: F = None
    registered_capital: F = None
    registration_date: F = None
    term_start: F = None
    term_end: F = None
    registered_address: F = None
    issuing_authority: F = None
    issue_date: F = None


class DiplomaFields(DocumentFields):
    holder_name: F = None
    birth_date: F = None
    school: F = None
    major: F = None
    education_level: F = None
    graduation_date: F = None
    certificate_no: F = None


class TitleCertificateFields(DocumentFields):
    holder_name: F = None
    title: F = None
    title_level: F = None
    issue_date: F = None
    certificate_no: F = None
    issuing_authority: F = None


class QualificationCertificateFields(DocumentFields):
    holder_name: F = None
    qualification: F = None
    certificate_no: F = None
    issue_date: F = None


class IdCardFields(DocumentFields):
    holder_name: F = None
    id_number: F = None
    birth_date: F = None
    address: F = None


class LeaseContractFields(DocumentFields):
    lessor: F = None
    lessee: F = None
    premises_address: F = None
    area: F = None
    term_start: F = None
    term_end: F = None
    monthly_rent: F = None
    signing_date: F = None


class PropertyCertificateFields(DocumentFields):
    owner: F = None
    premises_address: F = None
    area: F = None
    certificate_no: F = None


class BalanceSheetFields(DocumentFields):
    entity_name: F = None
    period_end: F = None
    total_assets: F = None
    total_liabilities: F = None
    total_equity: F = None


class IncomeStatementFields(DocumentFields):
    entity_name: F = None
    period_start: F = None
    period_end: F = None
    revenue: F = None
    total_profit: F = None
    income_tax: F = None
    net_profit: F = None


class NoFields(DocumentFields):
    """Documents SPEC names no fields for (cash flow statements, service records, other)."""


FIELDS_MODEL: dict[DocType, type[DocumentFields]] = {
    DocType.BUSINESS_LICENSE: RegistrationCertificateFields,
    DocType.LEGAL_PERSON_CERTIFICATE: RegistrationCertificateFields,
    DocType.DIPLOMA: DiplomaFields,
    DocType.TITLE_CERTIFICATE: TitleCertificateFields,
    DocType.QUALIFICATION_CERTIFICATE: QualificationCertificateFields,
    DocType.ID_CARD: IdCardFields,
    DocType.LEASE_CONTRACT: LeaseContractFields,
    DocType.PROPERTY_CERTIFICATE: PropertyCertificateFields,
    DocType.BALANCE_SHEET: BalanceSheetFields,
    DocType.INCOME_STATEMENT: IncomeStatementFields,
    DocType.CASH_FLOW_STATEMENT: NoFields,
    DocType.SERVICE_RECORD: NoFields,
    DocType.OTHER: NoFields,
}
"""The application form's fields live in schemas.application, not here."""


def field_names(doc_type: DocType) -> tuple[str, ...]:
    if doc_type is DocType.APPLICATION_FORM:
        from schemas.application import ApplicationFields

        return tuple(ApplicationFields.model_fields)
    return tuple(FIELDS_MODEL[doc_type].model_fields)
