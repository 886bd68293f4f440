"""Finding values after their labels on OCR lines, with the region they were read from."""

from __future__ import annotations

import numpy as np

from extractor.fieldfind import compact, find_labelled, find_pattern
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def _page(lines: list[TextLine], page: int = 1) -> ReadPage:
    image = np.full((10, 10, 3), 255, np.uint8)
    source = SourcePage(file="binder.pdf", page=page, image=image, dpi=200)
    return ReadPage(NormalizedPage(source, image, image[:, :, 0], 0, 0.0), PageText(lines, "rapidocr"))


def test_compact_folds_width_and_spaces() -> None:
    assert compact("成立日期 ： 2015年 3月") == "成立日期:2015年3月"


def test_value_on_the_same_line_with_region_inside_the_line() -> None:
    line = TextLine("成立日期：2015年03月12日", (0.1, 0.5, 0.5, 0.53), 0.97)
    found = find_labelled([_page([line])], ["成立日期"])
    assert found is not None and found.text == "2015年03月12日"
    assert 0.1 < found.bbox[0] < found.bbox[2] <= 0.5
    field = found.to_field("2015-03-12")
    assert (field.file, field.page, field.confidence, field.raw) == ("binder.pdf", 1, 0.97, "2015年03月12日")


def test_a_speck_read_as_a_dot_before_the_value_is_not_part_of_it() -> None:
    line = TextLine("职业（工种）及等级：·助理理财规划师", (0.18, 0.43, 0.54, 0.45), 0.99)
    found = find_labelled([_page([line])], ["职业(工种)及等级", "职业(工种)"], value_pattern=r"^[\u4e00-\u9fff()]{2,30}")
    assert found is not None and found.text == "助理理财规划师"


def test_value_in_the_cell_to_the_right_then_below() -> None:
    label = TextLine("法定代表人", (0.1, 0.3, 0.25, 0.33), 0.99)
    value = TextLine("张 伟", (0.3, 0.3, 0.4, 0.33), 0.95)
    assert find_labelled([_page([label, value])], ["法定代表人"]).text == "张伟"
    below = TextLine("李娜", (0.1, 0.34, 0.2, 0.37), 0.9)
    assert find_labelled([_page([label, below])], ["法定代表人"]).text == "李娜"


def test_stop_labels_cut_a_line_holding_several_pairs() -> None:
    line = TextLine("注册日期：2015-03-12 单位性质：民营 法人代表：张三", (0, 0.1, 1, 0.12), 0.9)
    page = _page([line])
    stops = ["单位性质", "法人代表"]
    assert find_labelled([page], ["注册日期"], stop_labels=stops).text == "2015-03-12"
    assert find_labelled([page], ["单位性质"], stop_labels=stops + ["注册日期"]).text == "民营"


def test_value_pattern_skips_a_value_of_the_wrong_shape() -> None:
    lines = [TextLine("统一社会信用代码", (0.1, 0.2, 0.3, 0.22), 0.9),
             TextLine("91440101MA59U2LX0T", (0.35, 0.2, 0.6, 0.22), 0.8)]
    found = find_labelled([_page(lines)], ["统一社会信用代码"], value_pattern=r"[0-9A-Z]{18}")
    assert found is not None and found.text == "91440101MA59U2LX0T"
    assert find_labelled([_page(lines[:1])], ["统一社会信用代码"], value_pattern=r"[0-9A-Z]{18}") is None


def test_find_pattern_across_pages_in_reading_order() -> None:
    first = _page([TextLine("证书编号 A123", (0, 0, 1, 0.1), 0.9)], page=1)
    second = _page([TextLine("编号 B456", (0, 0, 1, 0.1), 0.9)], page=2)
    found = find_pattern([first, second], r"[AB]\d{3}")
    assert [(f.text, f.page.page) for f in found] == [("A123", 1), ("B456", 2)]


def test_letter_spaced_label_split_over_boxes_on_one_row() -> None:
    # `姓　　名` read as two boxes; the value follows in the box holding the label's last character.
    head = TextLine("姓", (0.1, 0.2, 0.13, 0.23), 0.9)
    tail = TextLine("名：张三", (0.2, 0.2, 0.35, 0.23), 0.9)
    assert find_labelled([_page([head, tail])], ["姓名"]).text == "张三"
    # ... or in its own box after the last part of the label.
    parts = [TextLine("职", (0.1, 0.4, 0.12, 0.43), 0.9), TextLine("业", (0.15, 0.4, 0.17, 0.43), 0.9),
             TextLine("资格", (0.2, 0.4, 0.25, 0.43), 0.9), TextLine("电工（四级）", (0.3, 0.4, 0.5, 0.43), 0.9)]
    assert find_labelled([_page(parts)], ["职业资格"]).text == "电工(四级)"
    # Boxes on different rows do not make a label.
    apart = [TextLine("姓", (0.1, 0.2, 0.13, 0.23), 0.9), TextLine("名：张三", (0.2, 0.5, 0.35, 0.53), 0.9)]
    assert find_labelled([_page(apart)], ["姓名"], look_below=False) is None
