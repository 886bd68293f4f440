"""The statements' own arithmetic: 资产 = 负债 + 所有者权益; the profit chain of 利润表."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence

from extractor.checks.compare import rounding_tolerance
from extractor.checks.context import CheckContext
from extractor.checks.facts import Reader, as_number, make_finding, show_money
from extractor.checks.registry import Outcome, ran, rule, skipped
from extractor.pages import ReadPage
from schemas.fields import ExtractedField
from schemas.findings import Finding
from schemas.vocab import DocType, FindingCode

MIN_TOLERANCE = 1.0  # yuan, for statements printed to the fen
STATEMENT_ROUNDING = 0.005
MIN_CONFIDENCE_ITEM = 0.6


def _tolerance(*fields: ExtractedField) -> float:
    """Printed rounding adds up: three figures in 万元 with two decimals may be 150 yuan apart."""
    return max(MIN_TOLERANCE, sum(rounding_tolerance(f, STATEMENT_ROUNDING) for f in fields))


GRAND_TOTAL = "负债和所有者权益总计"


def _unbalanced(assets: ExtractedField, other_side: list[tuple[str, ExtractedField]]) -> Finding | None:
    """A finding when 资产总计 differs from the labelled figures of the other side (负债合计 +
    所有者权益合计, or the printed 负债和所有者权益总计)."""
    numbers = [as_number(f) for f in [assets, *(field for _, field in other_side)]]
    if any(n is None for n in numbers):
        return None
    asset_value, *parts = (float(n) for n in numbers)  # type: ignore[arg-type]
    gap = asset_value - sum(parts)
    fields = [assets, *(field for _, field in other_side)]
    if abs(gap) <= _tolerance(*fields):
        return None
    stated = " + ".join(f"{label} {show_money(value)}" for (label, _), value in zip(other_side, parts, strict=True))
    return make_finding(
        FindingCode.BALANCE_SHEET_UNBALANCED, "total_assets",
        f"资产负债表资产总计 {show_money(asset_value)} ≠ {stated}（相差 {show_money(gap)}）",
        expected=round(sum(parts), 2), found=asset_value, sources=fields)


@rule("balance_sheet_balances", FindingCode.BALANCE_SHEET_UNBALANCED)
def balance_sheet_balances(ctx: CheckContext) -> Outcome:
    sheets = ctx.documents_of(DocType.BALANCE_SHEET)
    if not sheets:
        return skipped("no balance sheet found")
    reader, findings, checked = Reader(), [], []
    for sheet in sheets:
        assets = reader.need(sheet.fields, "total_assets", "资产负债表")
        if assets is None or as_number(assets) is None:
            continue
        probe = Reader()  # an unreadable side is remarked on only when the grand total cannot stand in
        liabilities = probe.need(sheet.fields, "total_liabilities", "资产负债表")
        equity = probe.need(sheet.fields, "total_equity", "资产负债表")
        if liabilities is not None and equity is not None:
            other_side = [("负债合计", liabilities), ("所有者权益合计", equity)]
        else:
            # A total unreadable on one side: the identity still holds against the printed grand total.
            grand = _items_as_fields(ctx.pages_of(sheet)).get(GRAND_TOTAL)
            grand = ctx.revised(grand) if grand is not None else None
            if grand is None or grand.confidence < MIN_CONFIDENCE_ITEM:
                reader.adopt(probe)
                continue
            other_side = [(GRAND_TOTAL, grand)]
        checked.append(" + ".join(label for label, _ in other_side))
        finding = _unbalanced(assets, other_side)
        if finding is not None:
            findings.append(finding)
    if not checked:
        return skipped("balance sheet totals unreadable", reader.remarks)
    return ran(findings + reader.remarks, f"{len(checked)} balance sheet(s) checked: 资产总计 = {', '.join(checked)}")


AmountReader = Callable[[Sequence[ReadPage]], Mapping[str, ExtractedField]]


def _statement_amount_reader() -> AmountReader | None:
    """The colleague's table reader (line items as yuan, header unit applied), when installed."""
    try:
        module = importlib.import_module("extractor.doctypes.statement_table")
    except ImportError:
        return None
    return getattr(module, "statement_amounts", None)


