"""missing_document and unreadable_field: is every required material there, and legible?"""

from __future__ import annotations

from extractor.checks.context import CheckContext
from extractor.checks.facts import Reader, make_finding
from extractor.checks.labels import doc_label
from extractor.checks.registry import Outcome, ran, rule
from schemas.findings import Finding
from schemas.vocab import ApplicationSource, DocType, FindingCode

# SPEC field value -> (the doc types any one of which satisfies it, the material's name in the call)
REQUIRED_MATERIALS: dict[str, tuple[tuple[DocType, ...], str]] = {
    "application_form": ((DocType.APPLICATION_FORM,), "广州市中小企业服务站申请表"),
    "business_license": ((DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE),
                         "法人证书或营业执照副本复印件"),
    "staff_certificate": ((DocType.DIPLOMA, DocType.TITLE_CERTIFICATE, DocType.QUALIFICATION_CERTIFICATE),
                          "专职工作人员学历证书、技术职称、资格证书复印件"),
    "premises_proof": ((DocType.LEASE_CONTRACT, DocType.PROPERTY_CERTIFICATE), "房产证或租赁合同复印件"),
    "financial_statements": ((DocType.BALANCE_SHEET, DocType.INCOME_STATEMENT),
                             "2018年或2019年1-4月财务报表"),
}

# Fields without which a reviewer cannot judge the application at all.
REQUIRED_FIELDS: dict[DocType, tuple[str, ...]] = {
    DocType.BUSINESS_LICENSE: ("credit_code", "entity_name", "legal_representative", "registration_date",
                               "registered_address"),
    DocType.LEGAL_PERSON_CERTIFICATE: ("credit_code", "entity_name", "legal_representative", "registered_address"),
    DocType.LEASE_CONTRACT: ("premises_address", "term_end"),
    DocType.PROPERTY_CERTIFICATE: ("premises_address",),
    DocType.BALANCE_SHEET: ("period_end", "total_assets"),
    DocType.INCOME_STATEMENT: ("period_end", "total_profit"),
    DocType.DIPLOMA: ("holder_name", "education_level"),
    DocType.TITLE_CERTIFICATE: ("holder_name", "title_level"),
    DocType.ID_CARD: ("id_number",),
}
REQUIRED_FORM_FIELDS = ("entity_name", "registration_date", "registered_address", "staff_fulltime",
                        "station_address")


def _present(ctx: CheckContext, doc_types: tuple[DocType, ...]) -> bool:
    if ctx.documents_of(*doc_types):
        return True
    if DocType.APPLICATION_FORM in doc_types:
        # An editable form alone is a form; so is a scanned form page not grouped into a document.
        return ctx.application.source is not ApplicationSource.NONE or any(
            entry.doc_type is DocType.APPLICATION_FORM for entry in ctx.page_entries)
    return any(entry.doc_type in doc_types for entry in ctx.page_entries)


@rule("required_materials", FindingCode.MISSING_DOCUMENT)
def required_materials(ctx: CheckContext) -> Outcome:
    findings: list[Finding] = []
    for material, (doc_types, title) in REQUIRED_MATERIALS.items():
        if not _present(ctx, doc_types):
            findings.append(make_finding(
                FindingCode.MISSING_DOCUMENT, material,
                f"申报材料缺少{title}",
                expected=" / ".join(doc_types), found=None))
    return ran(findings, f"{len(REQUIRED_MATERIALS) - len(findings)} of {len(REQUIRED_MATERIALS)} materials present")


@rule("required_fields_legible", FindingCode.UNREADABLE_FIELD)
def required_fields_legible(ctx: CheckContext) -> Outcome:
    reader = Reader()
    checked = 0
    for doc in ctx.documents:
        for name in REQUIRED_FIELDS.get(doc.doc_type, ()):
            reader.need(doc.fields, name, doc_label(doc.doc_type))
            checked += 1
    if ctx.application.source is not ApplicationSource.NONE:
        for name in REQUIRED_FORM_FIELDS:
            reader.need(ctx.application.fields, name, "申请表")
            checked += 1
    return ran(reader.remarks, f"{checked} required field(s) looked at")
