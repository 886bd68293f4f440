"""利润表 / 损益表 (业务活动表 for associations): the income chain read as a table, period from the header.

The column is 本期金额 / 本年累计, never 上期金额 or 本月数. The intermediate items a consistency
rule needs (营业利润, 营业外收入, 营业外支出) stay out of SPEC's fields: rules read them through
`statement_table.read_statement_items`.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.statement_table import (
    INCOME_COLUMNS,
    INCOME_ITEMS,
    amount_field,
    read_entity,
    read_items,
    read_period,
    statement_unit,
)
from extractor.pages import ReadPage
from schemas.documents import IncomeStatementFields
from schemas.vocab import DocType

INFERRED_START_FACTOR = 0.8  # period start taken as 1 January because only the closing date is printed


def extract(pages: Sequence[ReadPage]) -> IncomeStatementFields:
    unit = statement_unit(pages)
    items = read_items(pages, INCOME_ITEMS, INCOME_COLUMNS)
    fields = IncomeStatementFields(entity_name=read_entity(pages))
    for field_name, item_name in (("revenue", "营业收入"), ("total_profit", "利润总额"),
                                  ("income_tax", "所得税费用"), ("net_profit", "净利润")):
        if item_name in items:
            setattr(fields, field_name, amount_field(items[item_name], unit))
    period = read_period(pages)
    if period is not None:
        located = period.located
        fields.period_end = located.to_field(period.end)
        if period.start is not None:
            factor = 1.0 if period.explicit_start else INFERRED_START_FACTOR
            fields.period_start = located.to_field(period.start, located.confidence * factor)
    return fields


SPEC = DocTypeSpec(
    doc_type=DocType.INCOME_STATEMENT,
    titles=(r"(?<![、,，;；(（及和与])(?:利[润潤]表|损益表|利润及利润分配表|业务活动表|收入支出表)(?![、,，;；)）及和与…]|附注)",),
    # Not 营业收入 / 利润总额: the application form's figures table prints those too.
    keywords=("营业成本", "营业利润", "净利润", "所得税费用", "营业外收入", "营业外支出", "税金及附加",
              "本期金额", "上期金额", "本年累计"),
    extract=extract,
    multi_page=True,
)
