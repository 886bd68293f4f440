"""The closed vocabularies of SPEC.md: document types, finding codes, severities and enum values.

These strings are the contract with other systems; change one only with a schema_version bump.
"""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    APPLICATION_FORM = "application_form"
    BUSINESS_LICENSE = "business_license"
    LEGAL_PERSON_CERTIFICATE = "legal_person_certificate"
    DIPLOMA = "diploma"
    TITLE_CERTIFICATE = "title_certificate"
    QUALIFICATION_CERTIFICATE = "qualification_certificate"
    ID_CARD = "id_card"
    LEASE_CONTRACT = "lease_contract"
    PROPERTY_CERTIFICATE = "property_certificate"
    BALANCE_SHEET = "balance_sheet"
    INCOME_STATEMENT = "income_statement"
    CASH_FLOW_STATEMENT = "cash_flow_statement"
    SERVICE_RECORD = "service_record"
    OTHER = "other"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingCode(StrEnum):
    FIELD_MISMATCH = "field_mismatch"
    MISSING_DOCUMENT = "missing_document"
    REGISTERED_TOO_LATE = "registered_too_late"
    NOT_REGISTERED_IN_GUANGZHOU = "not_registered_in_guangzhou"
    STAFF_COUNT_OUT_OF_RANGE = "staff_count_out_of_range"
    STAFF_QUALIFICATION_SHORTFALL = "staff_qualification_shortfall"
    FINANCIAL_PERIOD_INVALID = "financial_period_invalid"
    PREMISES_NOT_COVERED = "premises_not_covered"
    INVALID_CREDIT_CODE = "invalid_credit_code"
    INVALID_ID_NUMBER = "invalid_id_number"
    BALANCE_SHEET_UNBALANCED = "balance_sheet_unbalanced"
    INCOME_STATEMENT_INCONSISTENT = "income_statement_inconsistent"
    DATE_INCONSISTENT = "date_inconsistent"
    DUPLICATE_ACROSS_SUBMISSIONS = "duplicate_across_submissions"
    POSSIBLE_TAMPERING = "possible_tampering"
    MISSING_SEAL = "missing_seal"
    UNREADABLE_FIELD = "unreadable_field"


SEVERITY_OF: dict[FindingCode, Severity] = {
    FindingCode.FIELD_MISMATCH: Severity.ERROR,
    FindingCode.MISSING_DOCUMENT: Severity.ERROR,
    FindingCode.REGISTERED_TOO_LATE: Severity.ERROR,
    FindingCode.NOT_REGISTERED_IN_GUANGZHOU: Severity.ERROR,
    FindingCode.STAFF_COUNT_OUT_OF_RANGE: Severity.ERROR,
    FindingCode.STAFF_QUALIFICATION_SHORTFALL: Severity.ERROR,
    FindingCode.FINANCIAL_PERIOD_INVALID: Severity.ERROR,
    FindingCode.PREMISES_NOT_COVERED: Severity.ERROR,
    FindingCode.INVALID_CREDIT_CODE: Severity.WARNING,
    FindingCode.INVALID_ID_NUMBER: Severity.WARNING,
    FindingCode.BALANCE_SHEET_UNBALANCED: Severity.WARNING,
    FindingCode.INCOME_STATEMENT_INCONSISTENT: Severity.WARNING,
    FindingCode.DATE_INCONSISTENT: Severity.WARNING,
    FindingCode.DUPLICATE_ACROSS_SUBMISSIONS: Severity.WARNING,
    FindingCode.POSSIBLE_TAMPERING: Severity.WARNING,
    FindingCode.MISSING_SEAL: Severity.WARNING,
    FindingCode.UNREADABLE_FIELD: Severity.INFO,
}


class ApplicationSource(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    SCAN = "scan"
    NONE = "none"


class EntityCategory(StrEnum):
    SCIENCE_PARK = "science_park"
    CULTURAL_CREATIVE_PARK = "cultural_creative_park"
    LOGISTICS_PARK = "logistics_park"
    ECO_AGRICULTURE_PARK = "eco_agriculture_park"
    INDUSTRIAL_PARK = "industrial_park"
    SOFTWARE_PARK = "software_park"
    ASSOCIATION = "association"
    SERVICE_AGENCY = "service_agency"
    OTHER = "other"


class StationHeadEducation(StrEnum):
    JUNIOR_HIGH_OR_BELOW = "junior_high_or_below"
    HIGH_SCHOOL = "high_school"
    COLLEGE_OR_BACHELOR = "college_or_bachelor"
    POSTGRADUATE = "postgraduate"


class EducationLevel(StrEnum):
    COLLEGE = "college"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTOR = "doctor"


class TitleLevel(StrEnum):
    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"