def _items_as_fields(pages: Sequence[ReadPage]) -> dict[str, ExtractedField]:
    """营业利润 etc. read from the statement's table, each with its own provenance."""
    reader = _statement_amount_reader()
    if reader is None or not pages:
        return {}
    return {label: value for label, value in reader(pages).items()
            if value.confidence >= MIN_CONFIDENCE_ITEM and as_number(value) is not None}


# Each chain: (terms with their signs, the total they must make, the SPEC field it concerns).
_CHAINS: tuple[tuple[tuple[tuple[str, int], ...], str], ...] = (
    ((("营业利润", 1), ("营业外收入", 1), ("营业外支出", -1)), "利润总额"),
    ((("利润总额", 1), ("所得税费用", -1)), "净利润"),
)
_FROM_FIELDS = {"利润总额": "total_profit", "所得税费用": "income_tax", "净利润": "net_profit"}


def _sign_slip(signed: Sequence[tuple[str, float]], stated: float, tolerance: float) -> str | None:
    """The one figure whose sign, flipped, makes the chain hold, or None. OCR drops the minus sign or
    the brackets of a loss far more often than a statement is misprinted, so such a chain is kept
    as a remark rather than raised."""
    computed = sum(value for _, value in signed)
    for label, value in signed:
        if value != 0 and abs(computed - 2 * value - stated) <= tolerance:
            return label
    return None


def _chain_findings(values: Mapping[str, ExtractedField]) -> tuple[list[Finding], int, list[str]]:
    findings: list[Finding] = []
    notes: list[str] = []
    checked = 0
    for terms, total_label in _CHAINS:
        involved = [label for label, _ in terms] + [total_label]
        if any(label not in values or as_number(values[label]) is None for label in involved):
            continue
        checked += 1
        signed = [(label, sign * float(as_number(values[label]) or 0.0)) for label, sign in terms]
        computed = sum(value for _, value in signed)
        stated = float(as_number(values[total_label]) or 0.0)
        fields = [values[label] for label in involved]
        tolerance = _tolerance(*fields)
        if abs(computed - stated) <= tolerance:
            continue
        # The stated total with its sign lost is the same slip as every term's sign lost.
        slip = _sign_slip(signed, stated, tolerance) or (total_label if abs(computed + stated) <= tolerance
                                                          and stated != 0 else None)
        if slip is not None:
            notes.append(f"{total_label} chain holds if the sign of {slip} is flipped: likely a lost minus sign")
            continue
        formula = " ".join(("+ " if sign > 0 else "− ") + label for label, sign in terms)[2:]
        findings.append(make_finding(
            FindingCode.INCOME_STATEMENT_INCONSISTENT, "total_profit",
            f"利润表 {formula} = {show_money(computed)}，但{total_label}为 {show_money(stated)}，勾稽关系不成立",
            expected=round(computed, 2), found=stated, sources=fields))
    return findings, checked, notes


@rule("income_statement_chain", FindingCode.INCOME_STATEMENT_INCONSISTENT)
def income_statement_chain(ctx: CheckContext) -> Outcome:
    statements = ctx.documents_of(DocType.INCOME_STATEMENT)
    if not statements:
        return skipped("no income statement found")
    reader, findings, checked, notes = Reader(), [], 0, []
    for statement in statements:
        values = {label: revised for label, item in _items_as_fields(ctx.pages_of(statement)).items()
                  if (revised := ctx.revised(item)).confidence >= MIN_CONFIDENCE_ITEM}
        for label, name in _FROM_FIELDS.items():
            trusted = reader.need(statement.fields, name, "利润表")
            if trusted is not None:
                values[label] = trusted  # the extractor's reading of the totals wins
            else:
                values.pop(label, None)
        found, chains, slips = _chain_findings(values)
        findings.extend(found)
        notes.extend(slips)
        checked += chains
    if not checked:
        return skipped("income statement items unreadable", reader.remarks)
    detail = "; ".join([f"{checked} profit chain(s) checked", *notes])
    return ran(findings + reader.remarks, detail)
