"""资产负债表 read as a table: the 期末 column on the item's side, unit, entity and closing date."""

from __future__ import annotations

import numpy as np
import pytest

from extractor.doctypes import balance_sheet
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.95,
            engine: str = "rapidocr") -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=7, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], engine))


def row(y: float, *cells: tuple[str, float, float]) -> list[tuple[str, tuple[float, float, float, float]]]:
    return [(text, (x0, y, x1, y + 0.015)) for text, x0, x1 in cells]


HEADER = [
    ("资产负债表", (0.42, 0.05, 0.58, 0.08)),
    ("会企01表", (0.80, 0.06, 0.88, 0.075)),
    ("编制单位：广州市天河区星河科技园管理有限公司", (0.08, 0.10, 0.45, 0.115)),
    ("2018年12月31日", (0.55, 0.10, 0.68, 0.115)),
    ("单位：元", (0.85, 0.10, 0.92, 0.115)),
]
SIDE_BY_SIDE = HEADER + row(0.14, ("资产", 0.10, 0.14), ("期末余额", 0.26, 0.33), ("年初余额", 0.41, 0.48),
                            ("负债和所有者权益", 0.52, 0.66), ("期末余额", 0.72, 0.79), ("年初余额", 0.87, 0.94)) + \
    row(0.40, ("流动资产合计", 0.08, 0.19), ("800,000.00", 0.27, 0.35), ("700,000.00", 0.42, 0.50),
        ("负债合计", 0.52, 0.60), ("300,000.50", 0.73, 0.81), ("250,000.00", 0.88, 0.96)) + \
    row(0.45, ("非流动资产合计", 0.08, 0.20), ("434,567.89", 0.27, 0.35), ("300,000.00", 0.42, 0.50),
        ("所有者权益（或股东权益）合计", 0.52, 0.70), ("(934,567.39)", 0.73, 0.81), ("750,000.00", 0.88, 0.96)) + \
    row(0.50, ("资产总计", 0.08, 0.15), ("1,234,567.89", 0.26, 0.35), ("1,000,000.00", 0.41, 0.50),
        ("负债和所有者权益总计", 0.52, 0.68), ("1,234,567.89", 0.72, 0.81), ("1,000,000.00", 0.87, 0.96))


def test_side_by_side_reads_the_closing_column_of_each_side() -> None:
    fields = balance_sheet.extract([page_of(SIDE_BY_SIDE)])
    assert fields.total_assets is not None and fields.total_assets.value == 1234567.89
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 300000.5
    assert fields.total_equity is not None and fields.total_equity.value == -934567.39
    assert fields.entity_name is not None and fields.entity_name.value == "广州市天河区星河科技园管理有限公司"
    assert fields.period_end is not None and fields.period_end.value == "2018-12-31"
    assert fields.total_assets.page == 7 and fields.total_assets.file == "binder.pdf"
    x0, _, x1, _ = fields.total_assets.bbox or (0, 0, 0, 0)
    assert 0.25 < x0 < x1 < 0.36  # the 期末 cell, not the 年初 one


def test_empty_closing_cell_is_not_filled_from_the_opening_column() -> None:
    lines = [line for line in SIDE_BY_SIDE if line[0] != "300,000.50"]
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_liabilities is None


def test_ten_thousand_yuan_unit_and_row_numbers() -> None:
    lines = [("资产负债表", (0.42, 0.05, 0.58, 0.08)), ("编制单位：广州市某某行业协会", (0.08, 0.10, 0.40, 0.115)),
             ("2019年4月30日", (0.50, 0.10, 0.62, 0.115)), ("金额单位：万元", (0.82, 0.10, 0.94, 0.115))]
    lines += row(0.14, ("项目", 0.15, 0.20), ("行次", 0.42, 0.46), ("期末余额", 0.55, 0.63), ("年初余额", 0.78, 0.86))
    lines += row(0.50, ("资产总计", 0.08, 0.16), ("16", 0.43, 0.45), ("123.45", 0.60, 0.66), ("100.00", 0.83, 0.89))
    lines += row(0.60, ("负债合计", 0.08, 0.16), ("25", 0.43, 0.45), ("23.45", 0.60, 0.66), ("20.00", 0.83, 0.89))
    lines += row(0.70, ("净资产合计", 0.08, 0.16), ("30", 0.43, 0.45), ("100.00", 0.60, 0.66), ("80.00", 0.83, 0.89))
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_assets is not None and fields.total_assets.value == pytest.approx(1234500.0)
    assert fields.total_liabilities is not None and fields.total_liabilities.value == pytest.approx(234500.0)
    assert fields.total_equity is not None and fields.total_equity.value == pytest.approx(1000000.0)
    assert fields.period_end is not None and fields.period_end.value == "2019-04-30"


