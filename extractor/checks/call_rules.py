"""The call's own conditions on the applicant (seed: 穗工信函〔2019〕1100号, 一 and 二)."""

from __future__ import annotations

import datetime

from extractor.checks.compare import canonical_name
from extractor.checks.context import CheckContext
from extractor.checks.facts import Reader, as_date, as_number, make_finding
from extractor.checks.form_vs_documents import licence_of
from extractor.checks.labels import doc_label
from extractor.checks.places import Place, locate
from extractor.checks.registry import Outcome, ran, rule, skipped
from schemas.fields import ExtractedField
from schemas.findings import Finding
from schemas.vocab import DocType, FindingCode

REGISTERED_BEFORE = datetime.date(2018, 1, 1)
STAFF_RANGE = (1, 3)
QUALIFIED_EDUCATION = {"college", "bachelor", "master", "doctor"}
QUALIFIED_TITLE = {"intermediate", "senior"}


def _from_licence_else_form(ctx: CheckContext, name: str, reader: Reader) -> tuple[ExtractedField | None, str]:
    licence = licence_of(ctx)
    if licence is not None:
        value = reader.need(licence.fields, name, doc_label(licence.doc_type))
        if value is not None:
            return value, doc_label(licence.doc_type)
    return reader.need(ctx.application.fields, name, "申请表"), "申请表"


@rule("registered_before_2018", FindingCode.REGISTERED_TOO_LATE)
def registered_before_2018(ctx: CheckContext) -> Outcome:
    reader = Reader()
    value, where = _from_licence_else_form(ctx, "registration_date", reader)
    date = as_date(value)
    if value is None or date is None:
        return skipped("registration date unreadable on licence and form", reader.remarks)
    findings: list[Finding] = []
    if date >= REGISTERED_BEFORE:
        findings.append(make_finding(
            FindingCode.REGISTERED_TOO_LATE, "registration_date",
            f"{where}注册日期 {value.value} 不早于 2018-01-01，不符合“2018年1月1日前在广州市注册”的申报条件",
            expected="< 2018-01-01", found=value.value, sources=[value]))
    return ran(findings + reader.remarks, f"registration_date {value.value} from {where}")


@rule("registered_in_guangzhou", FindingCode.NOT_REGISTERED_IN_GUANGZHOU)
def registered_in_guangzhou(ctx: CheckContext) -> Outcome:
    reader = Reader()
    value, where = _from_licence_else_form(ctx, "registered_address", reader)
    if value is None:
        return skipped("registered address unreadable on licence and form", reader.remarks)
    place, named = locate(str(value.value))
    if place is Place.UNKNOWN:
        return skipped(f"registered address names no city or district: {value.value}", reader.remarks)
    findings: list[Finding] = []
    if place is Place.ELSEWHERE:
        findings.append(make_finding(
            FindingCode.NOT_REGISTERED_IN_GUANGZHOU, "registered_address",
            f"{where}注册地址 {value.value} 位于{named}，不在广州市",
            expected="广州市", found=value.value, sources=[value]))
    return ran(findings + reader.remarks, f"registered address in {named} ({where})")


@rule("staff_count_in_range", FindingCode.STAFF_COUNT_OUT_OF_RANGE)
def staff_count_in_range(ctx: CheckContext) -> Outcome:
    reader = Reader()
    value = reader.need(ctx.application.fields, "staff_fulltime", "申请表")
    count = as_number(value)
    if value is None or count is None:
        return skipped("form states no readable full-time staff count", reader.remarks)
    findings: list[Finding] = []
    low, high = STAFF_RANGE
    if not low <= count <= high:
        findings.append(make_finding(
            FindingCode.STAFF_COUNT_OUT_OF_RANGE, "staff_fulltime",
            f"申请表专职工作人员 {count:g} 人，不符合“指派1-3名专职工作人员”的要求",
            expected="1-3", found=value.value, sources=[value]))
    return ran(findings, f"staff_fulltime {count:g}")


def _person_key(holder: ExtractedField | None, fallback: str) -> str:
    """Certificates of one person count once; an unreadable holder counts as its own person."""
    return canonical_name(str(holder.value)) if holder is not None else fallback


