"""The 汇总表: columns, values taken from the form (licence as fallback), units, failed rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from schemas import (
    Application,
    ApplicationSource,
    DocType,
    DocumentEntry,
    ExtractedField,
    Finding,
    FindingCode,
    PageRef,
    Report,
    Severity,
)
from service.summary import COLUMNS, failed_row, summary_row, write_summary_xlsx

HEADERS = ["序号", "区", "申报主体名称", "统一社会信用代码", "服务站名称", "类型", "注册日期", "专职人数",
           "服务站面积", "2018 年营业收入（万元）", "错误数", "警告数", "审核状态"]


def field(value: str | float | int) -> ExtractedField:
    return ExtractedField(value=value, confidence=0.95)


def finding(code: FindingCode, severity: Severity) -> Finding:
    return Finding(code=code, severity=severity, message="…")


@pytest.fixture
def report() -> Report:
    licence = DocumentEntry(index=1, doc_type=DocType.BUSINESS_LICENSE, pages=[PageRef(file="b.pdf", page=2)],
                            fields={"credit_code": field("91440101MA59U2LX0T"),
                                    "registration_date": field("2015-03-12"),
                                    "entity_name": field("执照上的名称")})
    form = {"entity_name": field("广州市天河区示例科技有限公司"), "station_name": field("示例服务站"),
            "entity_category": field("science_park"), "staff_fulltime": field(2), "station_area": field(120.5),
            "revenue_2018": field(12_345_000.0), "station_address": field("广州市天河区体育西路1号")}
    return Report(submission="tianhe-2019-017", documents=[licence],
                  application=Application(source=ApplicationSource.DOCX, fields=form),
                  findings=[finding(FindingCode.FIELD_MISMATCH, Severity.ERROR),
                            finding(FindingCode.MISSING_SEAL, Severity.WARNING),
                            finding(FindingCode.DATE_INCONSISTENT, Severity.WARNING),
                            finding(FindingCode.UNREADABLE_FIELD, Severity.INFO)])


def test_row_prefers_the_form_and_falls_back_on_the_licence(report: Report) -> None:
    row = summary_row(report, status="待审核")
    assert row.entity_name == "广州市天河区示例科技有限公司"  # the claim, not the licence's reading
    assert row.credit_code == "91440101MA59U2LX0T" and row.registration_date == "2015-03-12"
    assert row.district == "天河区" and row.entity_category == "科技园区"
    assert row.revenue_2018_wan == 1234.5 and row.staff_fulltime == 2 and row.station_area == 120.5
    assert (row.errors, row.warnings, row.status) == (1, 2, "待审核")
    assert summary_row(report, district="越秀区").district == "越秀区"


def test_xlsx_has_title_styled_header_widths_and_rows(report: Report, tmp_path: Path) -> None:
    path = write_summary_xlsx([summary_row(report, status="待审核"), failed_row("broken-07")],
                              tmp_path / "out" / "summary.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert "汇总表" in str(sheet["A1"].value) and "A1:M1" in [str(r) for r in sheet.merged_cells.ranges]
    assert [cell.value for cell in sheet[2]] == HEADERS == [header for header, _ in COLUMNS]
    assert all(cell.font.bold for cell in sheet[2])
    assert sheet.column_dimensions["C"].width >= 30
    assert [cell.value for cell in sheet[3]] == [
        1, "天河区", "广州市天河区示例科技有限公司", "91440101MA59U2LX0T", "示例服务站", "科技园区",
        "2015-03-12", 2, 120.5, 1234.5, 1, 2, "待审核"]
    assert [cell.value for cell in sheet[4]][:3] == [2, None, "broken-07"]
    assert sheet[4][12].value == "处理失败"
    assert sheet.max_row == 4
    assert [p.name for p in path.parent.iterdir()] == ["summary.xlsx"]  # no temp file left


def test_empty_report_gives_an_empty_but_valid_row(tmp_path: Path) -> None:
    empty = Report(submission="x", application=Application(source=ApplicationSource.NONE))
    row = summary_row(empty)
    assert (row.entity_name, row.district, row.revenue_2018_wan, row.errors) == ("", "", None, 0)
    sheet = openpyxl.load_workbook(write_summary_xlsx([row], tmp_path / "s.xlsx")).active
    assert sheet is not None and sheet.max_row == 3