def test_text_layer_row_as_one_line() -> None:
    """A PDF text layer may join a whole row; columns are then placed by character widths."""
    lines = [("资产负债表", (0.42, 0.05, 0.58, 0.08)), ("单位：元", (0.85, 0.10, 0.92, 0.115)),
             ("项目 期末余额 年初余额", (0.10, 0.14, 0.90, 0.155)),
             ("资产总计 5,000.00 4,000.00", (0.10, 0.50, 0.90, 0.515))]
    fields = balance_sheet.extract([page_of(lines, 1.0, "text_layer")])
    assert fields.total_assets is not None and fields.total_assets.value == 5000.0


def test_without_headers_takes_the_first_amount_with_lower_confidence() -> None:
    lines = [("资产负债表", (0.42, 0.05, 0.58, 0.08))]
    lines += row(0.50, ("资产总计", 0.08, 0.16), ("38", 0.43, 0.45), ("9,999.00", 0.60, 0.66), ("8,888.00", 0.83, 0.89))
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_assets is not None and fields.total_assets.value == 9999.0
    assert fields.total_assets.confidence < 0.95


@pytest.mark.parametrize(("text", "is_title"), [
    ("资产负债表会企01表编制单位", True),
    ("目录一、申请表二、营业执照五、财务报表(资产负债表、利润表)", False),
    ("资产负债表日后事项", False),
])
def test_title(text: str, is_title: bool) -> None:
    import re
    assert any(re.search(t, text) for t in balance_sheet.SPEC.titles) is is_title


def test_closing_date_off_a_month_end_is_doubted() -> None:
    lines = [line if line[0] != "2018年12月31日" else ("2018年1月31日", line[1]) for line in SIDE_BY_SIDE]
    sure = balance_sheet.extract([page_of(lines)]).period_end
    odd = [line if line[0] != "2018年1月31日" else ("2018年1月30日", line[1]) for line in lines]
    doubted = balance_sheet.extract([page_of(odd)]).period_end
    assert sure is not None and doubted is not None and doubted.value == "2018-01-30"
    assert doubted.confidence < sure.confidence


def test_number_split_into_two_boxes_and_label_slip() -> None:
    lines = [line for line in SIDE_BY_SIDE if line[0] not in ("300,000.50", "所有者权益（或股东权益）合计")]
    lines += [("300,000.", (0.73, 0.40, 0.79, 0.415)), (".50", (0.785, 0.40, 0.81, 0.415)),
              ("所有者校益合计", (0.52, 0.45, 0.62, 0.465))]
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 300000.5
    assert fields.total_equity is not None and fields.total_equity.value == -934567.39


def test_totals_whose_label_has_one_ocr_slip_are_still_read() -> None:
    from extractor.doctypes.statement_table import fuzzy_label_spans
    from extractor.pages import TextLine

    lines = [TextLine(text, (0.1, 0.1 * i, 0.2, 0.1 * i + 0.02), 0.9)
             for i, text in enumerate(["货产总计", "负信合计", "流动负债合计", "资本公积", "资产总计"])]
    assert [s.line.text for s in fuzzy_label_spans(lines, "资产总计")] == ["货产总计"]
    assert [s.line.text for s in fuzzy_label_spans(lines, "负债合计")] == ["负信合计"]


# Narrow columns: 期末 and 年初 amounts only ~0.011 page-width apart, as a hand-laid form prints them.
NARROW_HEADER = HEADER + row(0.14, ("资产", 0.10, 0.14), ("期末余额", 0.22, 0.29), ("年初余额", 0.31, 0.38),
                             ("负债和所有者权益", 0.52, 0.66), ("期末余额", 0.72, 0.79), ("年初余额", 0.81, 0.88))


def test_two_complete_amounts_in_adjacent_boxes_are_not_merged() -> None:
    lines = NARROW_HEADER + row(0.50, ("资产总计", 0.08, 0.15), ("28,460,315.72", 0.19, 0.289),
                                ("25,045,077.83", 0.30, 0.39),
                                ("负债合计", 0.52, 0.60), ("9,100,000.00", 0.70, 0.789), ("8,000,000.00", 0.80, 0.89))
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_assets is not None and fields.total_assets.value == 28460315.72
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 9100000.0