@rule("qualified_staff_evidenced", FindingCode.STAFF_QUALIFICATION_SHORTFALL)
def qualified_staff_evidenced(ctx: CheckContext) -> Outcome:
    reader = Reader()
    claim = reader.need(ctx.application.fields, "staff_fulltime_qualified", "申请表")
    claimed = as_number(claim)
    if claim is None or claimed is None:
        return skipped("form states no readable qualified-staff count", reader.remarks)
    people: dict[str, list[ExtractedField]] = {}
    doubtful = 0
    for doc in ctx.documents_of(DocType.DIPLOMA, DocType.TITLE_CERTIFICATE):
        where = doc_label(doc.doc_type)
        level_name = "education_level" if doc.doc_type is DocType.DIPLOMA else "title_level"
        accepted = QUALIFIED_EDUCATION if doc.doc_type is DocType.DIPLOMA else QUALIFIED_TITLE
        level = reader.need(doc.fields, level_name, where)
        if level is None:
            doubtful += 1  # cannot tell: give the applicant the benefit of the doubt below
            continue
        if str(level.value) not in accepted:
            continue
        holder = reader.need(doc.fields, "holder_name", where)
        people.setdefault(_person_key(holder, f"#doc{doc.index}"), []).append(level)
    evidenced = len(people)
    findings: list[Finding] = []
    if evidenced + doubtful < claimed:
        sources = [claim] + [field for fields in people.values() for field in fields]
        findings.append(make_finding(
            FindingCode.STAFF_QUALIFICATION_SHORTFALL, "staff_fulltime_qualified",
            f"申请表称大专或中级职称以上专职人员 {claimed:g} 人，但所附学历、职称证书仅能证明 {evidenced} 人",
            expected=claim.value, found=evidenced, sources=sources))
    detail = f"claimed {claimed:g}, evidenced {evidenced}" + (f", {doubtful} unreadable" if doubtful else "")
    return ran(findings + reader.remarks, detail)


_VALID_2019_MONTHS = (1, 2, 3, 4)


def _period_valid(doc_type: DocType, start: datetime.date | None, end: datetime.date) -> bool:
    """2018 full year, or 2019 up to January..April; an income statement must start in January."""
    if (end.year, end.month) == (2018, 12):
        start_year = 2018
    elif end.year == 2019 and end.month in _VALID_2019_MONTHS:
        start_year = 2019
    else:
        return False
    if doc_type is not DocType.INCOME_STATEMENT or start is None:
        return True  # a balance sheet is a position on one day; only flows have a start
    return (start.year, start.month) == (start_year, 1)


@rule("financial_period", FindingCode.FINANCIAL_PERIOD_INVALID)
def financial_period(ctx: CheckContext) -> Outcome:
    statements = ctx.documents_of(DocType.BALANCE_SHEET, DocType.INCOME_STATEMENT)
    if not statements:
        return skipped("no balance sheet or income statement found")
    reader = Reader()
    invalid: list[tuple[str, ExtractedField, ExtractedField | None]] = []
    checked = 0
    for doc in statements:
        where = doc_label(doc.doc_type)
        end = reader.need(doc.fields, "period_end", where)
        end_date = as_date(end)
        if end is None or end_date is None:
            continue
        start = reader.need(doc.fields, "period_start", where, required=False)
        checked += 1
        if not _period_valid(doc.doc_type, as_date(start), end_date):
            period = f"{start.value} 至 {end.value}" if start is not None else str(end.value)
            invalid.append((f"{where} {period}", end, start))
    if not checked:
        return skipped("no statement period could be read", reader.remarks)
    findings: list[Finding] = []
    if invalid:  # one finding for the statements as a whole, pointing at every wrong period
        findings.append(make_finding(
            FindingCode.FINANCIAL_PERIOD_INVALID, "period_end",
            f"财务报表期间（{'；'.join(text for text, _, _ in invalid)}）不是2018年度或2019年1-4月",
            expected="2018-12-31 或 2019-01..2019-04", found=invalid[0][1].value,
            sources=[field for _, end, start in invalid for field in (end, start)]))
    return ran(findings + reader.remarks, f"{checked} statement period(s) checked")
