"""Money in yuan, areas in m² and head counts, as printed on licences, leases, statements and forms."""

from __future__ import annotations

import pytest

from extractor.normalize import find_money_in, iter_money_in, parse_area, parse_count, parse_money

MONEY = [
    # the forms named in the task
    ("壹佰万元整", 1_000_000.0),
    ("伍仟万圆整", 50_000_000.0),
    ("人民币5000.0000万元", 50_000_000.0),
    ("20万元人民币", 200_000.0),
    # capital and lower-case numerals
    ("人民币壹拾万元整", 100_000.0),
    ("壹仟贰佰叁拾肆元伍角陆分", 1234.56),
    ("叁万元整", 30_000.0),
    ("壹亿零伍佰万元", 105_000_000.0),
    ("貳拾萬元整", 200_000.0),
    ("五十万元", 500_000.0),
    ("两百万元", 2_000_000.0),
    # Arabic numbers, prefixes and units
    ("1,234.56", 1234.56),
    ("￥1,234.56", 1234.56),
    ("¥ 5,000.00", 5000.0),
    ("RMB 100万", 1_000_000.0),
    ("1.5亿元", 150_000_000.0),
    ("500 万元", 5_000_000.0),
    ("5000元/月", 5000.0),
    ("１２３４．５６元", 1234.56),
    ("0", 0.0),
    ("0.00", 0.0),
    # negatives
    ("(1,234.56)", -1234.56),
    ("（1,234.56）", -1234.56),
    ("-1,234.56", -1234.56),
    ("−1,234.56", -1234.56),
    ("(1,234.56万元)", -12_345_600.0),
    ("(1423888.02", -1_423_888.02),   # a statement cell whose closing bracket OCR dropped
    ("（ 1,234.56", -1234.56),
    ("1,234.56)", -1234.56),          # ... or its opening one
    ("(1", 1.0),                       # a list marker, not a bracketed amount
    # OCR noise inside numbers
    ("1,234.5б", 1234.56),
    ("1O0", 100.0),
    ("1,234。56", 1234.56),
    ("1,234,56", 1234.56),
    ("1.234.567", 1_234_567.0),
    ("1 234.56", 1234.56),
    ("1,234. 56", 1234.56),
    ("1 2 3 4 . 5 6", 1234.56),  # Tesseract chi_sim spacing
    ("5 0 0 万元", 5_000_000.0),
    ("2,9971244.27", 2_997_244.27),  # RapidOCR read the second comma as 1
    ("1,2341567,890.00", 1_234_567_890.0),
    ("500 (万元)", 5_000_000.0),
    # OCR misreads of capital numerals (measured: RapidOCR read 壹佰万元整 as 壹佰方元整)
    ("人民币壹佰方元整", 1_000_000.0),
    ("壹伯万元整", 1_000_000.0),
    ("伍任万元整", 50_000_000.0),
    ("壹佰万无整", 1_000_000.0),
    # the unit stated before the number, as form labels do
    ("注册资本（万元）：500", 5_000_000.0),
    ("单位：万元 1,234.56", 12_345_600.0),
    # a longer line: the first amount, dates and percentages skipped
    ("2018年营业收入 1,234.56万元", 12_345_600.0),
    ("月租金：人民币伍仟元整（¥5,000.00）", 5000.0),
    ("2018.12.31 余额 300.00", 300.0),
    # not money
    ("-", None),
    ("—", None),
    ("/", None),
    ("", None),
    ("   ", None),
    ("abc", None),
    ("12.5%", None),
    ("3人", None),
    ("100㎡", None),
    ("2018.12.31", None),
    ("第一", None),
    ("万元", None),
    ("统一社会信用代码91440105XDHY84E89M", None),  # digits of a code
    ("广州市海珠区南洲路309号宏泰广场736室", None),  # an address
]


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_parse_money(text: str, expected: float | None) -> None:
    assert parse_money(text) == expected


DEFAULT_UNIT = [
    ("1,234.56", "万元", 12_345_600.0),
    ("1,234.56", "元", 1234.56),
    ("1,234.56元", "万元", 1234.56),  # the text's own unit wins over the table's
    ("壹佰万元整", "万元", 1_000_000.0),
    ("(12.5)", "万元", -125_000.0),
    ("3", "亿元", 300_000_000.0),
    ("1.2", "千元", 1200.0),
]


@pytest.mark.parametrize(("text", "unit", "expected"), DEFAULT_UNIT)
def test_default_unit_applies_only_to_numbers_without_a_unit(text: str, unit: str, expected: float) -> None:
    assert parse_money(text, default_unit=unit) == expected


def test_unknown_default_unit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown money unit"):
        parse_money("12", default_unit="美元")


@pytest.mark.parametrize("bad", [None, 12, 3.5])
def test_parse_money_refuses_non_text_without_raising(bad: object) -> None:
    assert parse_money(bad) is None  # type: ignore[arg-type]


MONEY_SPANS = [
    ("注册资本 人民币500万元 整", (5_000_000.0, 8, 13)),
    ("营业收入（万元）： 1,234.56", (12_345_600.0, 10, 18)),
    ("注册资本：壹佰万元整", (1_000_000.0, 5, 10)),
    ("净利润 (12.30)", (-12.3, 4, 11)),
    ("利润总额 -2.51", (-2.51, 5, 10)),
]


@pytest.mark.parametrize(("text", "expected"), MONEY_SPANS)
def test_find_money_in_returns_the_span_of_the_original_text(
    text: str, expected: tuple[float, int, int]
) -> None:
    assert find_money_in(text) == expected


AREAS = [
    ("100㎡", 100.0),
    ("100平方米", 100.0),
    ("100m2", 100.0),
    ("100m²", 100.0),
    ("100 平米", 100.0),
    ("100M2", 100.0),
    ("建筑面积：120.5平方米", 120.5),
    ("１２０．５㎡", 120.5),
    ("1,200.5㎡", 1200.5),
    ("120.00", 120.0),
    ("第3层 面积86.4平方米", 86.4),
    ("85. 00㎡", 85.0),
    ("10亩", None),
    ("", None),
    ("abc", None),
]


@pytest.mark.parametrize(("text", "expected"), AREAS)
def test_parse_area(text: str, expected: float | None) -> None:
    assert parse_area(text) == expected


COUNTS = [
    ("3人", 3),
    ("三人", 3),
    ("3", 3),
    ("3 人", 3),
    ("共12名", 12),
    ("十二人", 12),
    ("两人", 2),
    ("120家", 120),
    ("1,200家", 1200),
    ("3.0", 3),
    ("３人", 3),
    ("3.5人", None),
    ("-3", None),
    ("", None),
    ("abc", None),
    ("人", None),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_parse_count(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


def test_iter_money_in_reads_a_table_row() -> None:
    row = "2017 276.62 254.08 (3.50) 12.5% 20.03"
    amounts = [value for value, _, _ in iter_money_in(row, "万元")]
    assert amounts == [20_170_000.0, 2_766_200.0, 2_540_800.0, -35_000.0, 200_300.0]
    for value, start, end in iter_money_in(row, "万元"):
        assert parse_money(row[start:end], "万元") == value


def test_iter_money_in_without_amounts() -> None:
    assert iter_money_in("所有者权益合计") == []
    assert iter_money_in("") == []
