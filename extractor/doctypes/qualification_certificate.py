"""职业资格证书 / 执业证书 / 职业技能等级证书: holder, qualification, number, issue date.

专业技术资格证书 (a 职称) is title_certificate; `(?<!技术)` keeps 资格证书 from claiming it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.textsearch import ANY_DATE, SPLIT_NAME, search_joined, to_field
from extractor.fieldfind import Located, find_labelled
from extractor.pages import PageText, ReadPage
from schemas.documents import QualificationCertificateFields
from schemas.kinds import FieldKind
from schemas.vocab import DocType

_LABELS = ("姓名", "性别", "身份证号", "身份证件号码", "公民身份号码", "出生日期", "文化程度", "工作单位",
           "职业(工种)及等级", "职业(工种)", "职业名称", "资格名称", "资格级别",
           "证书编号", "管理号", "发证日期", "签发日期", "批准日期", "取得时间", "发证机关")


def _labelled(pages: Sequence[ReadPage], labels: tuple[str, ...], pattern: str | None = None) -> Located | None:
    stops = tuple(label for label in _LABELS if label not in labels and not any(label in own for own in labels))
    return find_labelled(pages, labels, stop_labels=stops, value_pattern=pattern)


def _without_titles(pages: Sequence[ReadPage]) -> list[ReadPage]:
    """The pages without their 职业资格证书 heading, so a bare 职业资格 label cell can be looked up
    without the heading's line (or the line under it) passing for the value."""
    return [ReadPage(page.normalized, PageText([ln for ln in page.text.lines if not re.search(r"证[书节]", ln.text)],
                                               page.text.engine)) for page in pages]


def extract(pages: Sequence[ReadPage]) -> QualificationCertificateFields:
    holder = to_field(_labelled(pages, ("姓名",), r"^[\u4e00-\u9fff·]{2,6}") or search_joined(pages, SPLIT_NAME),
                      FieldKind.NAME)
    qualification = _labelled(pages, ("职业(工种)及等级", "职业(工种)", "职业名称", "资格名称", "执业类别", "职业资格:"),
                              r"^(?!证[书节])[\u4e00-\u9fff()]{2,30}")
    qualification = qualification or _labelled(_without_titles(pages), ("职业资格",), r"^[\u4e00-\u9fff()]{2,30}")
    number = _labelled(pages, ("证书编号", "管理号", "编号"), r"[0-9A-Za-z]{6,24}")
    issue = _labelled(pages, ("发证日期", "签发日期", "批准日期", "取得时间", "取得日期"))
    issue_field = to_field(issue, FieldKind.DATE)
    if issue_field is None:
        issue_field = to_field(search_joined(pages, rf"({ANY_DATE})"), FieldKind.DATE, 0.7)
    return QualificationCertificateFields(holder_name=holder, qualification=to_field(qualification, FieldKind.TEXT),
                                          certificate_no=to_field(number, FieldKind.CODE), issue_date=issue_field)


SPEC = DocTypeSpec(
    doc_type=DocType.QUALIFICATION_CERTIFICATE,
    titles=(
        r"(?<![、,，;；(（及和与或])(?:职业资格证[书节]|执业(?:资格)?证[书节]|职业技能(?:等级)?证[书节]|"
        r"(?<!技术)(?<!职称)(?<!任职)(?<!职业)(?<!从业)资格证[书节]|技能等级证[书节]|从业资格证[书节]?|上岗证)(?![、,，;；)）及和与或…]|编号)",
    ),
    keywords=("职业(工种)", "职业资格", "技能等级", "执业", "国家职业资格", "人力资源和社会保障", "鉴定"),
    extract=extract,
)
