"""OCR lines regrouped into printed rows, keeping where each character came from.

OCR engines split one printed row into several boxes wherever the gap is wide: the spaced label
`名      称` comes back as `名` and `称`, a table row as one box per cell. Label-and-value readers
need the row back, and every value still needs the region it was read from: `RowText` is the
row's compact text plus, per character, the box and confidence of the line it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.fieldfind import compact
from extractor.forms.grid import CellOrigin, GridCell, GridRow
from extractor.forms.labels import is_label_text
from extractor.pages import BBox, ReadPage, TextLine


@dataclass(frozen=True)
class RowText:
    page: ReadPage
    lines: tuple[TextLine, ...]  # left to right
    text: str                    # compact text of the lines, concatenated
    owner: tuple[int, ...]       # for each character of `text`, the index of its line

    @property
    def bbox(self) -> BBox:
        return _union([line.bbox for line in self.lines])

    @property
    def left(self) -> float:
        return self.lines[0].bbox[0]

    def span_bbox(self, start: int, end: int) -> BBox:
        """The region holding characters [start, end) of `text` (even widths within a line)."""
        boxes: list[BBox] = []
        for index, line in enumerate(self.lines):
            chars = [i for i, o in enumerate(self.owner) if o == index]
            inside = [i for i in chars if start <= i < end]
            if not inside:
                continue
            first, count = chars[0], len(chars)
            x0, y0, x1, y1 = line.bbox
            width = (x1 - x0) / max(count, 1)
            boxes.append((x0 + width * (inside[0] - first), y0, x0 + width * (inside[-1] - first + 1), y1))
        return _union(boxes) if boxes else self.bbox

    def span_confidence(self, start: int, end: int) -> float:
        used = {self.owner[i] for i in range(max(start, 0), min(end, len(self.owner)))}
        if not used:
            return min(line.confidence for line in self.lines)
        return min(self.lines[i].confidence for i in used)


def _union(boxes: Sequence[BBox]) -> BBox:
    return (round(min(b[0] for b in boxes), 4), round(min(b[1] for b in boxes), 4),
            round(max(b[2] for b in boxes), 4), round(max(b[3] for b in boxes), 4))


def page_rows(page: ReadPage) -> list[list[TextLine]]:
    """The page's lines grouped into rows, top to bottom, each row left to right.

    A line joins a row when its vertical centre lies within the row's first line's extent and
    it does not overlap a line already in the row horizontally (that would be a second line of
    a wrapped cell, not the same row).
    """
    remaining = sorted(page.text.lines, key=lambda line: ((line.bbox[1] + line.bbox[3]) / 2, line.bbox[0]))
    rows: list[list[TextLine]] = []
    while remaining:
        anchor = remaining[0]
        top, bottom = anchor.bbox[1], anchor.bbox[3]
        row = [anchor]
        for line in remaining[1:]:
            centre = (line.bbox[1] + line.bbox[3]) / 2
            if top <= centre <= bottom and not any(_x_overlap(line.bbox, other.bbox) for other in row):
                row.append(line)
        taken = {id(line) for line in row}
        rows.append(sorted(row, key=lambda line: line.bbox[0]))
        remaining = [line for line in remaining if id(line) not in taken]
    return rows


def _x_overlap(a: BBox, b: BBox) -> bool:
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    return overlap > 0.3 * min(a[2] - a[0], b[2] - b[0])


def row_texts(pages: Sequence[ReadPage]) -> list[RowText]:
    """Every printed row of `pages` as one RowText, in reading order."""
    out: list[RowText] = []
    for page in pages:
        for row in page_rows(page):
            text_parts: list[str] = []
            owner: list[int] = []
            for index, line in enumerate(row):
                part = compact(line.text)
                text_parts.append(part)
                owner.extend([index] * len(part))
            text = "".join(text_parts)
            if text:
                out.append(RowText(page, tuple(row), text, tuple(owner)))
    return out


def merge_wrapped(lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines of one wrapped table cell joined into one: same left edge, closely stacked.

    Wrapped lines sit about 0.2-0.4 line heights apart and are no wider than the line they
    continue; text in the next table row is a cell padding on each side away (0.5 heights and
    more) and often wider (a one-line name cell above a long checkbox list).
    """
    blocks: list[TextLine] = []
    for line in sorted(lines, key=lambda item: (item.bbox[1], item.bbox[0])):
        height = line.bbox[3] - line.bbox[1]
        target = None
        for index, block in enumerate(blocks):
            gap = line.bbox[1] - block.bbox[3]
            last_height = min(height, block.bbox[3] - block.bbox[1])
            shift = line.bbox[0] - block.bbox[0]
            aligned = abs(shift) < 0.015 or \
                (line.text[:1] in "(（[【" and 0 <= shift < 0.025) or \
                abs((line.bbox[0] + line.bbox[2]) - (block.bbox[0] + block.bbox[2])) < 0.03  # centred cells
            # (an opening bracket's ink starts right of its box: OCR boxes such a line further in)
            # A wrapped line is never much wider than the line it continues (the text filled that one).
            narrower = (line.bbox[2] - line.bbox[0]) <= 1.1 * (block.bbox[2] - block.bbox[0]) + 0.01 or \
                (line.text[:1] in "(（" and is_label_text(block.text))  # 联系电话 / （固话+手机）：
            # Tightly set cells wrap with the lines' boxes overlapping by up to a third of a line.
            # A label wrapped in its cell (服务站负责 / 人：) continues into a longer label; one that
            # already ends in its colon is complete.
            continues = not is_label_text(line.text) or (
                is_label_text(block.text) and not block.text.rstrip().endswith((":", "："))
                and is_label_text(block.text + line.text))
            if -0.35 * last_height <= gap < 0.6 * last_height and aligned and narrower and continues:
                target = index
        if target is None:
            blocks.append(line)
            continue
        block = blocks[target]
        blocks[target] = TextLine(block.text + line.text, _union([block.bbox, line.bbox]),
                                  min(block.confidence, line.confidence))
    return blocks


def table_rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Cells of a ruled table grouped into rows by vertical overlap, top to bottom.

    Unlike `page_rows`, a one-line label cell joins the row of a three-line value cell beside
    it: cells of one table row share their vertical extent, whatever their line counts.
    """
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: ((item.bbox[1] + item.bbox[3]) / 2, item.bbox[0])):
        home = None
        for row in reversed(rows[-4:]):
            if any(_y_overlap(line.bbox, other.bbox) for other in row) and \
                    not any(_x_overlap(line.bbox, other.bbox) for other in row):
                home = row
                break
        if home is None:
            rows.append([line])
        else:
            home.append(line)
    for row in rows:
        row.sort(key=lambda item: item.bbox[0])
    return sorted(rows, key=lambda row: min(line.bbox[1] for line in row))


def _y_overlap(a: BBox, b: BBox) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.3 * min(a[3] - a[1], b[3] - b[1])


def grid_rows(pages: Sequence[ReadPage]) -> list[GridRow]:
    """The rows of a scanned table as GridRows: one cell per OCR line (wrapped cells joined)."""
    rows: list[GridRow] = []
    for page in pages:
        printed = {id(line) for line in page.text.lines}
        for row in table_rows(merge_wrapped(page.text.lines)):
            cells = tuple(
                GridCell(line.bbox[0], line.bbox[2], line.text,
                         CellOrigin(page.file, page.page, line.bbox, line.confidence,
                                    wrapped=id(line) not in printed))
                for line in row if compact(line.text))
            if cells:
                rows.append(GridRow(cells))
    return rows
