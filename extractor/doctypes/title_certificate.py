"""职称证书 / 专业技术资格证书: holder, title, level, issue date, number, issuing authority.

The level is read from 资格级别 when printed; otherwise it follows from the title itself
(助理经济师 / 技术员 → junior, 经济师 → intermediate, 高级经济师 / 正高级 → senior), reported with a
lower confidence because it is inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.textsearch import ANY_DATE, SPLIT_NAME, search_joined, to_field
from extractor.fieldfind import Located, find_labelled
from extractor.pages import ReadPage
from schemas.documents import TitleCertificateFields
from schemas.fields import ExtractedField
from schemas.kinds import FieldKind
from schemas.vocab import DocType, TitleLevel

_LABELS = ("姓名", "性别", "出生年月", "出生日期", "工作单位", "资格名称", "职称名称", "专业技术资格", "职务名称",
           "资格级别", "职称级别", "级别", "批准时间", "批准日期", "评审通过时间", "取得时间", "发证日期",
           "证书编号", "发证机关", "批准机关", "发证单位", "审批机关", "专业", "身份证号")
_PRINTED_LEVEL = ((r"正高|高级", TitleLevel.SENIOR), (r"中级", TitleLevel.INTERMEDIATE), (r"初级|员级|助理", TitleLevel.JUNIOR))
INFERRED_LEVEL_FACTOR = 0.8


def _stops(own: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(label for label in _LABELS if label not in own and not any(label in o for o in own))


def _labelled(pages: Sequence[ReadPage], labels: tuple[str, ...], pattern: str | None = None) -> Located | None:
    return find_labelled(pages, labels, stop_labels=_stops(labels), value_pattern=pattern)


def level_of_title(title: str) -> TitleLevel | None:
    """The level a title name implies: 高级X师/正高 senior, 助理X师/X员 junior, X师 intermediate."""
    if re.search(r"正高|高级|教授|研究员(?!助理)", title):
        return TitleLevel.SENIOR
    if re.search(r"助理|员$|技术员|会计员", title):
        return TitleLevel.JUNIOR
    if title.endswith("师"):
        return TitleLevel.INTERMEDIATE
    return None


def _level(pages: Sequence[ReadPage], title: ExtractedField | None) -> ExtractedField | None:
    printed = _labelled(pages, ("资格级别", "职称级别", "级别"), r"^(?:正高级|副高级|高级|中级|初级|员级|助理级)")
    if printed is not None:
        for pattern, level in _PRINTED_LEVEL:
            if re.search(pattern, printed.text):
                return printed.to_field(level.value)
    if title is None:
        return None
    inferred = level_of_title(str(title.value))
    if inferred is None:
        return None
    return title.model_copy(update={"value": inferred.value,
                                    "confidence": round(title.confidence * INFERRED_LEVEL_FACTOR, 3)})


def extract(pages: Sequence[ReadPage]) -> TitleCertificateFields:
    holder = to_field(_labelled(pages, ("姓名",), r"^[\u4e00-\u9fff·]{2,6}") or search_joined(pages, SPLIT_NAME),
                      FieldKind.NAME)
    title_loc = _labelled(pages, ("资格名称", "职称名称", "专业技术资格名称", "专业技术资格:", "职务名称", "任职资格:"),
                          r"^(?!证[书节])[\u4e00-\u9fff()]{2,16}")
    title = to_field(title_loc, FieldKind.TEXT)
    issue = _labelled(pages, ("批准时间", "批准日期", "评审通过时间", "取得时间", "授予时间", "发证日期", "签发日期"))
    issue_field = to_field(issue, FieldKind.DATE)
    if issue_field is None:
        issue_field = to_field(search_joined(pages, rf"({ANY_DATE})"), FieldKind.DATE, 0.7)
    number = to_field(_labelled(pages, ("证书编号", "编号", "管理号"), r"[0-9A-Za-z\u4e00-\u9fff]{0,3}\d[0-9A-Za-z]{4,}"),
                      FieldKind.CODE)
    authority = to_field(_labelled(pages, ("发证机关", "批准机关", "发证单位", "审批机关", "评审委员会"),
                                   r"^[\u4e00-\u9fff()]{4,30}"), FieldKind.NAME)
    return TitleCertificateFields(holder_name=holder, title=title, title_level=_level(pages, title),
                                  issue_date=issue_field, certificate_no=number, issuing_authority=authority)


# 职称 certificates; 职业资格证书 / 执业证书 are qualification_certificate. A list mention
# (学历证书、职称证书复印件) is refused by the punctuation around it.
SPEC = DocTypeSpec(
    doc_type=DocType.TITLE_CERTIFICATE,
    titles=(
        r"(?<![、,，;；(（及和与或])(?:专业技术(?:职务)?(?:任职)?资格证[书节]|职称(?:资格)?证[书节]|专业技术职称证[书节])"
        r"(?![、,，;；)）及和与或…]|编号)",
    ),
    keywords=("资格名称", "资格级别", "职称", "评审", "专业技术资格", "批准时间", "任职资格", "评审委员会"),
    extract=extract,
)
