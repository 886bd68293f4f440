"""date_inconsistent: dates that cannot both be true. field = the later / implausible date."""

from __future__ import annotations

import datetime

from extractor.checks.compare import canonical_name
from extractor.checks.context import CheckContext
from extractor.checks.facts import Reader, as_date, make_finding
from extractor.checks.labels import doc_label, field_label
from extractor.checks.registry import Outcome, ran, rule
from extractor.checks.validity import id_cards_by_holder
from schemas.fields import ExtractedField
from schemas.findings import Finding
from schemas.report import DocumentEntry
from schemas.vocab import DocType, FindingCode

CODE = FindingCode.DATE_INCONSISTENT
MIN_GRADUATION_AGE = 15

# (document types, earlier field, later field, the implausible one the finding names):
# a licence issued before its founding blames issue_date, a lease signed after it ended blames
# signing_date, a term ending before it starts blames term_end.
_ORDER: tuple[tuple[tuple[DocType, ...], str, str, str], ...] = (
    ((DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE), "registration_date", "issue_date", "issue_date"),
    ((DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE), "term_start", "term_end", "term_end"),
    ((DocType.LEASE_CONTRACT,), "term_start", "term_end", "term_end"),
    ((DocType.LEASE_CONTRACT,), "signing_date", "term_end", "signing_date"),
)
# Dates that must lie before the binder was handed in.
_NOT_AFTER_SUBMISSION: tuple[tuple[DocType, str], ...] = (
    (DocType.BUSINESS_LICENSE, "issue_date"),
    (DocType.LEGAL_PERSON_CERTIFICATE, "issue_date"),
    (DocType.DIPLOMA, "graduation_date"),
    (DocType.TITLE_CERTIFICATE, "issue_date"),
    (DocType.QUALIFICATION_CERTIFICATE, "issue_date"),
)


def _pair(doc: DocumentEntry, first: str, second: str) -> tuple[ExtractedField, ExtractedField] | None:
    a, b = doc.fields.get(first), doc.fields.get(second)
    if a is None or b is None or min(a.confidence, b.confidence) < 0.6:
        return None  # optional dates (an open-ended term has no end): nothing to remark on
    return a, b


def _order_findings(ctx: CheckContext) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    checked = 0
    for doc_types, first, second, blamed in _ORDER:
        for doc in ctx.documents_of(*doc_types):
            pair = _pair(doc, first, second)
            if pair is None or as_date(pair[0]) is None or as_date(pair[1]) is None:
                continue
            checked += 1
            early, late = pair
            if as_date(late) < as_date(early):  # type: ignore[operator]
                where = doc_label(doc.doc_type)
                findings.append(make_finding(
                    CODE, blamed,
                    f"{where}{field_label(second)} {late.value} 早于{field_label(first)} {early.value}，两者不可能同时为真",
                    expected=f">= {early.value}", found=doc.fields[blamed].value, sources=[early, late]))
    return findings, checked


def _graduation_findings(ctx: CheckContext, reader: Reader) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    checked = 0
    card_births = id_cards_by_holder(ctx)
    for diploma in ctx.documents_of(DocType.DIPLOMA):
        graduation = reader.need(diploma.fields, "graduation_date", "学历证书", required=False)
        birth = reader.need(diploma.fields, "birth_date", "学历证书", required=False)
        holder = diploma.fields.get("holder_name")
        if birth is None and holder is not None:
            birth = card_births.get(canonical_name(str(holder.value)))
        graduated, born = as_date(graduation), as_date(birth)
        if graduation is None or birth is None or graduated is None or born is None:
            continue
        checked += 1
        age = graduated.year - born.year - ((graduated.month, graduated.day) < (born.month, born.day))
        if age < MIN_GRADUATION_AGE:
            findings.append(make_finding(
                CODE, "graduation_date",
                f"学历证书毕业日期 {graduation.value} 时持证人仅 {age} 岁（出生日期 {birth.value}），不合常理",
                expected=f">= {MIN_GRADUATION_AGE} 岁", found=graduation.value, sources=[graduation, birth]))
    return findings, checked


def _future_findings(ctx: CheckContext, today: datetime.date) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    checked = 0
    for doc_type, name in _NOT_AFTER_SUBMISSION:
        for doc in ctx.documents_of(doc_type):
            value = doc.fields.get(name)
            date = as_date(value)
            if value is None or date is None or value.confidence < 0.6:
                continue
            checked += 1
            if date > today:
                findings.append(make_finding(
                    CODE, name,
                    f"{doc_label(doc_type)}{field_label(name)} {value.value} 晚于申报日期 {today.isoformat()}",
                    expected=f"<= {today.isoformat()}", found=value.value, sources=[value]))
    return findings, checked


@rule("dates_consistent", CODE)
def dates_consistent(ctx: CheckContext) -> Outcome:
    reader = Reader()
    order, order_checked = _order_findings(ctx)
    graduation, graduation_checked = _graduation_findings(ctx, reader)
    future, future_checked = _future_findings(ctx, ctx.submission_date)
    detail = (f"{order_checked} date pair(s), {graduation_checked} graduation age(s), "
              f"{future_checked} date(s) against the submission day")
    return ran(order + graduation + future + reader.remarks, detail)