def test_two_amounts_read_as_one_box_are_split() -> None:
    lines = NARROW_HEADER + row(0.50, ("资产总计", 0.08, 0.15), ("28,460,315.7225,045,077.83", 0.19, 0.39),
                                ("负债合计", 0.52, 0.60), ("9,100,000.008,000,000.00", 0.70, 0.89))
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_assets is not None and fields.total_assets.value == 28460315.72
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 9100000.0
    x0, _, x1, _ = fields.total_assets.bbox or (0, 0, 0, 0)
    assert 0.18 < x0 < x1 < 0.30  # the first half of the box: the 期末 column


def test_a_cut_number_is_still_joined_but_an_ungrouped_inserted_point_is_not_split() -> None:
    from extractor.doctypes.statement_table import _numbers
    from extractor.pages import TextLine

    cut = [TextLine("781", (0.20, 0.5, 0.23, 0.515), 0.9), TextLine("458.40", (0.235, 0.5, 0.29, 0.515), 0.9)]
    assert [s.text for s in _numbers(cut)] == ["781458.40"]
    inserted = [TextLine("47.01407.78", (0.20, 0.5, 0.29, 0.515), 0.9)]
    assert [s.text for s in _numbers(inserted)] == ["47.01407.78"]


@pytest.mark.parametrize(("left", "right", "joined"), [
    # boxes as RapidOCR cut them on a scanned 利润表: each overlaps the other by about one digit
    (("6,081.2", 0.6272, 0.6814), (".25", 0.6724, 0.6975), "6,081.25"),
    (("63,035.", 0.6164, 0.6795), (".19", 0.6696, 0.6972), "63,035.19"),
    (("894", 0.6171, 0.6447), ("489.56", 0.6397, 0.698), "89489.56"),
    (("26,1", 0.8212, 0.8496), (",162.99", 0.8413, 0.9012), "26,162.99"),
    # touching but not overlapping: nothing was read twice, even where the digits repeat
    (("781", 0.20, 0.23), ("158.40", 0.235, 0.29), "781158.40"),
])
def test_overlapping_fragments_print_the_characters_both_read_once(
        left: tuple[str, float, float], right: tuple[str, float, float], joined: str) -> None:
    from extractor.doctypes.statement_table import _numbers
    from extractor.pages import TextLine

    lines = [TextLine(text, (x0, 0.4168, x1, 0.4314), 0.99) for text, x0, x1 in (left, right)]
    assert [s.text for s in _numbers(lines)] == [joined]


def test_a_misread_own_header_never_borrows_the_other_sides_column() -> None:
    """Two-sided sheet whose left 期末余额 header OCR misread (湖末余额): 资产总计 must not take the
    amount under the right side's 期末余额 (the 实收资本 on the same row)."""
    from tests.test_fieldfind import _page
    from extractor.doctypes.balance_sheet import SPEC
    from extractor.pages import TextLine

    def line(text: str, x0: float, x1: float, y: float) -> TextLine:
        return TextLine(text, (x0, y, x1, y + 0.015), 0.95)

    lines = [
        line("资产负债表", 0.42, 0.58, 0.07), line("单位：元", 0.84, 0.92, 0.125),
        line("资产", 0.14, 0.19, 0.16), line("湖末余额", 0.27, 0.34, 0.16), line("年初余额", 0.40, 0.47, 0.16),
        line("负债和所有者权益", 0.52, 0.65, 0.16), line("期末余额", 0.69, 0.76, 0.16),
        line("年初余额", 0.83, 0.90, 0.16),
        line("资产总计", 0.08, 0.15, 0.43), line("32,299,047.60", 0.26, 0.36, 0.43),
        line("10,329,589.87", 0.39, 0.50, 0.43), line("实收资本", 0.51, 0.58, 0.43),
        line("1,500,000.00", 0.69, 0.79, 0.43), line("1,500,000.00", 0.82, 0.93, 0.43),
    ]
    fields = SPEC.extract([_page(lines)])
    assert fields.total_assets is not None and fields.total_assets.value == 32299047.60


