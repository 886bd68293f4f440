"""A balance sheet's totals checked against the sheet's own subtotals before they are believed.

A balance sheet prints each total twice over: 负债合计 = 流动负债合计 + 非流动负债合计, and 资产总计 =
流动资产合计 + 非流动资产合计 = 负债和所有者权益总计. When OCR is unsure of a total (a low score, as
for 的822018.21, or only a piece of an amount read) and two other printed figures agree with each other
but not with it, the total was misread: it is replaced by the agreeing figure. A total read with
confidence is never replaced — an edited total with untouched subtotals is a finding, not a slip.
"""

from __future__ import annotations

import re

from extractor.doctypes.statement_table import BALANCE_ITEMS
from schemas.fields import ExtractedField

SUBTOTAL_ITEMS: dict[str, str] = {
    "流动资产合计": r"(?<!非)流动资产(?:合计|总计)",
    "非流动资产合计": r"非流动资产(?:合计|总计)",
    "流动负债合计": r"(?<!非)流动负债(?:合计|总计)",
    "非流动负债合计": r"非流动负债(?:合计|总计)",
    "负债和所有者权益总计": BALANCE_ITEMS["负债和所有者权益总计"],
}
TOLERANCE = 0.5        # yuan: the sheet's own rounding
DOUBTFUL_BELOW = 0.9   # OCR confidence under which a total may be a misread
CROSS_FOOT_FACTOR = 0.9
# A whole amount as printed, any separator OCR may read for a comma or the point: not a fragment.
_WHOLE_AMOUNT = re.compile(r"[(（]?[-−]?(?:\d{1,3}(?:[,，.:]\d{3})+|\d+)(?:[.,，:]\d{2})?[)）]?")


def is_doubtful(field: ExtractedField) -> bool:
    """OCR was unsure, or what it read is a piece of an amount rather than a whole one."""
    return field.confidence < DOUBTFUL_BELOW or not _WHOLE_AMOUNT.fullmatch((field.raw or "").strip())


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _value(field: ExtractedField | None) -> float | None:
    return float(field.value) if field is not None and isinstance(field.value, (int, float)) else None


def _replaced(total: ExtractedField, value: float, *sources: ExtractedField) -> ExtractedField:
    confidence = min(source.confidence for source in sources) * CROSS_FOOT_FACTOR
    return total.model_copy(update={"value": round(value, 2), "confidence": round(confidence, 3)})


def cross_footed_liabilities(liabilities: ExtractedField | None, equity: ExtractedField | None,
                             amounts: dict[str, ExtractedField]) -> ExtractedField | None:
    """负债合计, or 流动 + 非流动负债合计 when those two plus equity make the printed grand total."""
    current, non_current = amounts.get("流动负债合计"), amounts.get("非流动负债合计")
    grand = amounts.get("负债和所有者权益总计")
    read, parts = _value(liabilities), (_value(current), _value(non_current))
    if liabilities is None or read is None or not is_doubtful(liabilities) or None in parts:
        return liabilities
    summed = sum(p for p in parts if p is not None)
    equity_value, grand_value = _value(equity), _value(grand)
    if _agree(read, summed) or equity_value is None or grand_value is None:
        return liabilities
    if not _agree(summed + equity_value, grand_value):
        return liabilities
    assert current is not None and non_current is not None and grand is not None
    return _replaced(liabilities, summed, current, non_current, grand)


def cross_footed_assets(assets: ExtractedField | None, amounts: dict[str, ExtractedField]) -> ExtractedField | None:
    """资产总计, or the grand total of the other side when the asset subtotals add up to it."""
    grand = amounts.get("负债和所有者权益总计")
    current, non_current = amounts.get("流动资产合计"), amounts.get("非流动资产合计")
    read, grand_value = _value(assets), _value(grand)
    parts = (_value(current), _value(non_current))
    if assets is None or read is None or grand_value is None or not is_doubtful(assets) or None in parts:
        return assets
    if _agree(read, grand_value) or not _agree(sum(p for p in parts if p is not None), grand_value):
        return assets
    assert grand is not None and current is not None and non_current is not None
    return _replaced(assets, grand_value, grand, current, non_current)
