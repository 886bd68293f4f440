"""资产负债表: totals read as a table (期末余额, not 年初余额), entity and closing date from the header."""

from __future__ import annotations

import calendar
from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.cross_foot import (
    SUBTOTAL_ITEMS,
    cross_footed_assets,
    cross_footed_liabilities,
    is_doubtful,
)
from extractor.doctypes.statement_table import (
    BALANCE_COLUMNS,
    BALANCE_ITEMS,
    amount_field,
    read_entity,
    read_items,
    read_period,
    statement_unit,
)
from extractor.pages import ReadPage
from schemas.documents import BalanceSheetFields
from schemas.vocab import DocType

MONTH_ONLY_FACTOR = 0.85  # "2018年12月" read as its last day
NOT_MONTH_END_FACTOR = 0.6  # statements close on a month end: 2019年1月30日 is likely a misread 4月30日


def _is_month_end(iso: str) -> bool:
    year, month, day = (int(part) for part in iso.split("-"))
    return day == calendar.monthrange(year, month)[1]


def extract(pages: Sequence[ReadPage]) -> BalanceSheetFields:
    unit = statement_unit(pages)
    items = read_items(pages, BALANCE_ITEMS, BALANCE_COLUMNS)
    fields = BalanceSheetFields(entity_name=read_entity(pages))
    for field_name, item_name in (("total_assets", "资产总计"), ("total_liabilities", "负债合计"),
                                  ("total_equity", "所有者权益合计")):
        if item_name in items:
            setattr(fields, field_name, amount_field(items[item_name], unit))
    if any(is_doubtful(total) for total in (fields.total_assets, fields.total_liabilities) if total is not None):
        subtotals = {name: amount for name, item in read_items(pages, SUBTOTAL_ITEMS, BALANCE_COLUMNS).items()
                     if (amount := amount_field(item, unit)) is not None}
        fields.total_liabilities = cross_footed_liabilities(fields.total_liabilities, fields.total_equity, subtotals)
        fields.total_assets = cross_footed_assets(fields.total_assets, subtotals)
    period = read_period(pages)
    if period is not None:
        exact = any(ch == "日" for ch in period.located.text) or "-" in period.located.text
        confidence = period.located.confidence * (1.0 if exact else MONTH_ONLY_FACTOR)
        if not _is_month_end(period.end):
            confidence *= NOT_MONTH_END_FACTOR
        fields.period_end = period.located.to_field(period.end, confidence)
    return fields


SPEC = DocTypeSpec(
    doc_type=DocType.BALANCE_SHEET,
    titles=(r"(?<![、,，;；(（及和与])资产负[债價]表(?![、,，;；)）及和与…]|日后|附注)",),
    keywords=("资产总计", "负债合计", "流动资产", "非流动资产", "所有者权益", "净资产合计", "期末余额",
              "年初余额", "负债和所有者权益"),
    extract=extract,
    multi_page=True,
)