def test_a_comma_read_as_a_point_keeps_one_amount_grouped_in_threes() -> None:
    from extractor.doctypes.statement_table import _numbers
    from extractor.pages import TextLine

    misread = [TextLine("10,659.183.01", (0.595, 0.769, 0.698, 0.782), 0.94)]
    assert [s.text for s in _numbers(misread)] == ["10,659.183.01"]
    lines = NARROW_HEADER + row(0.50, ("所有者权益合计", 0.52, 0.64), ("10,659.183.01", 0.70, 0.79),
                                ("5,998,773.26", 0.81, 0.88))
    fields = balance_sheet.extract([page_of(lines)])
    assert fields.total_equity is not None and fields.total_equity.value == 10659183.01


def _sheet(liabilities: str, liabilities_confidence: float, assets: str = "20,481,801.22",
           grand: str = "20,481,801.22") -> ReadPage:
    """The liabilities side of a sheet (recorded from a 150 DPI scan), with the totals given."""
    cells = NARROW_HEADER + row(0.40, ("流动资产合计", 0.08, 0.19), ("12,000,000.00", 0.22, 0.29),
                                ("流动负债合计", 0.52, 0.64), ("9,767,741.94", 0.72, 0.79)) + \
        row(0.45, ("非流动资产合计", 0.08, 0.20), ("8,481,801.22", 0.22, 0.29),
            ("非流动负债合计", 0.52, 0.65), ("54,876.27", 0.72, 0.79)) + \
        row(0.50, ("负债合计", 0.52, 0.60), (liabilities, 0.72, 0.79)) + \
        row(0.55, ("资产总计", 0.08, 0.15), (assets, 0.22, 0.29),
            ("所有者权益合计", 0.52, 0.64), ("10,659,183.01", 0.72, 0.79)) + \
        row(0.60, ("负债和所有者权益总计", 0.52, 0.68), (grand, 0.72, 0.79))
    page = page_of(cells)
    page.text.lines[:] = [TextLine(line.text, line.bbox, liabilities_confidence if line.text == liabilities else 0.97)
                          for line in page.text.lines]
    return page


def test_a_doubtful_total_is_put_right_when_subtotals_and_grand_total_agree() -> None:
    fields = balance_sheet.extract([_sheet("的822018.21", 0.78)])
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 9822618.21
    assert fields.total_liabilities.raw == "822018.21"  # what was read stays visible
    assert fields.total_liabilities.confidence < 0.97


def test_a_total_read_with_confidence_is_never_replaced() -> None:
    # An edited total with untouched subtotals is a falsification sign for the checks to report.
    fields = balance_sheet.extract([_sheet("9,900,000.00", 0.97)])
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 9900000.0


def test_a_doubtful_total_stays_when_the_other_figures_do_not_confirm_it() -> None:
    fields = balance_sheet.extract([_sheet("的822018.21", 0.78, grand="21,000,000.00")])
    assert fields.total_liabilities is not None and fields.total_liabilities.value == 822018.21


def test_a_doubtful_asset_total_takes_the_grand_total_its_subtotals_make() -> None:
    fields = balance_sheet.extract([_sheet("9,822,618.21", 0.97, assets="2O,481,8O1.22")])
    assert fields.total_assets is not None and fields.total_assets.value == 20481801.22
    unbalanced = balance_sheet.extract([_sheet("9,822,618.21", 0.97, assets="20,481,801.22", grand="20,581,801.22")])
    assert unbalanced.total_assets is not None and unbalanced.total_assets.value == 20481801.22


@pytest.mark.parametrize(("printed", "trusted"), [
    ("12,876,444.74", True), ("10,659.183.01", True), ("2.287,790.18", True), ("822018.21", True),
    ("(1,234.56)", True), ("-85.97", True), ("0.00", True),
    ("228,7779.01", False), ("47.01407.78", False), ("1,870.12.72", False), ("1,2345", False),
])
def test_an_amount_grouped_unlike_any_printed_amount_is_not_trusted(printed: str, trusted: bool) -> None:
    from extractor.doctypes.statement_table import is_well_grouped

    assert is_well_grouped(printed) is trusted
    lines = NARROW_HEADER + row(0.50, ("所有者权益合计", 0.52, 0.64), (printed, 0.70, 0.79), ("5.00", 0.81, 0.88))
    equity = balance_sheet.extract([page_of(lines)]).total_equity
    assert equity is not None and (equity.confidence >= 0.9) is trusted
