"""职业资格证书: labelled fields (a value holding 专业 or 等级 is not cut), title cues vs 职称."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import qualification_certificate
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.9) -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=6, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], "rapidocr"))


def test_fields() -> None:
    lines = [("中华人民共和国", (0.38, 0.08, 0.62, 0.11)), ("职业资格证书", (0.33, 0.12, 0.67, 0.17)),
             ("姓 名：刘晓婷", (0.15, 0.30, 0.40, 0.32)), ("身份证号：440106199001011234", (0.15, 0.35, 0.60, 0.37)),
             ("职业（工种）及等级：中级会计专业技术资格", (0.15, 0.40, 0.75, 0.42)),
             ("证书编号：20171234567890", (0.15, 0.45, 0.55, 0.47)), ("发证日期：2017年09月01日", (0.15, 0.50, 0.50, 0.52))]
    fields = qualification_certificate.extract([page_of(lines)])
    values = {name: f.value for name, f in fields.present().items()}
    assert values == {"holder_name": "刘晓婷", "qualification": "中级会计专业技术资格",
                      "certificate_no": "20171234567890", "issue_date": "2017-09-01"}


@pytest.mark.parametrize(("text", "is_title"), [
    ("中华人民共和国职业资格证书", True), ("专业技术人员职业资格证书", True), ("律师执业证书", True),
    ("专业技术资格证书", False), ("职称证书", False), ("学历证书、职业资格证书复印件", False),
])
def test_title(text: str, is_title: bool) -> None:
    assert any(re.search(t, text) for t in qualification_certificate.SPEC.titles) is is_title


def test_closing_bracket_lost_by_ocr_is_restored_with_less_confidence() -> None:
    lines = [("职业资格证书", (0.37, 0.20, 0.63, 0.23)),
             ("职业（工种）及等级：．企业人力资源管理师（四级", (0.17, 0.41, 0.64, 0.43))]
    fields = qualification_certificate.extract([page_of(lines)])
    assert fields.qualification is not None and fields.qualification.value == "企业人力资源管理师(四级)"
    assert fields.qualification.confidence < 0.9


def test_bare_label_cell_with_the_value_to_its_right_not_the_heading() -> None:
    from extractor.doctypes import qualification_certificate
    from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine
    import numpy as np
    image = np.zeros((4, 4, 3), np.uint8)
    normalized = NormalizedPage(SourcePage(file="q.pdf", page=1, image=image, dpi=300), image, image[:, :, 0], 0, 0.0)
    lines = [TextLine("职业资格证书", (0.32, 0.116, 0.67, 0.148), 1.0),
             TextLine("中华人民共和国人力资源和社会保障部监制", (0.31, 0.163, 0.69, 0.177), 1.0),
             TextLine("职业资格", (0.16, 0.374, 0.25, 0.395), 1.0),
             TextLine("企业人力资源管理师（二级）", (0.38, 0.376, 0.66, 0.392), 0.96)]
    fields = qualification_certificate.extract([ReadPage(normalized, PageText(lines, "rapidocr"))])
    assert fields.qualification is not None and fields.qualification.value == "企业人力资源管理师(二级)"
