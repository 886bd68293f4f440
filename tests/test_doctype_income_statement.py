"""利润表 read as a table: 本期金额 not 上期金额, the period from the header, the chain items."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import income_statement
from extractor.doctypes.statement_table import read_statement_items, statement_amounts
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.93) -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=9, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], "rapidocr"))


def statement(period: str, unit: str = "元", current_header: str = "本期金额", previous_header: str = "上期金额",
              ) -> list[tuple[str, tuple[float, float, float, float]]]:
    lines = [("利润表", (0.44, 0.05, 0.56, 0.08)), ("会企02表", (0.80, 0.06, 0.88, 0.075)),
             ("编制单位：广州粤创咨询服务有限公司", (0.08, 0.10, 0.40, 0.115)), (period, (0.55, 0.10, 0.66, 0.115)),
             (f"单位：{unit}", (0.85, 0.10, 0.92, 0.115)),
             ("项目", (0.20, 0.14, 0.24, 0.155)), ("行次", (0.45, 0.14, 0.49, 0.155)),
             (current_header, (0.57, 0.14, 0.65, 0.155)), (previous_header, (0.80, 0.14, 0.88, 0.155))]
    items = [("一、营业收入", "3,456,789.00", "2,000,000.00"), ("减：营业成本", "2,000,000.00", "1,500,000.00"),
             ("二、营业利润", "400,000.00", "100,000.00"), ("加：营业外收入", "12,000.00", "0.00"),
             ("减：营业外支出", "2,000.00", "0.00"), ("三、利润总额", "410,000.00", "100,000.00"),
             ("减：所得税费用", "41,000.00", "10,000.00"), ("四、净利润", "369,000.00", "90,000.00")]
    for index, (label, current, previous) in enumerate(items, start=1):
        y = 0.17 + 0.04 * index
        lines += [(label, (0.10, y, 0.30, y + 0.015)), (str(index), (0.46, y, 0.48, y + 0.015)),
                  (current, (0.58, y, 0.68, y + 0.015)), (previous, (0.81, y, 0.91, y + 0.015))]
    return lines


def test_current_column_and_annual_period() -> None:
    fields = income_statement.extract([page_of(statement("2018年度"))])
    assert fields.revenue is not None and fields.revenue.value == 3456789.0
    assert fields.total_profit is not None and fields.total_profit.value == 410000.0
    assert fields.income_tax is not None and fields.income_tax.value == 41000.0
    assert fields.net_profit is not None and fields.net_profit.value == 369000.0
    assert fields.period_start is not None and fields.period_start.value == "2018-01-01"
    assert fields.period_end is not None and fields.period_end.value == "2018-12-31"
    assert fields.entity_name is not None and fields.entity_name.value == "广州粤创咨询服务有限公司"


def test_four_months_in_ten_thousand_yuan() -> None:
    fields = income_statement.extract([page_of(statement("2019年1-4月", unit="万元"))])
    assert fields.period_start is not None and fields.period_start.value == "2019-01-01"
    assert fields.period_end is not None and fields.period_end.value == "2019-04-30"
    assert fields.revenue is not None and fields.revenue.value == pytest.approx(3456789.0 * 10000)


def test_closing_date_only_gives_an_inferred_start() -> None:
    fields = income_statement.extract([page_of(statement("2018年12月31日", current_header="本年累计数",
                                                        previous_header="本月数"))])
    assert fields.period_end is not None and fields.period_end.value == "2018-12-31"
    assert fields.period_start is not None and fields.period_start.value == "2018-01-01"
    assert fields.period_start.confidence < fields.period_end.confidence
    assert fields.revenue is not None and fields.revenue.value == 3456789.0


def test_chain_items_for_the_checks() -> None:
    pages = [page_of(statement("2018年度"))]
    items = read_statement_items(pages)
    assert {"营业利润", "营业外收入", "营业外支出", "利润总额"} <= items.keys()
    assert items["营业外收入"].text == "12,000.00"
    amounts = statement_amounts(pages)
    chain = amounts["营业利润"].value + amounts["营业外收入"].value - amounts["营业外支出"].value
    assert chain == amounts["利润总额"].value


@pytest.mark.parametrize(("text", "is_title"), [
    ("利润表会企02表", True), ("损益表", True), ("业务活动表", True),
    ("财务报表(资产负债表、利润表)", False), ("资产负债表及利润表", False),
])
def test_title(text: str, is_title: bool) -> None:
    assert any(re.search(t, text) for t in income_statement.SPEC.titles) is is_title


@pytest.mark.parametrize(("printed", "normalised"), [
    ("-184.987.31", "-184987.31"),  # OCR read the thousands commas as points
    ("42.506.03", "42506.03"), ("(1,234,567.89)", "(1234567.89)"), ("1,234", "1234"), ("1,234,56", "1234.56"),
    ("0.00", "0.00"), ("12.5", "12.5"),
])
def test_amount_text_separators(printed: str, normalised: str) -> None:
    from extractor.doctypes.statement_table import amount_text
    assert amount_text(printed) == normalised


def test_points_for_commas_in_the_table() -> None:
    lines = [line if line[0] != "410,000.00" else ("-410.000.00", line[1]) for line in statement("2018年度")]
    fields = income_statement.extract([page_of(lines)])
    assert fields.total_profit is not None and fields.total_profit.value == -410000.0


@pytest.mark.parametrize(("printed", "start", "end"), [
    ("2019年1-4.月", "2019-01-01", "2019-04-30"),  # a stray point read into the heading
    ("2018年1月1日至2018年12月31日", "2018-01-01", "2018-12-31"),
    ("2018.12.31", "2018-01-01", "2018-12-31"),
    ("2019年4月", "2019-01-01", "2019-04-30"),
])
def test_period_headings(printed: str, start: str, end: str) -> None:
    fields = income_statement.extract([page_of(statement(printed))])
    assert fields.period_start is not None and fields.period_start.value == start
    assert fields.period_end is not None and fields.period_end.value == end
