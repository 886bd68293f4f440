"""毕业证书 and 学位证书 (both `diploma`): holder, birth date, school, major, level, graduation, number.

Diplomas are prose more than forms (学生张三，性别男，1990年3月5日生，于2008年9月至2012年6月在本校
工商管理专业四年制本科学习 …), so most fields are read with patterns on the page's joined text.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.textsearch import ANY_DATE, search_all, search_joined, to_field
from extractor.fieldfind import Located, find_labelled, find_pattern
from extractor.normalize import parse_date
from extractor.pages import ReadPage
from schemas.documents import DiplomaFields
from schemas.fields import ExtractedField
from schemas.kinds import FieldKind
from schemas.vocab import DocType, EducationLevel

_NAME = r"[\u4e00-\u9fff·]{2,6}?"
_SCHOOL = r"[\u4e00-\u9fff()]{2,20}?(?:大学|学院|学校|分校|党校)"
# Checked in order: 博士研究生 is a doctor, 硕士研究生 a master, a bare 研究生 a master.
_LEVELS: tuple[tuple[str, EducationLevel], ...] = (
    (r"博士", EducationLevel.DOCTOR),
    (r"硕士|研究生", EducationLevel.MASTER),
    (r"本科|学士", EducationLevel.BACHELOR),
    (r"专科|大专|高职|高等职业", EducationLevel.COLLEGE),
)
INFERRED_FACTOR = 0.85  # a value taken from prose rather than after its printed label


def _holder(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = search_joined(pages, rf"(?:学生|姓名[:：]?)({_NAME})(?=[,，]?性别|[,，]|\d{{4}}年)")
    # A degree certificate opens with 李晓欣，女，1992年… or 任永贵，性别女 (the line may end there).
    if located is None:
        found = find_pattern(pages, r"^[\u4e00-\u9fff·]{2,4}(?=,{1,2}(?:性别:?)?[男女](?:,|$|\d))")
        located = found[0] if found else None
    if located is None:
        located = find_labelled(pages, ("姓名", "学生"), stop_labels=("性别", ","),
                                value_pattern=r"^[\u4e00-\u9fff·]{2,6}")
    return to_field(located, FieldKind.NAME)


def _birth(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = search_joined(pages, rf"(?:出生日期|出生年月)[:：]?({ANY_DATE})")
    located = located or search_joined(pages, rf"({ANY_DATE})(?:出)?生[,，]?")
    return to_field(located, FieldKind.DATE)


def _school(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = find_labelled(pages, ("校名", "学校名称", "院校名称", "授予单位"),
                            value_pattern=rf"^{_SCHOOL}")
    if located is not None:
        return to_field(located, FieldKind.NAME)
    candidates = [c for c in search_all(pages, rf"(?:在|于)?({_SCHOOL})")
                  if "普通高等学校" not in c.text and not c.text.startswith("本校")]
    return to_field(candidates[0] if candidates else None, FieldKind.NAME, INFERRED_FACTOR)


def _major(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = find_labelled(pages, ("专业名称", "所学专业", "专业:"), value_pattern=r"^[\u4e00-\u9fff()]{2,20}")
    if located is not None:
        return to_field(located, FieldKind.TEXT)
    located = search_joined(
        pages, r"(?:在本校|于本校|本校|(?:大学|学院))([\u4e00-\u9fff()]{2,20}?)专业")
    located = located or search_joined(pages, r"(?:^|月|[,，。])([\u4e00-\u9fff()]{2,16}?)专业[一二三四五\d]年制")
    return to_field(located, FieldKind.TEXT, INFERRED_FACTOR)


def _level(pages: Sequence[ReadPage]) -> ExtractedField | None:
    for pattern, level in _LEVELS:
        located = search_joined(pages, rf"({pattern})")
        if located is not None:
            return located.to_field(level.value)
    return None


def _graduation(pages: Sequence[ReadPage], birth: ExtractedField | None) -> ExtractedField | None:
    """The labelled date, else the last full date on the page that is not the birth date."""
    located = search_joined(pages, rf"(?:毕业日期|毕业时间|发证日期)[:：]?({ANY_DATE})")
    if located is not None:
        return to_field(located, FieldKind.DATE)
    dates: list[tuple[Located, str]] = []
    for candidate in search_all(pages, rf"({ANY_DATE})(?!生|出生)"):
        value = parse_date(candidate.text)
        if value is not None and (birth is None or value != birth.value):
            dates.append((candidate, value))
    if not dates:
        month = search_joined(pages, r"至(\d{4}年\d{1,2}月)(?:在本校|毕业)")
        return to_field(month, FieldKind.DATE, INFERRED_FACTOR)
    last, value = max(dates, key=lambda d: (d[0].bbox[1], d[0].bbox[0]))
    return last.to_field(value, last.confidence * INFERRED_FACTOR if len(dates) > 1 else last.confidence)


def _certificate_no(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = find_labelled(pages, ("证书编号", "证书号", "编号"), value_pattern=r"[0-9A-Za-z]{6,24}")
    return to_field(located, FieldKind.CODE)


def extract(pages: Sequence[ReadPage]) -> DiplomaFields:
    birth = _birth(pages)
    return DiplomaFields(holder_name=_holder(pages), birth_date=birth, school=_school(pages),
                         major=_major(pages), education_level=_level(pages),
                         graduation_date=_graduation(pages, birth), certificate_no=_certificate_no(pages))


# "毕业证书" inside a list (学历证书、毕业证书复印件…) or a sentence (凭毕业证书) is a mention.
_NOT_AFTER = r"(?<![、,，;；(（及和与或凭持附带供交])"
_NOT_BEFORE = r"(?![、,，;；)）及和与或…]|编号|号码|复印件[、,，])"
SPEC = DocTypeSpec(
    doc_type=DocType.DIPLOMA,
    titles=(
        rf"{_NOT_AFTER}(?:毕[业亚]证[书节]|学[位历]证[书节]|结业证书){_NOT_BEFORE}",
        r"普通高等学校毕业|高等教育自学考试毕业|成人高等教育毕业",
    ),
    keywords=("准予毕业", "学制", "在本校", "校长", "校名", "学位评定委员会", "授予", "学士学位", "硕士学位",
              "修完", "教学计划"),
    extract=extract,
)
