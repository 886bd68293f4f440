"""职称证书: labelled fields, the level printed or inferred from the title, title cues."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import title_certificate
from extractor.doctypes.title_certificate import level_of_title
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.9) -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=5, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], "rapidocr"))


def certificate(with_level: bool) -> list[tuple[str, tuple[float, float, float, float]]]:
    rows = [("姓 名：", "黄志明"), ("性 别：", "男"), ("出生年月：", "1983年7月"), ("资格名称：", "高级经济师")]
    if with_level:
        rows.append(("资格级别：", "高级"))
    rows += [("批准时间：", "2016年05月20日"), ("证书编号：", "粤高2016001234"), ("发证机关：", "广东省人力资源和社会保障厅")]
    lines = [("专业技术资格证书", (0.30, 0.10, 0.70, 0.15))]
    for index, (label, value) in enumerate(rows):
        y = 0.30 + 0.05 * index
        lines += [(label, (0.15, y, 0.28, y + 0.02)), (value, (0.30, y, 0.30 + 0.03 * len(value), y + 0.02))]
    return lines


def test_fields_with_printed_level() -> None:
    fields = title_certificate.extract([page_of(certificate(with_level=True))])
    values = {name: f.value for name, f in fields.present().items()}
    assert values == {"holder_name": "黄志明", "title": "高级经济师", "title_level": "senior",
                      "issue_date": "2016-05-20", "certificate_no": "粤高2016001234",
                      "issuing_authority": "广东省人力资源和社会保障厅"}
    assert fields.title_level is not None and fields.title_level.confidence == 0.9


def test_level_inferred_from_the_title_is_less_certain() -> None:
    fields = title_certificate.extract([page_of(certificate(with_level=False))])
    assert fields.title_level is not None and fields.title_level.value == "senior"
    assert fields.title_level.confidence < 0.9


@pytest.mark.parametrize(("title", "level"), [("助理经济师", "junior"), ("会计员", "junior"), ("技术员", "junior"),
                                              ("经济师", "intermediate"), ("工程师", "intermediate"),
                                              ("高级会计师", "senior"), ("正高级经济师", "senior")])
def test_level_of_title(title: str, level: str) -> None:
    inferred = level_of_title(title)
    assert inferred is not None and inferred.value == level


@pytest.mark.parametrize(("text", "is_title"), [
    ("专业技术资格证书", True), ("职称证书", True), ("专业技术职务任职资格证书", True),
    ("职业资格证书", False), ("专业技术人员职业资格证书", False), ("学历证书、职称证书复印件", False),
])
def test_title(text: str, is_title: bool) -> None:
    assert any(re.search(t, text) for t in title_certificate.SPEC.titles) is is_title


def test_spaced_name_label_read_as_two_boxes() -> None:
    lines = [("专业技术资格证书", (0.33, 0.17, 0.67, 0.20)), ("姓", (0.18, 0.27, 0.21, 0.29)),
             ("名：许杰志", (0.24, 0.27, 0.37, 0.29)), ("性", (0.18, 0.32, 0.21, 0.33)), ("别：男", (0.24, 0.32, 0.33, 0.33)),
             ("资格名称：高级会计师", (0.18, 0.41, 0.41, 0.43))]
    fields = title_certificate.extract([page_of(lines)])
    assert fields.holder_name is not None and fields.holder_name.value == "许杰志"


def test_speck_before_the_name_is_dropped() -> None:
    lines = [("职称证书", (0.42, 0.21, 0.59, 0.25)), ("姓名：·谢清永", (0.20, 0.31, 0.38, 0.33)),
             ("资格名称：工程师", (0.20, 0.45, 0.40, 0.46))]
    fields = title_certificate.extract([page_of(lines)])
    assert fields.holder_name is not None and fields.holder_name.value == "谢清永"
    assert fields.title_level is not None and fields.title_level.value == "intermediate"
