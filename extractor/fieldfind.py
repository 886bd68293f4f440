"""Finding a value on OCR'd pages: after its printed label, or by its own shape.

Every document extractor reads fields through these helpers so that a value always comes back
with the page and region it was read from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractor.pages import BBox, ReadPage, TextLine
from schemas.fields import ExtractedField, FieldValue

_SPACE = re.compile(r"\s+")
# Marks between a label and its value, and specks read as dots (a value never starts with ·).
_LEADING_PUNCT = re.compile(r"^[：:;；,，.。、\-—_|）)·•*'`‘’]+")


def compact(text: str) -> str:
    """NFKC without any white space: how labels and values are compared across scans."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Located:
    """Raw text found on a page, before normalisation, with where it was."""

    text: str
    page: ReadPage
    bbox: BBox
    confidence: float

    def to_field(self, value: FieldValue, confidence: float | None = None) -> ExtractedField:
        return ExtractedField(
            value=value,
            confidence=round(self.confidence if confidence is None else confidence, 3),
            file=self.page.file,
            page=self.page.page,
            bbox=tuple(round(v, 4) for v in self.bbox),  # type: ignore[arg-type]
            raw=self.text,
        )


def _sub_bbox(line: TextLine, start: int, end: int, length: int) -> BBox:
    """The part of a line's box holding characters [start, end), assuming even character widths."""
    x0, y0, x1, y1 = line.bbox
    if length <= 0:
        return line.bbox
    width = x1 - x0
    return (x0 + width * start / length, y0, x0 + width * min(end, length) / length, y1)


def _cut_at(text: str, stop_labels: Sequence[str]) -> str:
    cut = len(text)
    for label in stop_labels:
        at = text.find(label)
        if 0 < at < cut:
            cut = at
    return text[:cut]


def _same_row(a: BBox, b: BBox) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1])


def _right_neighbour(lines: Sequence[TextLine], line: TextLine) -> TextLine | None:
    candidates = [o for o in lines if o is not line and o.bbox[0] >= line.bbox[2] - 0.01
                  and _same_row(o.bbox, line.bbox)]
    return min(candidates, key=lambda o: o.bbox[0], default=None)


def _below_neighbour(lines: Sequence[TextLine], line: TextLine) -> TextLine | None:
    height = line.bbox[3] - line.bbox[1]
    candidates = [
        o for o in lines
        if o is not line and 0 <= o.bbox[1] - line.bbox[3] < 2.5 * height
        and min(o.bbox[2], line.bbox[2] + 0.3) - max(o.bbox[0], line.bbox[0] - 0.05) > 0
    ]
    return min(candidates, key=lambda o: o.bbox[1], default=None)


def find_labelled(
    pages: Iterable[ReadPage],
    labels: Sequence[str],
    *,
    stop_labels: Sequence[str] = (),
    value_pattern: str | None = None,
    look_below: bool = True,
) -> Located | None:
    """The value printed after the first of `labels` found (same line, then right, then below).

    `stop_labels` end the value where another label follows on the same line; `value_pattern`
    (a regex on compact text) keeps only a value of the expected shape.
    """
    wanted = [compact(label) for label in labels]
    stops = [compact(label) for label in stop_labels]
    pattern = re.compile(value_pattern) if value_pattern else None
    for page in pages:
        lines = page.text.lines
        for line in lines:
            text = compact(line.text)
            for label in wanted:
                at = text.find(label)
                if at >= 0:
                    label_end: tuple[TextLine, int] | None = (line, at + len(label))
                else:
                    label_end = _spread_label(lines, line, text, label)
                if label_end is None:
                    continue
                found = _value_after(page, label_end, line, stops, pattern, look_below)
                if found is not None:
                    return found
    return None


def _spread_label(lines: Sequence[TextLine], line: TextLine, text: str,
                  label: str) -> tuple[TextLine, int] | None:
    """(box, offset after the label) for a letter-spaced label read as several boxes on one row.

    `姓　　名` comes back as `姓` | `名：张三`: a box ending with the label's head is continued by
    its right neighbours until the label is complete.
    """
    head = next((k for k in range(len(label) - 1, 0, -1) if text.endswith(label[:k])), 0)
    current, done = line, head
    while 0 < done < len(label):
        nxt = _right_neighbour(lines, current)
        if nxt is None:
            return None
        nxt_text = compact(nxt.text)
        rest = label[done:]
        if nxt_text.startswith(rest):
            return nxt, len(rest)
        if not nxt_text or not rest.startswith(nxt_text):
            return None
        current, done = nxt, done + len(nxt_text)
    return None


def _value_after(page: ReadPage, label_end: tuple[TextLine, int], label_line: TextLine,
                 stops: Sequence[str], pattern: re.Pattern[str] | None, look_below: bool) -> Located | None:
    """The value after a label ending at `label_end`: on that box, its right neighbour, or below."""
    lines = page.text.lines
    line, start = label_end
    text = compact(line.text)
    rest = _cut_at(text[start:], stops)
    stripped = _LEADING_PUNCT.sub("", rest)
    start += len(rest) - len(stripped)
    found = _accept(stripped, pattern)
    if found is not None:
        offset = start + found[0]
        bbox = _sub_bbox(line, offset, offset + len(found[1]), len(text))
        return Located(found[1], page, bbox, line.confidence)
    neighbours = [_right_neighbour(lines, line)]
    if look_below:
        neighbours.append(_below_neighbour(lines, label_line))
    for other in neighbours:
        if other is None:
            continue
        other_text = _LEADING_PUNCT.sub("", _cut_at(compact(other.text), stops))
        found = _accept(other_text, pattern)
        if found is not None:
            length = len(compact(other.text))
            bbox = _sub_bbox(other, found[0], found[0] + len(found[1]), length)
            return Located(found[1], page, bbox, other.confidence)
    return None


def _accept(text: str, pattern: re.Pattern[str] | None) -> tuple[int, str] | None:
    if not text:
        return None
    if pattern is None:
        return 0, text
    match = pattern.search(text)
    return (match.start(), match.group(0)) if match else None


def find_pattern(pages: Iterable[ReadPage], pattern: str) -> list[Located]:
    """Every match of `pattern` (on compact line text), in reading order."""
    regex = re.compile(pattern)
    found: list[Located] = []
    for page in pages:
        for line in page.text.lines:
            text = compact(line.text)
            for match in regex.finditer(text):
                bbox = _sub_bbox(line, match.start(), match.end(), len(text))
                found.append(Located(match.group(0), page, bbox, line.confidence))
    return found


def page_text(pages: Iterable[ReadPage]) -> str:
    return "\n".join(compact(line.text) for page in pages for line in page.text.lines)
