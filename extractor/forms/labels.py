"""The application form's printed labels (seed call, 附件 申请表) and the SPEC field each one fills.

One table serves the editable .docx/.xlsx form and the scanned form, so both read the same
labels into the same field names. Labels are compared on compact text (NFKC, no white space),
so `名称：` and `名 称:` are the same label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.fieldfind import compact


@dataclass(frozen=True)
class FormLabel:
    field: str
    variants: tuple[str, ...]  # compact spellings, longest first is not required


# Simple "label：value" fields, in the order the seed form prints them. Phone and e-mail appear
# twice (applicant's contact and the station head): `contextual_field` picks which one.
SIMPLE_LABELS: tuple[FormLabel, ...] = (
    FormLabel("entity_name", ("申请(运营)主体名称", "申请单位名称", "单位名称", "主体名称", "名称")),
    FormLabel("office_address", ("办公地址",)),
    FormLabel("industry", ("服务对象主导产业或所属行业", "服务对象主导产业", "主导产业或所属行业",
                           "所属行业", "主导产业")),
    FormLabel("registration_date", ("注册日期", "成立日期", "注册时间")),
    FormLabel("entity_nature", ("单位性质",)),
    FormLabel("legal_representative", ("法人代表", "法定代表人", "法定代表")),
    FormLabel("registered_address", ("注册地址",)),
    FormLabel("postal_code", ("邮政编码", "邮编")),
    FormLabel("credit_code", ("统一社会信用代码", "社会信用代码", "信用代码")),
    FormLabel("contact_name", ("联系人",)),
    FormLabel("contact_phone", ("联系电话(固话+手机)", "联系电话(固话+手机号)", "联系电话", "电话")),
    FormLabel("contact_email", ("电子邮箱", "电子邮件", "邮箱", "E-mail", "Email")),
    FormLabel("park_opening", ("开园时间(年/月)", "开园时间(年月)", "开园时间")),
    FormLabel("enterprises_served", ("服务企业数量(家)", "服务企业数量", "服务企业数")),
    FormLabel("station_name", ("服务站名称",)),
    FormLabel("station_staff", ("服务站工作人员", "工作人员")),
    FormLabel("station_area", ("服务站面积(平方米)", "服务站面积(m2)", "服务站面积(㎡)", "服务站面积")),
    FormLabel("station_address", ("服务站具体位置", "服务站地址", "具体位置")),
    FormLabel("station_head_education", ("服务站负责人学历", "负责人学历")),
    FormLabel("station_head", ("服务站负责人", "负责人")),
    FormLabel("entity_category", ("类型",)),
)
"""`station_staff` is not a SPEC field: its cell holds the three staff counts (see values.py)."""

# Fields whose label is shared by the applicant's contact and the station head.
STATION_HEAD_VARIANT = {"contact_phone": "station_head_phone", "contact_email": "station_head_email"}
STATION_HEAD_ANCHORS = ("服务站负责人", "负责人")

# Labels that never hold a value themselves: headings of the form and its table.
HEADING_LABELS: tuple[str, ...] = (
    "一、申请(运营)主体基本情况", "二、近两年运营情况(单位:万元)", "二、近两年运营情况",
    "三、中小企业服务站相关情况", "(园区填写)", "年度",
)

# The figures table: column header → SPEC field prefix (the year is appended).
FIGURE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service_revenue", ("其中:服务收入", "其中服务收入", "服务收入", "其中:服务")),
    ("revenue", ("营业收入", "营业收")),
    ("total_assets", ("资产总额", "资产总计")),
    ("total_profit", ("利润总额",)),
    ("taxes_paid", ("上缴税金", "缴纳税金", "上缴税费")),
    ("smes_served", ("服务中小微企业户数", "服务中小微企业数", "服务企业户数", "服务中小")),
)
FIGURE_YEARS = (2017, 2018)

_ALL_VARIANTS: list[tuple[str, str]] = sorted(
    ((compact(v), label.field) for label in SIMPLE_LABELS for v in label.variants),
    key=lambda item: -len(item[0]),
)
_COLON = ":"
FUZZY_MIN_LENGTH = 5  # shorter labels with a wrong character are too often other words
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")  # not `Email`: `xmail.com` is half an address


@dataclass(frozen=True)
class LabelHit:
    field: str
    start: int  # where the label starts in the compact text
    end: int    # where the value may start (after the label and its colon)


def label_hits(text: str) -> list[LabelHit]:
    """Every label in `text` (compact), longest first at each place, left to right.

    A label counts at the very start of the text, or anywhere when a colon follows it: printed
    labels carry a colon, while the same words inside a typed value do not.
    """
    hits: list[LabelHit] = []
    position = 0
    while position < len(text):
        hit = _label_at(text, position)
        if hit is None:
            position += 1
            continue
        hits.append(hit)
        position = hit.end
    return hits


def _label_at(text: str, position: int) -> LabelHit | None:
    for variant, field in _ALL_VARIANTS:
        if not text.startswith(variant, position):
            continue
        end = position + len(variant)
        has_colon = text.startswith(_COLON, end)
        if position == 0 or has_colon or _at_item_start(text, position):
            return LabelHit(field, position, end + (1 if has_colon else 0))
    if position == 0:
        return _misread_label(text)
    return None


def _misread_label(text: str) -> LabelHit | None:
    """A long label with one character misread (服务站负费人) still counts at a cell's start."""
    for variant, field in _ALL_VARIANTS:
        if len(variant) < FUZZY_MIN_LENGTH or len(text) < len(variant) or not _CJK_ONLY.match(variant):
            continue
        if sum(a != b for a, b in zip(text, variant)) == 1:
            end = len(variant)
            return LabelHit(field, 0, end + (1 if text.startswith(_COLON, end) else 0))
    return None


_ITEM_START = re.compile(r"[;,。|)]$")


def _at_item_start(text: str, position: int) -> bool:
    """A label right after a separator (`…；联系人 张三`) is still a label."""
    return bool(_ITEM_START.search(text[:position]))


def is_label_text(text: str) -> bool:
    """Whether a cell or OCR line starts with a label of the form (so it is not a value)."""
    cleaned = compact(text)
    hits = label_hits(cleaned)
    if hits and hits[0].start == 0:
        return True
    return any(cleaned.startswith(compact(h)) for h in HEADING_LABELS) or any(
        cleaned.startswith(compact(v)) for _, variants in FIGURE_COLUMNS for v in variants)
