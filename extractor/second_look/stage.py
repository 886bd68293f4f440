"""The check stage with a second look: findings that rest on values OCR read are read again first.

    run_checks → the OCR'd values behind errors and warnings → re-read their regions → verdicts
    → (when a value changed or became doubtful) run_checks again on the revised values

A misread amount or a name garbled under a seal otherwise becomes a confident false error. One
round only: a finding the second run raises rests on values already looked at, or on new ones the
revisions cannot have changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence

from extractor.checks import RULES, CheckContext, run_checks, run_rule
from extractor.checks.labels import doc_label
from extractor.checks.second_look import SECOND_LOOK_RULE
from extractor.doctypes.statement_table import statement_amounts
from extractor.ocr.base import OcrEngine
from extractor.pages import BBox, ReadPage
from extractor.second_look.reread import reread_region
from extractor.second_look.verdict import SecondLook, Verdict, judge, region_key
from schemas.application import Application
from schemas.fields import ExtractedField
from schemas.findings import CheckRun, Finding
from schemas.kinds import FieldKind, kind_of
from schemas.report import DocumentEntry
from schemas.vocab import DocType, FindingCode, Severity

# Findings about what documents state: a misread value alone can raise them. Image evidence
# (tampering, seals), missing documents and reuse across submissions are not about a reading.
LOOKED_AT: frozenset[FindingCode] = frozenset({
    FindingCode.FIELD_MISMATCH,
    FindingCode.BALANCE_SHEET_UNBALANCED,
    FindingCode.INCOME_STATEMENT_INCONSISTENT,
    FindingCode.DATE_INCONSISTENT,
    FindingCode.REGISTERED_TOO_LATE,
    FindingCode.NOT_REGISTERED_IN_GUANGZHOU,
    FindingCode.FINANCIAL_PERIOD_INVALID,
    FindingCode.PREMISES_NOT_COVERED,
    FindingCode.INVALID_CREDIT_CODE,
    FindingCode.INVALID_ID_NUMBER,
})
_STATEMENTS = (DocType.BALANCE_SHEET, DocType.INCOME_STATEMENT)
_OCR_ENGINES_EXCLUDED = ("text_layer", "none")  # born-digital text is exact: nothing to re-read

EngineSource = Callable[[], OcrEngine]


@dataclasses.dataclass(frozen=True)
class _Candidate:
    name: str
    where: str
    kind: FieldKind
    field: ExtractedField
    page: ReadPage

    @property
    def bbox(self) -> BBox:
        assert self.field.bbox is not None  # only fields read from a region are candidates
        return self.field.bbox


@dataclasses.dataclass(frozen=True)
class Checked:
    """What the check stage hands the report: findings, check runs, and the documents and form as
    the findings saw them (a corrected value or a lowered confidence shows in the report too)."""

    findings: list[Finding]
    checks: list[CheckRun]
    documents: list[DocumentEntry]
    application: Application


def check_with_second_look(ctx: CheckContext, engine: EngineSource) -> Checked:
    """The findings and check runs of `ctx`, after the values behind them were looked at again.

    `engine` is called only when something needs a second look (loading models costs a second).
    """
    findings, runs = run_checks(ctx)
    candidates = list(doubted_values(ctx, findings))
    if not candidates:
        return Checked(findings, runs, list(ctx.documents), ctx.application)
    reader = engine()
    looks = [judge(c.name, c.where, c.kind, c.field, reread_region(c.page.normalized.upright, c.bbox, reader))
             for c in candidates]
    ctx = revised_context(ctx, looks)
    if all(look.verdict is Verdict.CONFIRMED for look in looks):
        # Nothing changed: the findings stand; only the second look's own run has news to tell.
        rule = next(rule for rule in RULES if rule.name == SECOND_LOOK_RULE)
        runs = [run_rule(rule, ctx)[1] if run.check == SECOND_LOOK_RULE else run for run in runs]
    else:
        findings, runs = run_checks(ctx)
    return Checked(findings, runs, list(ctx.documents), ctx.application)


def revised_context(ctx: CheckContext, looks: Sequence[SecondLook]) -> CheckContext:
    """`ctx` with every looked-at value replaced by its revised reading, and the looks recorded."""
    by_key = {region_key(look.first): look for look in looks if look.verdict is not Verdict.CONFIRMED}

    def revise(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
        return {name: _revised(by_key.get(region_key(value)), name, value) for name, value in fields.items()}

    documents = [doc.model_copy(update={"fields": revise(doc.fields)}) for doc in ctx.documents]
    application = ctx.application.model_copy(update={"fields": revise(ctx.application.fields)})
    return dataclasses.replace(ctx, documents=documents, application=application, second_looks=tuple(looks))


def _revised(look: SecondLook | None, name: str, field: ExtractedField) -> ExtractedField:
    """A doubt covers every field read from the same text (a term's start and end); a corrected
    figure only the field it was read for."""
    if look is None or (look.verdict is Verdict.CORRECTED and look.name != name):
        return field
    return look.revised()


def doubted_values(ctx: CheckContext, findings: Iterable[Finding]) -> Iterator[_Candidate]:
    """Each value read by OCR that an error or warning of a LOOKED_AT code points at, once."""
    alarms = [finding for finding in findings
              if finding.code in LOOKED_AT and finding.severity in (Severity.ERROR, Severity.WARNING)]
    known = _values_by_region(ctx) if alarms else {}
    seen: set[tuple[object, ...]] = set()
    for finding in alarms:
        for evidence in finding.evidence:
            for candidate in known.get((evidence.file, evidence.page, evidence.bbox), []):
                key = region_key(candidate.field)
                if key not in seen:
                    seen.add(key)
                    yield candidate


def _values_by_region(ctx: CheckContext) -> dict[tuple[object, ...], list[_Candidate]]:
    """Every value read by OCR from a page region: documents' fields, the scanned form's fields and
    the statements' line items the arithmetic rules read themselves."""
    pages: dict[tuple[str | None, int | None], ReadPage] = {(page.file, page.page): page for page in ctx.pages
             if page.text.engine not in _OCR_ENGINES_EXCLUDED}
    known: dict[tuple[object, ...], list[_Candidate]] = {}

    def add(name: str, where: str, kind: FieldKind, field: ExtractedField) -> None:
        page = pages.get((field.file, field.page))
        if page is None or field.bbox is None or not field.raw:
            return
        known.setdefault((field.file, field.page, field.bbox), []).append(
            _Candidate(name, where, kind, field, page))

    for doc in ctx.documents:
        for name, field in doc.fields.items():
            add(name, doc_label(doc.doc_type), kind_of(name), field)
        if doc.doc_type in _STATEMENTS:
            for label, field in statement_amounts(ctx.pages_of(doc)).items():
                add(label, doc_label(doc.doc_type), FieldKind.MONEY, field)
    for name, field in ctx.application.fields.items():
        add(name, "申请表", kind_of(name), field)
    return known

