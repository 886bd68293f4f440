"""The editable 申请表 in layouts of our own (not the generator's 7-column grid).

docx: a 4-column label/value table for sections 一 and 三, and the figures transposed (indicators as
rows, years as columns). xlsx: one label/value pair per row, figures as numbers in 万元.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from . import fmt
from .docs import CATEGORY_LABELS, CATEGORY_VALUES, EDUCATION_LABELS, EDUCATION_VALUES, checkboxes

FIXED_TIME = datetime.datetime(2019, 6, 1, 10, 0)
TITLE = "广州市中小企业服务站申请表"
FIGURES = (("营业收入", "revenue"), ("其中：服务收入", "service_revenue"), ("资产总额", "total_assets"),
           ("利润总额", "total_profit"), ("上缴税金", "taxes_paid"), ("服务中小微企业户数", "smes_served"))


def _pairs(form: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    first = [("名称", form["entity_name"]), ("办公地址", form["office_address"]),
             ("统一社会信用代码", form["credit_code"]), ("服务对象主导产业或所属行业", form["industry"]),
             ("注册日期", fmt.date_cn(form["registration_date"])), ("单位性质", form["entity_nature"]),
             ("法人代表", form["legal_representative"]), ("注册地址", form["registered_address"]),
             ("邮政编码", form["postal_code"]), ("联系人", form["contact_name"]),
             ("联系电话（固话+手机）", form["contact_phone"]), ("电子邮箱", form["contact_email"]),
             ("开园时间（年/月）", form["park_opening"].replace("-", "年") + "月" if form.get("park_opening") else ""),
             ("服务企业数量（家）", str(form["enterprises_served"]))]
    third = [("服务站名称", form["station_name"]), ("服务站面积", f"{form['station_area']:g}平方米"),
             ("服务站具体位置", form["station_address"]),
             ("服务站工作人员", f"专职（{form['staff_fulltime']}）人，其中：大专或中级职称以上（{form['staff_fulltime_qualified']}）人；"
                          f"兼职（{form['staff_parttime']}）人。"),
             ("服务站负责人", form["station_head"]), ("联系电话（固话+手机）", form["station_head_phone"]),
             ("电子邮箱", form["station_head_email"])]
    return first, third


def _figure(form: dict[str, Any], key: str, year: int) -> str:
    value = form[f"{key}_{year}"]
    return str(value) if key == "smes_served" else fmt.wan(value)


def write_docx(path: Path, form: dict[str, Any]) -> None:
    first, third = _pairs(form)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "仿宋"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    normal.font.size = Pt(11)
    document.add_heading(TITLE, level=1)
    document.add_paragraph("一、申请（运营）主体基本情况")
    table = document.add_table(rows=(len(first) + 1) // 2 + 1, cols=4)
    table.style = "Table Grid"
    for i, (label, value) in enumerate(first):
        row, col = divmod(i, 2)
        table.cell(row, col * 2).text = label + "："
        table.cell(row, col * 2 + 1).text = value
    last = table.rows[-1].cells
    merged = last[1].merge(last[3])
    last[0].text = "类型"
    merged.text = checkboxes(CATEGORY_LABELS, CATEGORY_VALUES.index(form["entity_category"]), "paren")
    document.add_paragraph("二、近两年运营情况（单位：万元，户）")
    figures = document.add_table(rows=len(FIGURES) + 1, cols=3)
    figures.style = "Table Grid"
    for c, text in enumerate(("指标", "2017年", "2018年")):
        figures.cell(0, c).text = text
    for r, (label, key) in enumerate(FIGURES, start=1):
        figures.cell(r, 0).text = label
        figures.cell(r, 1).text = _figure(form, key, 2017)
        figures.cell(r, 2).text = _figure(form, key, 2018)
    document.add_paragraph("三、中小企业服务站相关情况")
    station = document.add_table(rows=len(third) + 1, cols=2)
    station.style = "Table Grid"
    for r, (label, value) in enumerate(third):
        station.cell(r, 0).text = label + "："
        station.cell(r, 1).text = value
    station.cell(len(third), 0).text = "服务站负责人学历："
    station.cell(len(third), 1).text = checkboxes(EDUCATION_LABELS, EDUCATION_VALUES.index(form["station_head_education"]), "paren")
    document.add_paragraph("申请单位（盖章）：　　　　　　　　法定代表人（签字）：")
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.save(str(path))


def write_xlsx(path: Path, form: dict[str, Any]) -> None:
    first, third = _pairs(form)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "服务站申请表"
    ws.append([TITLE])
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    ws.append(["一、申请（运营）主体基本情况"])
    for label, value in first:
        ws.append([label, value])
    ws.append(["类型", checkboxes(CATEGORY_LABELS, CATEGORY_VALUES.index(form["entity_category"]), "paren")])
    ws.append(["二、近两年运营情况（单位：万元）"])
    ws.append(["年度"] + [label for label, _ in FIGURES])
    for year in (2017, 2018):
        ws.append([year] + [form[f"{k}_{year}"] if k == "smes_served" else round(form[f"{k}_{year}"] / 10000, 2)
                            for _, k in FIGURES])
    ws.append(["三、中小企业服务站相关情况"])
    for label, value in third:
        ws.append([label, value])
    ws.append(["服务站负责人学历", checkboxes(EDUCATION_LABELS, EDUCATION_VALUES.index(form["station_head_education"]), "paren")])
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 48
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(str(path))
