"""The district summary table (汇总表): one row per submission, built from its Report, as .xlsx.

Used by `packetcheck batch` (OUT_DIR/summary.xlsx) and by the web service's export, so both write
the same columns in the same order. Values come from the application form first and fall back on
the business licence, because the form is what the applicant claims and the table lists claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ConfigDict, Field

from extractor.normalize.gazetteer import GUANGZHOU_DISTRICTS
from schemas import DocType, ExtractedField, FieldValue, Report, Severity
from service.atomic import save_workbook_atomic
from service.labels import VALUE_LABEL

TITLE = "广州市中小企业服务站申报汇总表"


class SummaryRow(BaseModel):
    """One line of the 汇总表; `column_values()` gives the cells in COLUMNS order."""

    model_config = ConfigDict(frozen=True)

    index: int | None = Field(default=None, description="序号; None = numbered by position on write")
    district: str = ""
    entity_name: str = ""
    credit_code: str = ""
    station_name: str = ""
    entity_category: str = Field(default="", description="Chinese label, e.g. 科技园区")
    registration_date: str = ""
    staff_fulltime: int | None = None
    station_area: float | None = Field(default=None, description="m²")
    revenue_2018_wan: float | None = Field(default=None, description="万元, as the form states it")
    errors: int = 0
    warnings: int = 0
    status: str = ""

    def column_values(self, position: int) -> list[FieldValue | None]:
        return [
            self.index if self.index is not None else position,
            self.district, self.entity_name, self.credit_code, self.station_name,
            self.entity_category, self.registration_date, self.staff_fulltime, self.station_area,
            self.revenue_2018_wan, self.errors, self.warnings, self.status,
        ]


# (header, column width in characters)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6), ("区", 9), ("申报主体名称", 34), ("统一社会信用代码", 22),
    ("服务站名称", 30),
    ("类型", 13), ("注册日期", 12), ("专职人数", 9), ("服务站面积", 11),
    ("2018 年营业收入（万元）", 14), ("错误数", 8), ("警告数", 8), ("审核状态", 12),
)


def _claimed(report: Report, name: str) -> ExtractedField | None:
    """The form's value of `name`, else the registration certificate's (licence first)."""
    form_value = report.application.fields.get(name)
    if form_value is not None:
        return form_value
    for doc in report.documents_of(DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE):
        if name in doc.fields:
            return doc.fields[name]
    return None


def _text(field: ExtractedField | None) -> str:
    return "" if field is None else str(field.value)


def _number(field: ExtractedField | None) -> float | None:
    if field is None or isinstance(field.value, str):
        return None
    return float(field.value)


def district_of(report: Report) -> str:
    """The district named in the station, office or registered address, or "" if none names one."""
    for name in ("station_address", "office_address", "registered_address"):
        address = _text(_claimed(report, name))
        for district in GUANGZHOU_DISTRICTS:
            if district in address:
                return district
    return ""


def summary_row(
    report: Report, district: str | None = None, status: str = "", index: int | None = None
) -> SummaryRow:
    """The 汇总表 row of one report; `district=None` reads it from the addresses."""
    category = _text(_claimed(report, "entity_category"))
    staff = _number(_claimed(report, "staff_fulltime"))
    revenue_yuan = _number(_claimed(report, "revenue_2018"))
    return SummaryRow(
        index=index,
        district=district_of(report) if district is None else district,
        entity_name=_text(_claimed(report, "entity_name")),
        credit_code=_text(_claimed(report, "credit_code")),
        station_name=_text(_claimed(report, "station_name")),
        entity_category=VALUE_LABEL.get(category, category),
        registration_date=_text(_claimed(report, "registration_date")),
        staff_fulltime=None if staff is None else int(staff),
        station_area=_number(_claimed(report, "station_area")),
        # reports hold yuan; the table states 万元 like the form, rounded to the form's precision
        revenue_2018_wan=None if revenue_yuan is None else round(revenue_yuan / 10000, 4),
        errors=report.count(Severity.ERROR),
        warnings=report.count(Severity.WARNING),
        status=status,
    )


def failed_row(name: str, district: str = "", status: str = "处理失败") -> SummaryRow:
    """The row of a submission that produced no report, so it is still listed and counted."""
    return SummaryRow(district=district, entity_name=name, status=status)


_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _build_workbook(rows: Sequence[SummaryRow], title: str) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has one active sheet
    sheet.title = "汇总表"
    last_column = get_column_letter(len(COLUMNS))
    sheet.merge_cells(f"A1:{last_column}1")
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for column, (header, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[2].height = 32
    for position, row in enumerate(rows, start=1):
        for column, value in enumerate(row.column_values(position), start=1):
            cell = sheet.cell(row=position + 2, column=column, value=value)
            cell.border = _BORDER
    sheet.freeze_panes = "A3"
    return workbook


def write_summary_xlsx(rows: Sequence[SummaryRow], path: Path, title: str = TITLE) -> Path:
    """Write the table to `path` atomically: a reader sees the old file or the new one, never half."""
    path = Path(path)
    save_workbook_atomic(_build_workbook(rows, title), path)
    return path
