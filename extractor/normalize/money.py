"""Money as printed on licences, leases and statements, to yuan (元) as a float.

Handled: 1,234.56 / ￥1,234.56 / 人民币5000.0000万元 / 20万元人民币 / 1.5亿元 / 壹佰万元整 / 伍仟万圆整 /
壹仟贰佰叁拾肆元伍角陆分 / 五十万元, negatives as (1,234.56), （1,234.56） or -1,234.56, and OCR noise
inside numbers (1,234.5б, 1O0, 1,234。56). A number without a unit is in `default_unit` — what a
table's header says (单位：万元) — unless the text itself names its unit before the number
(注册资本（万元）：500). A dash or blank cell is None, not 0: the caller knows whether that means zero.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extractor.normalize.text import (
    SPACED_DIGITS,
    chinese_numeral_value,
    drop_matches,
    nfkc_mapped,
    original_span,
)

UNIT_FACTOR: dict[str, Decimal] = {
    "亿元": Decimal(100_000_000), "亿": Decimal(100_000_000),
    "千万元": Decimal(10_000_000), "千万": Decimal(10_000_000),
    "百万元": Decimal(1_000_000), "百万": Decimal(1_000_000),
    "十万元": Decimal(100_000), "十万": Decimal(100_000),
    "万元": Decimal(10_000), "万": Decimal(10_000),
    "千元": Decimal(1_000), "千": Decimal(1_000),
    "元": Decimal(1), "圆": Decimal(1), "块": Decimal(1),
}

# Characters OCR puts in place of digits, replaced only right after one (_undo_digit_lookalikes).
_LOOKALIKE_DIGIT = str.maketrans({"б": "6", "O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1",
                                  "|": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9"})
_MAX_INTEGER_DIGITS = 14  # 10^14 元 is beyond any balance sheet here
_MAX_AMOUNT = Decimal(10) ** 15
_LOOKALIKE_CHARS = "бOoQDlI|SsBZzg"
_CN_FULLSTOP = re.compile(r"(?<=\d)。(?=\d)")

_UNIT_AFTER = re.compile(
    r"\s*(?:(亿元|亿|千万元|千万|百万元|百万|十万元|十万|万元|万|千元|元|圆|块)|\(\s*(亿元|万元|千元|元)\s*\))?"
)
_UNIT_BEFORE = re.compile(
    r"[(\[【]\s*(?:单位\s*:?\s*)?(亿元|万元|千元|元)\s*[)\]】]|单位\s*:?\s*(亿元|万元|千元|元)"
)
# A thin space or OCR gap between 3-digit groups (1 234.56) is a thousands separator.
# Only with decimals after it, so two integer cells on one line ('12 345') stay two numbers.
# OCR also puts a space beside a separator ('1,234. 56'), which is kept inside the number.
_ARABIC = re.compile(r"\d{1,3}(?: \d{3})+[.,]\d{1,2}(?![\d,.])|\d(?:\s?[,.]\s?\d|\d)*")
# A number followed by one of these counts, dates, addresses or areas, not money.
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:[%‰年月日号个人名家岁室房层楼栋座幢弄巷期届次项页条款周天]|平方|平米|m2|M2)"
)
# A letter right after the digits makes them part of a code (91440105XDHY...), unless it is RMB.
_CODE_AFTER = re.compile(r"[A-Za-z]")
_CENTS = re.compile(r"[.,]\d{2}$")
_YEAR_OF_DATE = re.compile(r"(?:19|20)\d\d(?=[-/.]\d)")
_DATE_LIKE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}")

_CAPITAL = "零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億万亿"
_LOWER = "零〇一二两三四五六七八九十百千万亿"
_NUMERAL = f"[{_CAPITAL}{_LOWER}]"
_CN_AMOUNT = re.compile(
    rf"({_NUMERAL}+)(?:\s*([元圆])(?:\s*({_NUMERAL})\s*角)?(?:\s*({_NUMERAL})\s*分)?)?\s*[整正]?"
)
# Characters OCR reads in place of capital numerals: 壹佰方元整 is 壹佰万元整. Replaced only after a
# capital numeral, so 方 in 地方 or 伯 in a name stay.
_CAPITAL_FIX = {
    "方": "万", "伯": "佰", "任": "仟", "什": "仟", "武": "贰", "参": "叁", "无": "元", "兀": "元",
}
_CAPITAL_MISREAD = re.compile(r"(?<=[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万])[方伯任什武参无兀]")
_HAS_CAPITAL_DIGIT = re.compile("[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]")
_HAS_DIGIT_NUMERAL = re.compile("[零〇壹贰貳叁參肆伍陆陸柒捌玖一二两三四五六七八九十拾]")  # not just 万/元


def _factor(unit: str) -> Decimal:
    if unit not in UNIT_FACTOR:
        raise ValueError(f"unknown money unit {unit!r}; use one of {sorted(UNIT_FACTOR)}")
    return UNIT_FACTOR[unit]


def _money_view(text: str) -> tuple[str, list[int]]:
    normal, origin = drop_matches(*nfkc_mapped(text), SPACED_DIGITS)
    view = _CN_FULLSTOP.sub(".", _undo_digit_lookalikes(normal))
    return _CAPITAL_MISREAD.sub(lambda m: _CAPITAL_FIX[m.group()], view), origin


def _undo_digit_lookalikes(text: str) -> str:
    """'1,234.5б' → '1,234.56', '1OO' → '100': a look-alike right after a digit (or a digit and a
    separator) is a digit, unless a Latin word goes on after it (100RMB keeps its B... and R)."""
    chars = list(text)
    for i, char in enumerate(chars):
        if char not in _LOOKALIKE_CHARS:
            continue
        previous = chars[i - 1] if i > 0 else ""
        after_digit = previous.isdigit() or (i > 1 and previous in ",." and chars[i - 2].isdigit())
        following = chars[i + 1] if i + 1 < len(chars) else ""
        word_goes_on = following.isascii() and following.isalpha() and following not in _LOOKALIKE_CHARS
        if after_digit and not word_goes_on:
            chars[i] = char.translate(_LOOKALIKE_DIGIT)
    return "".join(chars)


def _commas_read_as_ones(number: str) -> str:
    """'2,9971244.27' → '2,997,244.27': in a number grouped by commas, a 7-digit group whose 4th
    digit is 1 is two groups with the comma misread (measured once in RapidOCR output)."""
    if "," not in number:
        return number
    integer, point, decimals = number.partition(".")
    groups = integer.split(",")
    fixed = [groups[0]]
    for group in groups[1:]:
        while len(group) > 3 and len(group) % 4 == 3 and group[3] == "1":
            fixed.append(group[:3])
            group = group[4:]
        fixed.append(group)
    return ",".join(fixed) + point + decimals


def _arabic_value(number: str) -> Decimal | None:
    """'1,234.56' → 1234.56. The last separator is the decimal point unless it starts a 3-digit
    group; a comma before 1–2 final digits is a misread point (statements print 2 decimals)."""
    number = _commas_read_as_ones(number.replace(" ", ""))
    groups = re.split(r"[,.]", number)
    separators = re.findall(r"[,.]", number)
    repeated_one_kind = len(separators) > 1 and len(set(separators)) == 1
    if not separators:
        digits = number
    elif len(groups[-1]) == 3 and (separators[-1] == "," or repeated_one_kind):
        digits = "".join(groups)  # 1,234 or 1.234.567: every separator groups thousands
    elif separators == [","] and len(groups[-1]) > 3:
        digits = "".join(groups)  # 12,3456: a stray comma
    else:
        digits = "".join(groups[:-1]) + "." + groups[-1]
    if len(digits.partition(".")[0]) > _MAX_INTEGER_DIGITS:
        return None  # a run of digits this long is an account or code number, not an amount
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _cn_integer(text: str) -> Decimal | None:
    value = chinese_numeral_value(text)
    return None if value is None else Decimal(value)


def _cn_digit(char: str | None) -> Decimal:
    return _cn_integer(char) or Decimal(0) if char else Decimal(0)


def _negative_span(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The span including the sign when the amount at [start, end) is negative: (1,234.56),
    (1,234.56万元) or -1,234.56 — but not the dash of a range such as 100-200."""
    before = view[:start].rstrip()
    closing = re.match(r"\s*(?:[\u4e00-\u9fff]*\s*)?\)", view[end:])
    if before.endswith("(") and closing:
        return len(before) - 1, end + closing.end()
    # A statement cell holding only a bracketed amount whose other bracket OCR dropped: (1,234.56
    # or 1,234.56). Only an amount with its two decimals, so a list marker (1 stays a number.
    if _CENTS.search(view[start:end]) and not view[end:].strip() and before == "(":
        return view.index("("), end
    if _CENTS.search(view[start:end]) and not before and view[end:].strip() == ")":
        return start, len(view.rstrip())
    if before.endswith("-") and not re.search(r"\d\s*-$", before):
        return len(before) - 1, end
    return None


