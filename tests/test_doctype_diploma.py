"""毕业证书 / 学位证书: prose fields, the education level mapping, and title cues vs mentions."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import diploma
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.92) -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=4, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], "rapidocr"))


def diploma_lines(level_text: str = "四年制本科") -> list[tuple[str, tuple[float, float, float, float]]]:
    return [
        ("普通高等学校", (0.40, 0.10, 0.60, 0.125)),
        ("毕 业 证 书", (0.35, 0.14, 0.65, 0.19)),
        ("学生 陈嘉俊", (0.12, 0.40, 0.30, 0.42)), ("，性别 男", (0.31, 0.40, 0.42, 0.42)),
        ("1990年3月5日", (0.12, 0.44, 0.27, 0.46)), ("生，", (0.27, 0.44, 0.30, 0.46)),
        ("于2008年9月至2012年6月在本校", (0.12, 0.48, 0.50, 0.50)),
        ("工商管理", (0.12, 0.52, 0.22, 0.54)), (f"专业{level_text}学习，修完教学计划规定的全部课程，", (0.23, 0.52, 0.85, 0.54)),
        ("成绩合格，准予毕业。", (0.12, 0.56, 0.35, 0.58)),
        ("校 名：华南理工大学", (0.12, 0.66, 0.40, 0.68)),
        ("校（院）长：（签名）", (0.12, 0.70, 0.35, 0.72)),
        ("证书编号：105611201205001234", (0.12, 0.74, 0.50, 0.76)),
        ("2012年6月30日", (0.60, 0.78, 0.78, 0.80)),
    ]


def test_bachelor_diploma_fields() -> None:
    fields = diploma.extract([page_of(diploma_lines())])
    values = {name: f.value for name, f in fields.present().items()}
    assert values == {"holder_name": "陈嘉俊", "birth_date": "1990-03-05", "school": "华南理工大学",
                      "major": "工商管理", "education_level": "bachelor", "graduation_date": "2012-06-30",
                      "certificate_no": "105611201205001234"}
    assert fields.graduation_date is not None and fields.graduation_date.page == 4


@pytest.mark.parametrize(("text", "level"), [("三年制专科", "college"), ("三年制硕士研究生", "master"),
                                             ("三年制博士研究生", "doctor"), ("二年制大专", "college")])
def test_education_levels(text: str, level: str) -> None:
    fields = diploma.extract([page_of(diploma_lines(text))])
    assert fields.education_level is not None and fields.education_level.value == level


@pytest.mark.parametrize("opening", ["任永贵，性别女", "任永贵，，性别：女", "任永贵，女，"])
def test_degree_certificate_holder_before_the_gender(opening: str) -> None:
    """学位证书 open with the holder's name and gender, the birth date often on the next line."""
    lines = [("学士学位证书", (0.35, 0.12, 0.65, 0.17)), (opening, (0.10, 0.40, 0.40, 0.42)),
             ("1983年1月26日生，", (0.10, 0.44, 0.40, 0.46)), ("在华南农业大学", (0.10, 0.48, 0.40, 0.50))]
    fields = diploma.extract([page_of(lines)])
    assert fields.holder_name is not None and fields.holder_name.value == "任永贵"
    assert fields.birth_date is not None and fields.birth_date.value == "1983-01-26"


def test_a_name_before_other_words_is_not_a_holder() -> None:
    lines = [("学士学位证书", (0.35, 0.12, 0.65, 0.17)), ("华南农业大学，女子学院", (0.10, 0.40, 0.40, 0.42))]
    assert diploma.extract([page_of(lines)]).holder_name is None


def test_degree_certificate_is_a_diploma_with_bachelor_level() -> None:
    lines = [("学士学位证书", (0.35, 0.12, 0.65, 0.17)),
             ("李晓欣，女，1992年10月8日生。在广东工业大学会计学专业完成了本科学习计划，", (0.10, 0.40, 0.90, 0.42)),
             ("业已毕业。经审核符合《中华人民共和国学位条例》的规定，授予管理学学士学位。", (0.10, 0.44, 0.90, 0.46)),
             ("2014年6月25日", (0.60, 0.70, 0.78, 0.72))]
    fields = diploma.extract([page_of(lines)])
    assert fields.education_level is not None and fields.education_level.value == "bachelor"
    assert fields.major is not None and fields.major.value == "会计学"
    assert fields.school is not None and fields.school.value == "广东工业大学"
    assert fields.graduation_date is not None and fields.graduation_date.value == "2014-06-25"
    assert fields.birth_date is not None and fields.birth_date.value == "1992-10-08"
    assert fields.holder_name is not None and fields.holder_name.value == "李晓欣"


@pytest.mark.parametrize(("text", "is_title"), [
    ("普通高等学校毕业证书学生", True), ("学士学位证书", True), ("学位证书", True),
    ("三、专职工作人员学历证书、职称证书复印件", False), ("凭毕业证书原件", False), ("毕业证书编号", False),
])
def test_title(text: str, is_title: bool) -> None:
    assert any(re.search(t, text) for t in diploma.SPEC.titles) is is_title
