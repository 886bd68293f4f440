"""The 申请表 grid of the call (seed 000_7a0238f6e9582398), as rows of cells on 7 columns.

The scanned form, the .docx and the .xlsx are all drawn from these rows, so the three say the
same thing in the same layout.
"""

from __future__ import annotations

import random
from typing import Any

from . import fmt
from .pools import CATEGORIES, CATEGORY_LABELS, EDUCATION_LABELS, EDUCATION_VALUES
from .tables import Cell

TITLE = "广州市中小企业服务站申请表"
SECTION_1 = "一、申请（运营）主体基本情况"
SECTION_2 = "二、近两年运营情况（单位：万元）"
SECTION_3 = "三、中小企业服务站相关情况"
FIGURE_HEADERS = ("年度", "营业收入", "其中：服务收入", "资产总额", "利润总额", "上缴税金", "服务中小微企业户数")
FIGURE_KEYS = ("revenue", "service_revenue", "total_assets", "total_profit", "taxes_paid", "smes_served")


def form_style(rng: random.Random) -> dict[str, Any]:
    """Spelling choices an applicant makes once for the whole form."""
    return {"date": rng.choice(("cn", "cn", "dash", "dot", "cn0")), "area": rng.choice(("平方米", "㎡", "m²", "")),
            "check": rng.choice(("√", "√", "✓")), "staff_spaces": rng.choice(("", " ", "  "))}


def checkbox_list(labels: tuple[str, ...], chosen: int | None, mark: str, sep: str = "； ") -> str:
    return sep.join(f"{i + 1}. {label}（{mark if i == chosen else ' '}）" for i, label in enumerate(labels)) + "；"


def _value_texts(form: dict[str, Any], style: dict[str, Any]) -> dict[str, str]:
    rng = random.Random(0)  # spellings are fixed by `style`; this rng only satisfies the helpers' signature
    t: dict[str, str] = {}
    for key in ("entity_name", "office_address", "industry", "entity_nature", "legal_representative",
                "registered_address", "postal_code", "contact_name", "contact_phone", "contact_email", "station_name",
                "station_address", "station_head", "station_head_phone", "station_head_email", "credit_code"):
        t[key] = str(form.get(key, ""))
    reg = form.get("registration_date")
    t["registration_date"] = fmt.date_text(rng, reg, style["date"]) if reg else ""
    t["park_opening"] = fmt.month_text(random.Random(len(form.get("entity_name", ""))), form["park_opening"]) \
        if form.get("park_opening") else ""
    t["enterprises_served"] = str(form.get("enterprises_served", ""))
    area = form.get("station_area")
    t["station_area"] = "" if area is None else f"{area:g}{style['area']}"
    for year in (2017, 2018):
        for key in FIGURE_KEYS:
            v = form.get(f"{key}_{year}")
            t[f"{key}_{year}"] = "" if v is None else (str(v) if key == "smes_served" else fmt.wan(v))
    return t


def form_rows(form: dict[str, Any], style: dict[str, Any], credit_row: bool) -> tuple[list[list[Cell]], int]:
    """All rows of the form, and the index of the first row of section 三 (where page 2 may start)."""
    t = _value_texts(form, style)
    mark = style["check"]
    category_index = CATEGORIES[form["entity_category"]][0] - 1 if form.get("entity_category") else None
    edu = form.get("station_head_education")
    edu_index = EDUCATION_VALUES.index(edu) if edu else None
    sp = style["staff_spaces"]
    staff = (f"服务站工作人员：专职（{sp}{form.get('staff_fulltime', '')}{sp}）人，其中：大专或中级职称以上"
             f"（{sp}{form.get('staff_fulltime_qualified', '')}{sp}）人；兼职（{sp}{form.get('staff_parttime', '')}{sp}）人。")
    rows: list[list[Cell]] = [
        [Cell(SECTION_1, 7)],
        [Cell("名称："), Cell(t["entity_name"], 2, "entity_name"), Cell("办公地址："), Cell(t["office_address"], 3, "office_address")],
        [Cell("类型"), Cell(checkbox_list(CATEGORY_LABELS, category_index, mark), 6, "entity_category")],
        [Cell("服务对象主导产业或所属行业", 2), Cell(t["industry"], 5, "industry")],
        [Cell("注册日期："), Cell(t["registration_date"], 1, "registration_date"), Cell("单位性质："),
         Cell(t["entity_nature"], 1, "entity_nature"), Cell("法人代表："), Cell(t["legal_representative"], 2, "legal_representative")],
        [Cell("注册地址："), Cell(t["registered_address"], 3, "registered_address"), Cell("邮政编码："),
         Cell(t["postal_code"], 2, "postal_code")],
    ]
    if credit_row:
        rows.append([Cell("统一社会信用代码：", 2), Cell(t["credit_code"], 5, "credit_code")])
    rows += [
        [Cell("联系人："), Cell(t["contact_name"], 1, "contact_name"), Cell("联系电话（固话+手机）："),
         Cell(t["contact_phone"], 2, "contact_phone"), Cell("电子邮箱："), Cell(t["contact_email"], 1, "contact_email")],
        [Cell("开园时间（年/月）："), Cell(t["park_opening"] or "（园区填写）", 1, "park_opening" if t["park_opening"] else None),
         Cell("服务企业数量（家）：", 2), Cell(t["enterprises_served"], 3, "enterprises_served")],
        [Cell(SECTION_2, 7)],
        [Cell(h, align="center") for h in FIGURE_HEADERS],
    ]
    for year in (2017, 2018):
        rows.append([Cell(str(year), align="center")] +
                    [Cell(t[f"{k}_{year}"], 1, f"{k}_{year}", align="center") for k in FIGURE_KEYS])
    section_3 = len(rows)
    rows += [
        [Cell(SECTION_3, 7)],
        [Cell("服务站名称："), Cell(t["station_name"], 2, "station_name"), Cell(staff, 4, "staff_fulltime")],
        [Cell("服务站面积："), Cell(t["station_area"], 1, "station_area"), Cell("服务站具体位置："),
         Cell(t["station_address"], 4, "station_address")],
        [Cell("服务站负责人："), Cell(t["station_head"], 1, "station_head"), Cell("联系电话（固话+手机）："),
         Cell(t["station_head_phone"], 2, "station_head_phone"), Cell("电子邮箱："),
         Cell(t["station_head_email"], 1, "station_head_email")],
        [Cell("服务站负责人学历："), Cell(checkbox_list(EDUCATION_LABELS, edu_index, mark), 6, "station_head_education")],
    ]
    return rows, section_3