def _unit_before(view: str, start: int) -> str | None:
    found = None
    for match in _UNIT_BEFORE.finditer(view[:start]):
        found = match.group(1) or match.group(2)
    return found


def _arabic_candidates(view: str, default: Decimal) -> list[tuple[int, int, Decimal]]:
    found: list[tuple[int, int, Decimal]] = []
    for match in _ARABIC.finditer(view):
        start, end = match.span()
        if _CODE_AFTER.match(view, end) and not view.startswith("RMB", end):
            continue
        if _NOT_MONEY_AFTER.match(view, end) or _DATE_LIKE.fullmatch(match.group()) or (
            _YEAR_OF_DATE.match(view, start) and match.group().isdigit()
        ):
            continue
        previous = view[start - 1] if start > 0 else ""
        if previous.isascii() and previous.isalpha() and previous not in "RMBY":
            continue  # part of a code such as No.A123 or 91440101MA59
        amount = _arabic_value(match.group())
        if amount is None:
            continue
        unit = _UNIT_AFTER.match(view, end)
        assert unit is not None  # the pattern can match empty
        if unit.group(1) or unit.group(2):
            amount *= UNIT_FACTOR[unit.group(1) or unit.group(2)]
            end = unit.end()
        else:
            before = _unit_before(view, start)
            amount *= UNIT_FACTOR[before] if before else default
        negative = _negative_span(view, start, end)
        if negative:
            amount = -amount
            start, end = negative
        found.append((start, end, amount))
    return found


