"""Text clean-up (widths, spaces, 〇) and `normalize_value`'s dispatch on every FieldKind."""

from __future__ import annotations

import random

import pytest

from extractor.normalize import compact_text, nfkc, normalize_address, normalize_name, normalize_value
from extractor.normalize.text import chinese_zero_to_ling, nfkc_mapped, original_span
from schemas.kinds import FIELD_KIND, FieldKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("注册地址：广州市（天河区）；", "注册地址:广州市(天河区);"),  # OCR-NOTES: ：；（） in both widths
        ("ＡＢＣ１２３", "ABC123"),
        ("a\u3000b", "a b"),
        ("1\u22122", "1-2"),
        ("m²", "m2"),
        ("㎡", "m2"),
        ("", ""),
    ],
)
def test_nfkc(text: str, expected: str) -> None:
    assert nfkc(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" 广州市 天河区\n体育西路 ", "广州市天河区体育西路"),
        ("广州市\t越秀区（北）", "广州市越秀区(北)"),
        ("   ", ""),
    ],
)
def test_compact_text(text: str, expected: str) -> None:
    assert compact_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张 三", "张三"),
        ("：张三", "张三"),
        ("广州市某某 科技有限公司 ", "广州市某某科技有限公司"),
        ("广州（南沙）科技有限公司", "广州(南沙)科技有限公司"),
        ("| 李四 |", "李四"),
        ("", ""),
    ],
)
def test_normalize_name(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("广州市天河区 体育西路１０３号", "广州市天河区体育西路103号"),
        ("：广州市越秀区东风中路 318 号 ", "广州市越秀区东风中路318号"),
    ],
)
def test_normalize_address(text: str, expected: str) -> None:
    assert normalize_address(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇一五", "二零一五"),
        ("二○一五", "二零一五"),  # RapidOCR 3.x: U+25CB
        ("二O一五", "二零一五"),  # Tesseract: Latin O
        ("二〇〇八", "二零零八"),
        ("2015", "2015"),  # Arabic digits are not touched
        ("2008", "2008"),
        ("OK 〇", "OK 〇"),  # no Chinese numeral next to it: left alone
    ],
)
def test_chinese_zero_is_ling_only_inside_chinese_numerals(text: str, expected: str) -> None:
    assert chinese_zero_to_ling(text) == expected


def test_nfkc_mapped_keeps_offsets_into_the_original() -> None:
    text = "面积１００㎡"
    normal, origin = nfkc_mapped(text)
    assert normal == "面积100m2"
    start = normal.index("m2")
    assert original_span(origin, start, start + 2) == (5, 6)
    assert original_span(origin, 2, 5) == (2, 5)


DISPATCH = [
    (FieldKind.NAME, " 张 三 ", "张三"),
    (FieldKind.ADDRESS, "广州市 天河区（东）", "广州市天河区(东)"),
    (FieldKind.TEXT, "软件 和 信息技术服务业", "软件和信息技术服务业"),
    (FieldKind.DATE, "2015年3月2日", "2015-03-02"),
    (FieldKind.DATE, "二〇一五年三月十二日", "2015-03-12"),
    (FieldKind.MONEY, "壹佰万元整", 1_000_000.0),
    (FieldKind.MONEY, "20万元人民币", 200_000.0),
    (FieldKind.AREA, "100平方米", 100.0),
    (FieldKind.COUNT, "三人", 3),
    (FieldKind.CODE, "9144O1O1MA59U2LX0T", "91440101MA59U2LX0T"),
    (FieldKind.ENUM, " bachelor ", "bachelor"),
    (FieldKind.PHONE, "(020)8888-1234", "020-8888-1234"),
    (FieldKind.PHONE, "020－88881234", "020-88881234"),
    (FieldKind.PHONE, "+86 138 0013 8000", "13800138000"),
    (FieldKind.PHONE, "138 0O13 8000", "13800138000"),
    (FieldKind.PHONE, "电话：", None),
    (FieldKind.PHONE, "020-39359849/18411130490", "020-39359849/18411130490"),
    (FieldKind.PHONE, "020-39359849、184 1113 0490", "020-39359849/18411130490"),
    (FieldKind.EMAIL, "ABC＠QQ．COM", "abc@qq.com"),
    (FieldKind.EMAIL, " zhang san@163.com", "zhangsan@163.com"),
    (FieldKind.EMAIL, "无", None),
    (FieldKind.EMAIL, "kdajpzhe20@qq。com。", "kdajpzhe20@qq.com"),
    (FieldKind.DATE, "不详", None),
    (FieldKind.MONEY, "-", None),
    (FieldKind.NAME, "", None),
    (FieldKind.NAME, "   ", None),
]


@pytest.mark.parametrize(("kind", "text", "expected"), DISPATCH)
def test_normalize_value(kind: FieldKind, text: str, expected: object) -> None:
    assert normalize_value(kind, text) == expected


@pytest.mark.parametrize("kind", list(FieldKind))
@pytest.mark.parametrize(
    "text", ["", "###", "年月日", "\x00", "９" * 200, "壹" * 50, "1," * 100, None],
    ids=["empty", "hashes", "labels", "nul", "long-digits", "long-capital", "commas", "none"],
)
def test_every_kind_takes_junk_without_raising(kind: FieldKind, text: str) -> None:
    value = normalize_value(kind, text)
    assert value is None or isinstance(value, str | int | float)


def test_every_spec_field_kind_has_a_normaliser() -> None:
    for kind in set(FIELD_KIND.values()):
        normalize_value(kind, "1")  # raises ValueError for a kind without a normaliser


def test_random_ocr_junk_never_raises() -> None:
    """Seeded fuzzing over the characters OCR output is made of: every function returns, none
    raises (cn2an raises KeyError on some unit orders; that must not leak out)."""
    from extractor.normalize import (
        find_area_in,
        find_credit_code_in,
        find_date_in,
        find_id_number_in,
        find_money_in,
        parse_date_range,
        repair_credit_code,
        repair_id_number,
    )

    rng = random.Random(20261127)
    alphabet = (
        "0123456789年月日号.,，。-()（）元圆角分整万亿千壹贰叁肆伍陆柒捌玖拾佰仟零一二三四五六七八九十百两"
        "OolIбSBZ 〇○人名家㎡m²平方米:：%至长期¥￥RMB+×X"
    )
    for _ in range(800):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        for kind in FieldKind:
            normalize_value(kind, text)
        find_date_in(text)
        parse_date_range(text)
        find_money_in(text, "万元")
        find_area_in(text)
        find_credit_code_in(text)
        find_id_number_in(text)
        assert repair_credit_code(text).confidence <= 1.0
        assert repair_id_number(text).confidence <= 1.0
