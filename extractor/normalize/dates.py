"""Dates as printed on Chinese documents, to 'YYYY-MM-DD' (or 'YYYY-MM' when only a month is given).

Handled: 2015年3月2日, 2015 年 03 月 02 日, 2015.03.02, 2015-3-2, 2015/3/2, 20150302 (whole value
only), 二〇一五年三月十二日 with 〇 read as ○, O, A or 零 or dropped (二一五 → 2015 when only one
year in range fits), 2015年03月, 2015.03, and common OCR slips: 曰 for 日, + for 十, O/l inside
numbers, '2 0 1 5 年' (Tesseract spacing), and 2014年03月024 (日 read as 4, seen in RapidOCR output).
Dates outside 1900–2100 or that do not exist (2015-02-30) are not dates. Nothing here raises on
bad input: it returns None.

Ranges: `parse_date_range` returns (start, end); an end of None means the range is open —
长期 / 永久 / 无固定期限 — or that the end could not be read; `is_open_ended` tells which.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from extractor.normalize.text import (
    SPACED_DIGITS,
    chinese_zero_to_ling,
    drop_matches,
    nfkc_mapped,
    original_span,
    remove_spaces,
)

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_CN_DIGIT = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "两": 2, "元": 1}

# Four digits, or three when OCR dropped a 〇 (see _cn_year)
_CN_YEAR = "[零一二三四五六七八九]{3,4}"
_CN_SMALL = "[一二三四五六七八九十元]{1,3}"
_PATTERNS = (
    # 2015年3月2日 / 2015年03月 (the day is optional; OCR sometimes drops the 日, and RapidOCR
    # read 2014年03月02日 as 2014年03月024: a third digit after a two-digit day is that 日)
    re.compile(
        r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月"
        r"(?:\s*(\d{2})\d(?![\d日号曰])|\s*(\d{1,2})(?!\d)(?:\s*[日号曰])?)?"
    ),
    # 二〇一五年三月十二日 (after 〇-like characters became 零); Arabic month/day mixed in too
    re.compile(rf"({_CN_YEAR})\s*年\s*({_CN_SMALL}|\d{{1,2}})\s*月(?:\s*({_CN_SMALL}|\d{{1,2}})\s*[日号曰])?"),
    # 2015.03.02 / 2015-3-2 / 2015/3/2: one separator used twice
    re.compile(r"(?<![\d.])(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.])"),
    # 2015.03 / 2015-03: a month only
    re.compile(r"(?<![\d.])(\d{4})\s*([-./])\s*(\d{1,2})(?![\d./-])"),
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})[日号曰]?")
# OCR reads 0 as O and 1 as l or I inside numbers, and 日 as 曰; only next to digits or date
# characters is that safe to undo.
_DIGIT_LOOKALIKE = re.compile(
    r"(?<=\d)[Oo〇○](?=\d|\s*[年月日.\-/])|(?<=[年月])[Oo〇○](?=\d)|(?<=\d)[lI|](?=\d)|(?<=[年月])[lI|](?=\d)"
)
# OCR reads 十 as + (and sometimes t) in 三月十二日; only between numerals and 年/月/日.
_PLUS_AS_TEN = re.compile(
    r"(?<=[年月一二三四五六七八九])[+t](?=[一二三四五六七八九日月号])|(?<=[年月])[+t](?=[日月])"
)
_OPEN_END = re.compile(r"长期|永久|无固定期限|不约定期限|无期限|长久")
_RANGE_JOIN = re.compile(r"至|到|止|~|-|—|–|－")


class FoundDate(NamedTuple):
    value: str
    start: int
    end: int


def _cn_number(text: str) -> int | None:
    """一..九, 十, 十二, 二十, 三十一 and digit-by-digit forms like 一二 (as some forms print)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGIT[c]) for c in text)) if all(c in _CN_DIGIT for c in text) else None
    tens, _, units = text.partition("十")
    if "十" in units or (tens and tens not in _CN_DIGIT) or (units and units not in _CN_DIGIT):
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _cn_year(text: str) -> int | None:
    """二零一五 → 2015. Tesseract drops about half of the 〇s: a three-numeral year is read with a
    零 put back wherever that gives a year in range, and only if exactly one place does."""
    digits = "".join(str(_CN_DIGIT[c]) for c in text)
    if len(digits) == 4:
        return int(digits)
    years = {int(digits[:i] + "0" + digits[i:]) for i in range(4)}
    plausible = [y for y in years if _MIN_YEAR <= y <= _MAX_YEAR]
    return plausible[0] if len(plausible) == 1 else None