def _chinese_candidates(view: str) -> list[tuple[int, int, Decimal]]:
    found: list[tuple[int, int, Decimal]] = []
    for match in _CN_AMOUNT.finditer(view):
        integer_text, yuan, jiao, fen = match.groups()
        if not _HAS_DIGIT_NUMERAL.search(integer_text):
            continue  # 万元 in a label is a unit, not an amount
        if not _HAS_CAPITAL_DIGIT.search(integer_text) and not yuan:
            continue  # lower-case numerals are only money when 元 says so (第一, 三人 are not)
        integer = _cn_integer(integer_text)
        if integer is None:
            continue
        amount = integer + _cn_digit(jiao) / 10 + _cn_digit(fen) / 100
        start, end = match.span()
        unit = _UNIT_AFTER.match(view, end)
        if not yuan and unit is not None and unit.group(1) in ("元", "圆"):
            end = unit.end()
        found.append((start, end, amount))
    return found


def iter_money_in(text: str, default_unit: str = "元") -> list[tuple[float, int, int]]:
    """Every amount in a line, left to right, not overlapping, in yuan, with spans in `text`.

    For table rows read as one line ('2017 276.62 254.08 703.08'). Numbers that are dates,
    percentages, counts (3人), areas or parts of codes are skipped; a bare year is not (the
    caller knows which column holds the year).
    """
    default = _factor(default_unit)
    if not isinstance(text, str) or not text.strip():
        return []
    view, origin = _money_view(text)
    candidates = _arabic_candidates(view, default) + _chinese_candidates(view)
    found: list[tuple[float, int, int]] = []
    position = 0
    for start, end, amount in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= position and abs(amount) < _MAX_AMOUNT:
            position = end
            found.append((float(round(amount, 2)), *original_span(origin, start, end)))
    return found


def find_money_in(text: str, default_unit: str = "元") -> tuple[float, int, int] | None:
    """The first amount in a longer string, in yuan, with its span in the original text.

    Numbers that are dates, percentages, counts (3人), areas or parts of codes are skipped.
    """
    amounts = iter_money_in(text, default_unit)
    return amounts[0] if amounts else None


def parse_money(text: str, default_unit: str = "元") -> float | None:
    """The amount a field's text holds, in yuan, or None (blank, '-', '/', unreadable)."""
    found = find_money_in(text, default_unit)
    return found[0] if found else None
