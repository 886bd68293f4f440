"""Helpers the certificate, ID-card and lease extractors share on top of `extractor.fieldfind`.

Contract clauses wrap over lines (`甲方将位于广州市天河区…` / `…1208室的房屋出租给乙方`), so
`search_joined` matches a regex on a page's lines joined in reading order and maps the match back
to the lines it covers. `to_field` turns raw located text into a normalised field whose confidence
is the OCR confidence scaled by how sure the parse is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.fieldfind import Located, compact
from extractor.normalize import normalize_value
from extractor.pages import BBox, ReadPage
from schemas.fields import ExtractedField
from schemas.kinds import FieldKind

DATE = r"(?:\d{4}|[〇○零OoО一二三四五六七八九]{4})\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*日?"
"""A full date as printed (2015年3月2日, 2015.03.02, 2015-3-2) on compact text."""
HAN_DATE = r"[〇○零OoО一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
ANY_DATE = rf"(?:{DATE}|{HAN_DATE})"
SPLIT_NAME = r"姓名[:：]([\u4e00-\u9fff·]{2,6}?)(?=性别|性|出生|身份|$)"
"""姓    名 is often read as two boxes (姓 | 名：许杰志); the joined text still says 姓名:许杰志."""


UNBALANCED_FACTOR = 0.9
_NAME_EDGE_NOISE = "·.。,，:：;；-_'\"|"
"""Specks OCR reads before or after a name (·谢清永); a · inside a name (买买提·艾力) stays."""


def to_field(located: Located | None, kind: FieldKind, factor: float = 1.0) -> ExtractedField | None:
    """The normalised value of `located`, or None when it does not parse as `kind`."""
    if located is None:
        return None
    text = located.text.strip(_NAME_EDGE_NOISE) if kind is FieldKind.NAME else located.text
    value = normalize_value(kind, text)
    if value is None or value == "":
        return None
    if kind is FieldKind.TEXT and isinstance(value, str) and value.count("(") == value.count(")") + 1:
        # OCR drops the closing bracket of 企业人力资源管理师(四级) at the end of a line.
        value, factor = value + ")", factor * UNBALANCED_FACTOR
    return located.to_field(value, located.confidence * factor)


@dataclass(frozen=True)
class _Joined:
    text: str
    owners: list[int]  # line index of each character
    offsets: list[int]  # character offset inside its line


def _join(page: ReadPage) -> _Joined:
    text: list[str] = []
    owners: list[int] = []
    offsets: list[int] = []
    for index, line in enumerate(page.text.lines):
        chars = compact(line.text)
        text.append(chars)
        owners.extend([index] * len(chars))
        offsets.extend(range(len(chars)))
    return _Joined("".join(text), owners, offsets)


def _bbox(page: ReadPage, joined: _Joined, start: int, end: int) -> tuple[BBox, float]:
    """Union of the covered lines' boxes (a single line is cut to the matched characters)."""
    lines = page.text.lines
    covered = sorted(set(joined.owners[start:end]))
    if len(covered) == 1:
        line = lines[covered[0]]
        length = max(len(compact(line.text)), 1)
        x0, y0, x1, y1 = line.bbox
        a, b = joined.offsets[start], joined.offsets[end - 1] + 1
        return (x0 + (x1 - x0) * a / length, y0, x0 + (x1 - x0) * b / length, y1), line.confidence
    boxes = [lines[i].bbox for i in covered]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return box, min(lines[i].confidence for i in covered)


def search_joined(pages: Sequence[ReadPage], pattern: str, group: int | str = 1,
                  reject: str | None = None) -> Located | None:
    """The first match of `pattern` on any page's joined compact text (group `group` is the value).

    `reject` skips matches whose value contains it (a signature block's `甲方（盖章）：`).
    """
    regex = re.compile(pattern)
    rejected = re.compile(reject) if reject else None
    for page in pages:
        joined = _join(page)
        for match in regex.finditer(joined.text):
            start, end = match.span(group)
            if end <= start or (rejected and rejected.search(match.group(group))):
                continue
            bbox, confidence = _bbox(page, joined, start, end)
            return Located(match.group(group), page, bbox, confidence)
    return None


def search_all(pages: Sequence[ReadPage], pattern: str, group: int | str = 1) -> list[Located]:
    """Every match of `pattern` on the pages' joined text, in reading order."""
    regex = re.compile(pattern)
    found: list[Located] = []
    for page in pages:
        joined = _join(page)
        for match in regex.finditer(joined.text):
            start, end = match.span(group)
            if end > start:
                bbox, confidence = _bbox(page, joined, start, end)
                found.append(Located(match.group(group), page, bbox, confidence))
    return found
