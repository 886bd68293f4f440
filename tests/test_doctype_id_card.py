"""居民身份证 copies: repaired number, birth date, a two-line address, cues of a card face."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import id_card
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine

VALID_ID = "440106199003051230"


def page_of(lines: list[tuple[str, tuple[float, float, float, float]]], confidence: float = 0.95) -> ReadPage:
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="binder.pdf", page=8, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    return ReadPage(normalized, PageText([TextLine(t, b, confidence) for t, b in lines], "rapidocr"))


def card(number: str, birth: str = "1990 年 3 月 5 日") -> list[tuple[str, tuple[float, float, float, float]]]:
    return [("姓 名", (0.22, 0.10, 0.27, 0.115)), ("陈伟", (0.31, 0.10, 0.37, 0.117)),
            ("性 别", (0.22, 0.13, 0.27, 0.145)), ("男", (0.31, 0.13, 0.33, 0.145)),
            ("民 族", (0.38, 0.13, 0.43, 0.145)), ("汉", (0.47, 0.13, 0.49, 0.145)),
            ("出 生", (0.22, 0.16, 0.27, 0.175)), (birth, (0.31, 0.16, 0.50, 0.175)),
            ("住 址", (0.22, 0.19, 0.27, 0.205)), ("广州市天河区天河路", (0.31, 0.19, 0.55, 0.205)),
            ("123号1201房", (0.31, 0.21, 0.45, 0.225)),
            ("公民身份号码", (0.22, 0.27, 0.33, 0.285)), (number, (0.37, 0.27, 0.66, 0.288)),
            ("中华人民共和国", (0.42, 0.40, 0.58, 0.42)), ("居 民 身 份 证", (0.40, 0.44, 0.60, 0.47)),
            ("签发机关 广州市公安局天河分局", (0.25, 0.52, 0.60, 0.535)),
            ("有效期限 2012.05.06-2032.05.06", (0.25, 0.55, 0.60, 0.565))]


def test_front_and_back() -> None:
    fields = id_card.extract([page_of(card(VALID_ID))])
    values = {name: f.value for name, f in fields.present().items()}
    assert values == {"holder_name": "陈伟", "id_number": VALID_ID, "birth_date": "1990-03-05",
                      "address": "广州市天河区天河路123号1201房"}
    assert fields.address is not None and fields.address.bbox is not None
    assert fields.address.bbox[3] >= 0.225  # both address lines are the evidence


def test_ocr_confusion_in_the_number_is_repaired_with_lower_confidence() -> None:
    fields = id_card.extract([page_of(card(VALID_ID.replace("0", "O", 1)))])
    assert fields.id_number is not None and fields.id_number.value == VALID_ID
    assert fields.id_number.confidence < 0.95


def test_birth_date_falls_back_to_the_number() -> None:
    fields = id_card.extract([page_of(card(VALID_ID, birth="模糊"))])
    assert fields.birth_date is not None and fields.birth_date.value == "1990-03-05"
    assert fields.birth_date.confidence < fields.id_number.confidence  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "is_title"), [
    ("姓名陈伟性别男民族汉出生1990年3月5日住址广州市公民身份号码440106199003051230", True),
    ("中华人民共和国居民身份证签发机关广州市公安局天河分局有效期限", True),
    ("负责人身份证号码:440106199003051238联系电话", False),
])
def test_title(text: str, is_title: bool) -> None:
    assert any(re.search(t, text) for t in id_card.SPEC.titles) is is_title


def test_name_box_overlapping_its_label() -> None:
    lines = card(VALID_ID)
    lines[1] = ("陈伟", (0.26, 0.10, 0.33, 0.117))  # starts before the label box ends
    lines[6] = ("生", (0.24, 0.16, 0.27, 0.175))  # and the 出 of 出 生 was lost
    fields = id_card.extract([page_of(lines)])
    assert fields.holder_name is not None and fields.holder_name.value == "陈伟"
    assert fields.birth_date is not None and fields.birth_date.value == "1990-03-05"


def test_address_wrapping_back_under_the_label_is_joined() -> None:
    # OCR reads label and first address line as one box; the second line starts at the label's x.
    page = page_of([("姓名林嘉欣", (0.2, 0.165, 0.325, 0.185)), ("性别女", (0.2, 0.194, 0.286, 0.213)),
                    ("民族汉", (0.309, 0.197, 0.388, 0.213)),
                    ("住址广州市天河区龙口西路218号3栋", (0.202, 0.251, 0.516, 0.266)),
                    ("502房", (0.198, 0.276, 0.25, 0.296)),
                    ("公民身份号码44010619890715262X", (0.2, 0.364, 0.565, 0.383))])
    fields = id_card.extract([page])
    assert fields.address is not None and fields.address.value == "广州市天河区龙口西路218号3栋502房"


def test_a_label_word_is_never_the_holder_name() -> None:
    # The name itself was lost; 性别 女 民族 汉 must not be read as the name 民族汉.
    page = page_of([("姓名", (0.2, 0.165, 0.24, 0.185)), ("性别女民族汉", (0.2, 0.194, 0.388, 0.213)),
                    ("公民身份号码44010619890715262X", (0.2, 0.364, 0.565, 0.383))])
    holder = id_card.extract([page]).holder_name
    assert holder is None or "民族" not in str(holder.value)