def _format(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or not _MIN_YEAR <= year <= _MAX_YEAR or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(index: int, match: re.Match[str]) -> str | None:
    if index == 0:
        day = match.group(3) or match.group(4)
        return _format(int(match.group(1)), int(match.group(2)), int(day) if day else None)
    if index == 1:
        day_text = match.group(3)
        day = _cn_number(day_text) if day_text else None
        if day_text and day is None:
            return None
        return _format(_cn_year(match.group(1)), _cn_number(match.group(2)), day)
    if index == 2:
        return _format(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    return _format(int(match.group(1)), int(match.group(3)), None)


def _date_view(text: str) -> tuple[str, list[int]]:
    """The text as dates are matched on, same length as its NFKC form, with original offsets."""
    normal, origin = drop_matches(*nfkc_mapped(text), SPACED_DIGITS)
    view = chinese_zero_to_ling(_PLUS_AS_TEN.sub("十", normal))
    view = _DIGIT_LOOKALIKE.sub(lambda m: "1" if m.group() in "lI|" else "0", view)
    return view, origin


def iter_dates(text: str) -> Iterator[FoundDate]:
    """Every date in `text`, left to right, not overlapping, with spans in the original text."""
    if not isinstance(text, str) or not text:
        return
    view, origin = _date_view(text)
    candidates: list[tuple[int, int, str]] = []
    for index, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(view):
            value = _from_match(index, match)
            if value is not None:
                candidates.append((match.start(), -match.end(), value))
    position = 0
    for start, neg_end, value in sorted(candidates):
        if start >= position:
            position = -neg_end
            yield FoundDate(value, *original_span(origin, start, -neg_end))


def find_date_in(text: str) -> tuple[str, int, int] | None:
    """The first date in a longer string, e.g. a line '成立日期 2015年3月2日', with its span."""
    for found in iter_dates(text):
        return found.value, found.start, found.end
    return None


def parse_date(text: str) -> str | None:
    """The date a field's text holds ('YYYY-MM-DD' or 'YYYY-MM'), or None.

    Lenient about what surrounds the date (a leftover label, a 起), so the first date wins.
    """
    if not isinstance(text, str):
        return None
    view, _ = _date_view(text)
    compact = _COMPACT.fullmatch(remove_spaces(view))
    if compact:
        return _format(*(int(part) for part in compact.groups()))
    found = find_date_in(text)
    return found[0] if found else None


def is_open_ended(text: str) -> bool:
    """Whether a term is stated as open: 长期, 永久, 无固定期限."""
    return isinstance(text, str) and _OPEN_END.search(remove_spaces(text)) is not None


def parse_date_range(text: str) -> tuple[str | None, str | None] | None:
    """(start, end) of a term like '2019年1月1日至2021年12月31日' or '自2019.01.01起至长期'.

    end is None for 长期/永久/无固定期限 (see `is_open_ended`) and when no second date is readable;
    start is None when only the end is given ('至2021年12月31日') or the text is just '长期'.
    None when the text holds neither a date nor an open-end word.
    """
    if not isinstance(text, str):
        return None
    dates = list(iter_dates(text))
    if len(dates) >= 2:
        return dates[0].value, dates[1].value
    if len(dates) == 1:
        before = remove_spaces(text[: dates[0].start])
        if before and _RANGE_JOIN.search(before) and not re.search(r"自|从|起", before):
            return None, dates[0].value
        return dates[0].value, None
    if is_open_ended(text):
        return None, None
    return None


_YEAR_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(?:度|全年)")
_MONTHS_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*[-~—至到]\s*(\d{1,2})\s*月")


def _month_end(year: int, month: int) -> str:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).isoformat()


def parse_period(text: str) -> tuple[str, str] | None:
    """The reporting period a statement heading names, as (first day, last day).

    '2018年度' → ('2018-01-01', '2018-12-31'); '2019年1-4月' → ('2019-01-01', '2019-04-30');
    an explicit '2018年1月1日至2018年12月31日' is read as written. None otherwise (a balance
    sheet's single date '2018年12月31日' is a period end, not a period: use parse_date).
    """
    if not isinstance(text, str):
        return None
    view, _ = _date_view(text)
    months = _MONTHS_PERIOD.search(view)
    if months:
        year, first, last = (int(g) for g in months.groups())
        if 1 <= first <= last <= 12:
            return f"{year:04d}-{first:02d}-01", _month_end(year, last)
        return None
    whole_year = _YEAR_PERIOD.search(view)
    if whole_year:
        return f"{whole_year.group(1)}-01-01", f"{whole_year.group(1)}-12-31"
    dates = [d.value for d in iter_dates(text) if len(d.value) == 10]
    if len(dates) >= 2 and dates[0] <= dates[1]:
        return dates[0], dates[1]
    return None
