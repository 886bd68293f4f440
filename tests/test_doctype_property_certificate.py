"""不动产权证书 / 房地产权证: number by its shape, labelled owner, address and area."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import property_certificate
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.9) -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=14, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], "rapidocr"))


def certificate(title: str, number: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    return [("中华人民共和国", (0.38, 0.08, 0.62, 0.10)), (title, (0.30, 0.12, 0.70, 0.17)),
            (number, (0.12, 0.22, 0.60, 0.24)),
            ("权利人", (0.12, 0.30, 0.25, 0.32)), ("广州市海新企业服务有限公司", (0.30, 0.30, 0.70, 0.32)),
            ("共有情况", (0.12, 0.35, 0.25, 0.37)), ("单独所有", (0.30, 0.35, 0.45, 0.37)),
            ("坐落", (0.12, 0.40, 0.25, 0.42)), ("广州市海珠区新港东路88号海新大厦5楼01房", (0.30, 0.40, 0.85, 0.42)),
            ("面积", (0.12, 0.50, 0.25, 0.52)), ("房屋建筑面积235.6平方米", (0.30, 0.50, 0.60, 0.52))]


@pytest.mark.parametrize(("title", "number"), [
    ("不动产权证书", "粤（2018）广州市不动产权第0123456号"),
    ("房地产权证", "粤房地权证穗字第0950012345号"),
])
def test_fields(title: str, number: str) -> None:
    fields = property_certificate.extract([page_of(certificate(title, number))])
    values = {name: f.value for name, f in fields.present().items()}
    assert values == {"owner": "广州市海新企业服务有限公司", "premises_address": "广州市海珠区新港东路88号海新大厦5楼01房",
                      "area": 235.6, "certificate_no": number.replace("（", "(").replace("）", ")")}


@pytest.mark.parametrize(("text", "is_title"), [
    ("中华人民共和国不动产权证书", True), ("房屋所有权证", True), ("房地产权证", True),
    ("甲方已取得该房屋不动产权证书号为", False), ("房产证号:粤房地权证穗字第", False),
    ("(房产证或租赁合同、)", False),
])
def test_title(text: str, is_title: bool) -> None:
    assert any(re.search(t, text) for t in property_certificate.SPEC.titles) is is_title


def with_area_rows(rows: list[tuple[str, tuple[float, float, float, float]]]) -> list[tuple[str, tuple[float, float, float, float]]]:
    lines = [line for line in certificate("不动产权证书", "粤（2018）广州市不动产权第0123456号") if "面积" not in line[0]]
    return lines + rows


@pytest.mark.parametrize("rows", [
    # 不动产权证书 wording: the land's area printed before the building's in one cell.
    [("面积", (0.12, 0.50, 0.25, 0.52)), ("共有宗地面积3862.00㎡/房屋建筑面积210.00㎡", (0.30, 0.50, 0.80, 0.52))],
    # The same as separate boxes on one row.
    [("面积", (0.12, 0.50, 0.25, 0.52)), ("共有宗地面积3862.00㎡/", (0.30, 0.50, 0.52, 0.52)),
     ("房屋建筑面积210.00㎡", (0.53, 0.50, 0.75, 0.52))],
    # Land-use area row above the building-area row.
    [("土地使用权面积", (0.12, 0.46, 0.28, 0.48)), ("3862.00平方米", (0.30, 0.46, 0.45, 0.48)),
     ("建筑面积", (0.12, 0.50, 0.25, 0.52)), ("210.00平方米", (0.30, 0.50, 0.45, 0.52))],
])
def test_building_area_is_preferred_over_the_land_area(rows: list[tuple[str, tuple[float, float, float, float]]]) -> None:
    fields = property_certificate.extract([page_of(with_area_rows(rows))])
    assert fields.area is not None and fields.area.value == 210.0


def test_only_a_land_area_is_not_taken_for_the_premises() -> None:
    rows = [("面积", (0.12, 0.50, 0.25, 0.52)), ("宗地面积3862.00㎡", (0.30, 0.50, 0.50, 0.52))]
    fields = property_certificate.extract([page_of(with_area_rows(rows))])
    assert fields.area is None
