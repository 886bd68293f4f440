"""Dates, date spans in longer lines and term ranges, as printed on licences, leases and forms."""

from __future__ import annotations

import pytest

from extractor.normalize import find_date_in, is_open_ended, parse_date, parse_date_range, parse_period

DATES = [
    # the forms named in the task
    ("2015年3月2日", "2015-03-02"),
    ("2015.03.02", "2015-03-02"),
    ("2015-3-2", "2015-03-02"),
    ("二〇一五年三月十二日", "2015-03-12"),
    ("2015年03月", "2015-03"),
    # OCR-NOTES: 〇 comes back as ○ (RapidOCR 3.x), O or A (Tesseract), or is dropped
    ("二○一五年三月十二日", "2015-03-12"),
    ("二O一五年三月十二日", "2015-03-12"),
    ("二A一五年三月十二日", "2015-03-12"),
    ("二一五年三月十二日", "2015-03-12"),
    ("二零一五年三月十二日", "2015-03-12"),
    ("二〇〇八年八月八日", "2008-08-08"),
    ("二〇二〇年十月三十一日", "2020-10-31"),
    ("二〇二〇年十月", "2020-10"),
    ("一九九九年十二月三十一日", "1999-12-31"),
    # spacing, widths, separators
    ("2015 年 3 月 2 日", "2015-03-02"),
    ("2 0 1 5 年 3 月 1 2 日", "2015-03-12"),  # Tesseract chi_sim spacing
    ("2 0 1 5 . 0 3 . 0 2", "2015-03-02"),
    ("２０１５年３月２日", "2015-03-02"),
    ("2015/3/2", "2015-03-02"),
    ("2015. 03. 02", "2015-03-02"),
    ("20150302", "2015-03-02"),
    ("2015-03", "2015-03"),
    ("2015.3", "2015-03"),
    ("2015年3月2号", "2015-03-02"),
    ("2015年3月2", "2015-03-02"),
    ("2O15年3月2日", "2015-03-02"),
    ("2〇15年3月2日", "2015-03-02"),  # 〇 among Arabic digits is 0
    ("20l5-03-02", "2015-03-02"),
    ("2015年3月2曰", "2015-03-02"),  # 日 read as 曰
    ("2015年O3月O2日", "2015-03-02"),
    ("2014年03月024", "2014-03-02"),  # measured: RapidOCR read 日 as 4
    ("2014年03月0245", "2014-03"),  # four digits: not a day with a misread 日
    ("2015年l2月1日", "2015-12-01"),
    ("二〇一五年三月十二曰", "2015-03-12"),
    ("二〇一五年三月+二日", "2015-03-12"),  # 十 read as +
    ("二〇二〇年+月三+一日", "2020-10-31"),
    # a label or other words around the value
    ("成立日期：2015年3月2日", "2015-03-02"),
    ("发证日期 2020年01月15日 (盖章)", "2020-01-15"),
    ("2000-02-29", "2000-02-29"),
    # not dates
    ("2015年13月2日", None),
    ("2015-02-30", None),
    ("1900-02-29", None),
    ("1850年1月1日", None),
    ("2015年", None),
    ("2015", None),
    ("20151302", None),
    ("二八年三月", None),
    ("", None),
    ("   ", None),
    ("abc", None),
    ("年月日", None),
    ("12.5", None),
    ("1,234.56", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", [None, 20150302, b"2015-03-02"])
def test_parse_date_refuses_non_text_without_raising(bad: object) -> None:
    assert parse_date(bad) is None  # type: ignore[arg-type]
    assert find_date_in(bad) is None  # type: ignore[arg-type]


SPANS = [
    ("成立日期：2015年3月2日", ("2015-03-02", 5, 14)),
    ("营业期限自2015年03月02日至长期", ("2015-03-02", 5, 16)),
    ("日期 ２０１５．３．２ 止", ("2015-03-02", 3, 11)),
    ("签订日期：二〇一五年三月十二日", ("2015-03-12", 5, 15)),
    ("身份证 440102199003071236", None),  # a birth date inside an ID number is not a date on the line
    ("编号 123 2015年3月2日", ("2015-03-02", 7, 16)),  # a number before it stays apart
    ("日期 2 0 1 5 年 3 月 2 日", ("2015-03-02", 3, 20)),  # Tesseract chi_sim spacing
    ("注册资本 500 万元", None),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_find_date_in_returns_the_span_of_the_original_text(
    text: str, expected: tuple[str, int, int] | None
) -> None:
    found = find_date_in(text)
    assert found == expected
    if found is not None:
        assert parse_date(text[found[1]:found[2]]) == found[0]


RANGES = [
    ("2019年1月1日至2021年12月31日", ("2019-01-01", "2021-12-31")),
    ("自2019年1月1日起至2021年12月31日止", ("2019-01-01", "2021-12-31")),
    ("2019.01.01-2021.12.31", ("2019-01-01", "2021-12-31")),
    ("2019-01-01 ~ 2021-12-31", ("2019-01-01", "2021-12-31")),
    ("2019年1月1日 到 2021年12月31日", ("2019-01-01", "2021-12-31")),
    ("二〇一九年一月一日至二〇二一年十二月三十一日", ("2019-01-01", "2021-12-31")),
    ("自2019年1月1日起至长期", ("2019-01-01", None)),
    ("2019-01-01 至 永久", ("2019-01-01", None)),
    ("2019年1月1日至无固定期限", ("2019-01-01", None)),
    ("2019年1月1日至", ("2019-01-01", None)),
    ("至2021年12月31日", (None, "2021-12-31")),
    ("长期", (None, None)),
    ("", None),
    ("营业期限", None),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_parse_date_range(text: str, expected: tuple[str | None, str | None] | None) -> None:
    assert parse_date_range(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("长期", True),
        ("至 永 久", True),
        ("2019年1月1日至无固定期限", True),
        ("2019年1月1日至", False),
        ("", False),
    ],
)
def test_is_open_ended(text: str, expected: bool) -> None:
    assert is_open_ended(text) is expected


PERIODS = [
    ("2018年度", ("2018-01-01", "2018-12-31")),
    ("编制单位：某某公司 2018 年度 单位：元", ("2018-01-01", "2018-12-31")),
    ("2019年1-4月", ("2019-01-01", "2019-04-30")),
    ("2019年1—4月", ("2019-01-01", "2019-04-30")),
    ("2020年1-2月", ("2020-01-01", "2020-02-29")),
    ("2019年1-12月", ("2019-01-01", "2019-12-31")),
    ("2018年1月1日至2018年12月31日", ("2018-01-01", "2018-12-31")),
    ("2018年12月31日", None),
    ("2019年4-1月", None),
    ("会企02表", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_parse_period(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_period(text) == expected
