"""Head counts and other whole numbers: 3, 3人, 三人, 共12名, 十二人, 120家, 1,200家.

A fraction (3.5人) or a negative is not a count and gives None.
"""

from __future__ import annotations

import re

from extractor.normalize.text import chinese_numeral_value, nfkc, remove_spaces

_ARABIC = re.compile(r"(?<![\d.\-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?(?![\d.])")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+(?=[人名个家位户次项]|$)")
_NOT_A_COUNT = re.compile(r"^\s*[.%‰]|^\s*(?:年|月|日|元|万元|平方|m2)")


def parse_count(text: str) -> int | None:
    if not isinstance(text, str):
        return None
    normal = remove_spaces(nfkc(text))
    if re.search(r"-\d|\d\.\d*[1-9]", normal):
        return None  # negative or fractional: not a count
    for match in _ARABIC.finditer(normal):
        if _NOT_A_COUNT.match(normal[match.end():]):
            continue
        return int(match.group(1).replace(",", ""))
    for match in _CHINESE.finditer(normal):
        value = chinese_numeral_value(match.group())
        if value is not None:
            return value
    return None
