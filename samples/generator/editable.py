"""The editable 申请表 as an applicant fills the template: python-docx table or openpyxl grid."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from .form_layout import TITLE, form_rows

FIXED_TIME = datetime.datetime(2019, 6, 1, 9, 0)  # not 'now': the output must not depend on the clock


def write_docx(path: Path, form: dict[str, Any], style: dict[str, Any], credit_row: bool) -> None:
    rows, _ = form_rows(form, style, credit_row)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "宋体"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    normal.font.size = Pt(10.5)
    document.add_paragraph("附件")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(16)
    table = document.add_table(rows=len(rows), cols=7)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            target = table.cell(r, col)
            if cell.span > 1:
                target = target.merge(table.cell(r, col + cell.span - 1))
            target.text = cell.text
            if cell.align == "center":
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            col += cell.span
    document.add_paragraph()
    document.add_paragraph("申请单位（盖章）：                    法定代表人（签字）：")
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.save(str(path))


def write_xlsx(path: Path, form: dict[str, Any], style: dict[str, Any], credit_row: bool) -> None:
    rows, _ = form_rows(form, style, credit_row)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "申请表"
    thin = Side(style="thin")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    ws.cell(1, 1, TITLE).font = Font(name="宋体", size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    # Some applicants type the figures as numbers, others as text; the choice is fixed per form.
    numeric = len(str(form.get("entity_name", ""))) % 2 == 0
    for r, row in enumerate(rows, start=2):
        col = 1
        for cell in row:
            value: str | float | int = cell.text
            if numeric and cell.key and cell.key[-5:] in ("_2017", "_2018") and cell.text:
                value = int(cell.text) if cell.key.startswith("smes_served") else float(cell.text)
            target = ws.cell(r, col, value)
            target.alignment = Alignment(wrap_text=True, vertical="center",
                                         horizontal="center" if cell.align == "center" else "left")
            target.font = Font(name="宋体", size=10.5)
            for c in range(col, col + cell.span):
                ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.span > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + cell.span - 1)
            col += cell.span
        ws.row_dimensions[r].height = 32
    for letter, width in zip("ABCDEFG", (16, 14, 14, 16, 14, 14, 18)):
        ws.column_dimensions[letter].width = width
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(str(path))
