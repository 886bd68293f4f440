"""field_mismatch: what the application form states against what the documents state.

expected = the form's value, found = the document's value, field = the FORM's field name.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.checks.compare import (
    address_substance,
    canonical_name,
    canonical_text,
    money_agrees,
    one_ocr_slip,
    rounding_tolerance,
    same_address,
    same_date,
)
from extractor.checks.context import CheckContext
from extractor.checks.facts import Reader, as_date, as_number, make_finding, show_money
from extractor.checks.labels import doc_label, field_label
from extractor.checks.registry import Outcome, ran, rule, skipped
from schemas.fields import ExtractedField
from schemas.findings import Finding
from schemas.report import DocumentEntry
from schemas.vocab import DocType, FindingCode

CODE = FindingCode.FIELD_MISMATCH
FORM = "申请表"
FORM_MONEY_TOLERANCE = 50.0  # the form states 万元 with two decimals: ±0.005 万元
AREA_TOLERANCE = 0.5  # m²
DOUBTFUL_NAME = 0.9   # OCR confidence under which a one-character difference in a name is a doubt

_LICENCE_FIELDS: dict[str, Callable[[str, str], bool]] = {
    "entity_name": lambda a, b: canonical_name(a) == canonical_name(b),
    "credit_code": lambda a, b: canonical_text(a) == canonical_text(b),
    "legal_representative": lambda a, b: canonical_name(a) == canonical_name(b),
    "registration_date": same_date,
    "registered_address": same_address,
}
_SLIP_TOLERANT: dict[str, Callable[[str], str]] = {
    "entity_name": canonical_name,
    "registered_address": address_substance,
}


def licence_of(ctx: CheckContext) -> DocumentEntry | None:
    found = ctx.documents_of(DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE)
    return found[0] if found else None


def _mismatch(name: str, doc_name: str, form: ExtractedField, document: ExtractedField,
              shown: tuple[str, str] | None = None) -> Finding:
    expected, found = shown or (str(form.value), str(document.value))
    message = f"申请表{field_label(name)} {expected} 与{doc_name}{field_label(name)} {found} 不一致"
    return make_finding(CODE, name, message, expected=form.value, found=document.value,
                        sources=[document, form])


def _doubtful_slip(form_text: str, document: ExtractedField) -> bool:
    """A person's name one character off, read by OCR with doubt: a likely slip, not a finding.

    A short name is not protected by `one_ocr_slip` alone (常欣利 and 常新利 are two people), so the
    reading's own confidence decides; a confident reading that differs stays an error.
    """
    return document.confidence < DOUBTFUL_NAME and one_ocr_slip(
        canonical_name(form_text), canonical_name(str(document.value)), min_length=2)


def _doubtful_name(where: str, form: ExtractedField, document: ExtractedField) -> Finding:
    label = field_label("legal_representative")
    return make_finding(
        FindingCode.UNREADABLE_FIELD, "legal_representative",
        f"{where}{label}识别不确定（读作 {document.value}，申请表为 {form.value}，仅差一字），请人工核对",
        expected=form.value, found=document.value, sources=[document, form])


@rule("form_vs_licence", CODE)
def form_vs_licence(ctx: CheckContext) -> Outcome:
    licence = licence_of(ctx)
    if licence is None:
        return skipped("no business licence or legal-person certificate found")
    if not ctx.application.fields:
        return skipped("no application form read")
    reader, findings, compared, slips = Reader(), [], [], []
    where = doc_label(licence.doc_type)
    for name, agrees in _LICENCE_FIELDS.items():
        if name not in ctx.application.fields:
            continue  # the seed's form has no credit_code row: nothing claimed, nothing to compare
        form_value = reader.need(ctx.application.fields, name, FORM)
        document_value = reader.need(licence.fields, name, where)
        if form_value is None or document_value is None:
            continue
        compared.append(name)
        form_text, document_text = str(form_value.value), str(document_value.value)
        if agrees(form_text, document_text):
            continue
        canonical = _SLIP_TOLERANT.get(name)
        if canonical and one_ocr_slip(canonical(form_text), canonical(document_text)):
            slips.append(name)
            continue
        if name == "legal_representative" and _doubtful_slip(form_text, document_value):
            findings.append(_doubtful_name(where, form_value, document_value))
            continue
        findings.append(_mismatch(name, where, form_value, document_value))
    detail = f"compared {', '.join(compared) or 'nothing'}"
    if slips:
        detail += f"; one-character OCR slip taken as agreement: {', '.join(slips)}"
    return ran(findings + reader.remarks, detail)


def _is_full_year_2018(start: ExtractedField | None, end: ExtractedField | None,
                       need_start: bool) -> bool:
    end_date = as_date(end)
    if end_date is None or (end_date.year, end_date.month) != (2018, 12):
        return False
    if not need_start or start is None:
        return True  # an income statement without a printed start is read as the year to date
    start_date = as_date(start)
    return start_date is not None and (start_date.year, start_date.month) == (2018, 1)


_STATEMENT_FIELDS = (
    ("revenue_2018", DocType.INCOME_STATEMENT, "revenue"),
    ("total_profit_2018", DocType.INCOME_STATEMENT, "total_profit"),
    ("total_assets_2018", DocType.BALANCE_SHEET, "total_assets"),
)


@rule("form_vs_statements", CODE)
def form_vs_statements(ctx: CheckContext) -> Outcome:
    statements = ctx.documents_of(DocType.INCOME_STATEMENT, DocType.BALANCE_SHEET)
    if not statements:
        return skipped("no financial statements found")
    reader, findings, compared = Reader(), [], []
    for form_name, doc_type, doc_name in _STATEMENT_FIELDS:
        documents = [d for d in statements if d.doc_type is doc_type and _is_full_year_2018(
            d.fields.get("period_start"), d.fields.get("period_end"),
            need_start=doc_type is DocType.INCOME_STATEMENT)]
        if not documents or form_name not in ctx.application.fields:
            continue
        form_value = reader.need(ctx.application.fields, form_name, FORM)
        document_value = reader.need(documents[0].fields, doc_name, doc_label(doc_type))
        form_number, document_number = as_number(form_value), as_number(document_value)
        if form_value is None or document_value is None or form_number is None or document_number is None:
            continue
        compared.append(form_name)
        tolerance = max(rounding_tolerance(form_value, FORM_MONEY_TOLERANCE),
                        rounding_tolerance(document_value, 0.005))
        if not money_agrees(form_number, document_number, tolerance):
            findings.append(_mismatch(form_name, doc_label(doc_type), form_value, document_value,
                                      (show_money(form_number), show_money(document_number))))
    detail = f"compared {', '.join(compared)}" if compared else "no 2018 full-year statement to compare"
    return ran(findings + reader.remarks, detail)


@rule("form_vs_premises_area", CODE)
def form_vs_premises_area(ctx: CheckContext) -> Outcome:
    premises = ctx.documents_of(DocType.LEASE_CONTRACT) or ctx.documents_of(DocType.PROPERTY_CERTIFICATE)
    if not premises:
        return skipped("no lease contract or property certificate found")
    if "station_area" not in ctx.application.fields:
        return skipped("the form states no station area")
    reader = Reader()
    form_value = reader.need(ctx.application.fields, "station_area", FORM)
    where = doc_label(premises[0].doc_type)
    document_value = reader.need(premises[0].fields, "area", where)
    form_area, document_area = as_number(form_value), as_number(document_value)
    if form_value is None or document_value is None or form_area is None or document_area is None:
        return skipped("station area or premises area unreadable", reader.remarks)
    findings: list[Finding] = []
    if abs(form_area - document_area) > AREA_TOLERANCE:
        message = f"申请表服务站面积 {form_area:g}㎡ 与{where}面积 {document_area:g}㎡ 不一致"
        findings.append(make_finding(CODE, "station_area", message, expected=form_value.value,
                                     found=document_value.value, sources=[document_value, form_value]))
    return ran(findings, f"station_area {form_area:g} vs {where} {document_area:g}")
