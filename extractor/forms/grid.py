"""Reading the form's fields out of rows of cells, whichever way the form reached us.

The .docx and .xlsx readers and the scanned-form extractor all reduce a form to `GridRow`s: the
non-empty cells of one table row (or paragraph, or OCR row), each with its horizontal extent. A
value sits after its label in the same cell (`名称：广州某某公司`, also typed into the label cell)
or in the next non-label cell to the right; merged cells appear once. Cells read by OCR carry
their origin, so every value keeps its page, region and OCR confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from extractor.fieldfind import compact
from extractor.forms.labels import (
    FIGURE_COLUMNS,
    FIGURE_YEARS,
    STATION_HEAD_VARIANT,
    is_label_text,
    label_hits,
)
from extractor.forms.values import (
    CATEGORY_ITEMS,
    EDUCATION_ITEMS,
    field_value,
    figure_value,
    is_blank,
    list_item,
    looks_damaged,
    phone_doubtful,
    staff_counts,
    ticked_item,
)
from extractor.pages import BBox
from schemas.application import ApplicationFields
from schemas.fields import ExtractedField, FieldValue
from schemas.kinds import FieldKind, kind_of

UNCERTAIN_TICK_FACTOR = 0.5
DAMAGED_FACTOR = 0.6
CHECKBOX_FIELDS = (("entity_category", CATEGORY_ITEMS), ("station_head_education", EDUCATION_ITEMS))


@dataclass(frozen=True)
class CellOrigin:
    """Where an OCR'd cell was read: its page, region and the engine's confidence."""

    file: str
    page: int
    bbox: BBox
    confidence: float
    wrapped: bool = False  # several printed lines joined: character spans have no simple x-range


@dataclass(frozen=True)
class GridCell:
    left: float   # grid column (editable forms) or x fraction of the page (scans)
    right: float
    text: str
    origin: CellOrigin | None = None


@dataclass(frozen=True)
class GridRow:
    cells: tuple[GridCell, ...]

    @property
    def text(self) -> str:
        return "".join(compact(cell.text) for cell in self.cells)


@dataclass
class _Collected:
    source: str
    values: dict[str, ExtractedField] = field(default_factory=dict)

    def put(self, name: str, value: FieldValue | None, raw: str, cell: GridCell | None,
            factor: float = 1.0, span: tuple[int, int] | None = None) -> None:
        if value is None or name in self.values:
            return
        origin = cell.origin if cell is not None else None
        if origin is None:
            self.values[name] = ExtractedField(value=value, confidence=round(factor, 3), file=self.source,
                                               raw=compact(raw))
            return
        wrapped = origin.wrapped or cell is None
        bbox = origin.bbox if wrapped else _narrow(origin.bbox, span, len(compact(cell.text)))
        bbox = (round(bbox[0], 4), round(bbox[1], 4), round(bbox[2], 4), round(bbox[3], 4))
        self.values[name] = ExtractedField(value=value, confidence=round(origin.confidence * factor, 3),
                                           file=origin.file, page=origin.page, bbox=bbox, raw=compact(raw))


def _narrow(bbox: BBox, span: tuple[int, int] | None, length: int) -> BBox:
    """The part of a cell's box holding characters [start, end), assuming even widths."""
    if span is None or length <= 0:
        return bbox
    x0, y0, x1, y1 = bbox
    width = x1 - x0
    left = round(x0 + width * span[0] / length, 4)
    return (left, y0, round(x0 + width * min(span[1], length) / length, 4), y1)


def fields_from_grid(rows: Sequence[GridRow], source: str) -> ApplicationFields:
    """The ApplicationFields stated by a form laid out as `rows`; `source` names the file."""
    collected = _Collected(source)
    figure_header: list[tuple[GridCell, str]] | None = None
    year_header: list[tuple[GridCell, int]] | None = None  # the table transposed: years as columns
    unlabelled_years = iter(FIGURE_YEARS)
    in_station_section = False
    for row in rows:
        if "中小企业服务站相关情况" in row.text or row.text.startswith("服务站名称"):
            in_station_section = True
        header = _figure_header(row)
        if header:
            figure_header, unlabelled_years, year_header = header, iter(FIGURE_YEARS), None
            continue
        years = _year_header(row)
        if years:
            year_header, figure_header = years, None
            continue
        if year_header:
            if _read_indicator_row(row, year_header, collected):
                continue
            year_header = None
        if figure_header and _read_figure_row(row, figure_header, collected, unlabelled_years):
            continue
        _read_labelled_row(row, collected, in_station_section)
    _read_unlabelled_checkboxes(rows, collected)
    return ApplicationFields(**collected.values)


def _read_labelled_row(row: GridRow, collected: _Collected, in_station_section: bool) -> None:
    station_row = in_station_section or any(
        hit.field in ("station_head", "station_head_education")
        for cell in row.cells for hit in label_hits(compact(cell.text)))
    for index, cell in enumerate(row.cells):
        text = compact(cell.text)
        hits = label_hits(text)
        for number, hit in enumerate(hits):
            end = hits[number + 1].start if number + 1 < len(hits) else len(text)
            name = hit.field
            if station_row and name in STATION_HEAD_VARIANT:
                name = STATION_HEAD_VARIANT[name]
            if _store(name, text[hit.end:end], cell, (hit.end, end), collected):
                continue
            if number == len(hits) - 1:
                # Nothing (or nothing of the right kind) after the label in its own cell: the
                # value is in the next cell (OCR also glues a label to the cell before it).
                value_cell = _next_value_cell(row.cells[index + 1:])
                if value_cell is not None:
                    _store(name, value_cell.text, value_cell, None, collected)


def _next_value_cell(cells: Sequence[GridCell]) -> GridCell | None:
    """The first non-blank cell to the right, unless a label comes first."""
    for cell in cells:
        if is_label_text(cell.text):
            return None
        if not is_blank(cell.text):
            return cell
    return None


def _store(name: str, text: str, cell: GridCell | None, span: tuple[int, int] | None,
           collected: _Collected) -> bool:
    """Store the field read from `text`; False when the text holds no value of its kind."""
    if is_blank(text):
        return False
    if name == "station_staff":
        counts = staff_counts(text)
        collected.put("staff_fulltime", counts.fulltime, text, cell, span=span)
        collected.put("staff_fulltime_qualified", counts.qualified, text, cell, span=span)
        collected.put("staff_parttime", counts.parttime, text, cell, span=span)
        return counts.fulltime is not None
    for checkbox, items in CHECKBOX_FIELDS:
        if name == checkbox:
            tick = ticked_item(text, items)
            if tick is not None:
                factor = 1.0 if tick.certain else UNCERTAIN_TICK_FACTOR
                collected.put(name, tick.value, text, cell, factor, span)
            return tick is not None
    if kind_of(name) is FieldKind.NAME and _mentions_options(text):
        return False  # a wrapped label's value search ran into the next row's checkbox list
    value = field_value(name, text)
    doubtful = looks_damaged(text) or (kind_of(name) is FieldKind.PHONE and phone_doubtful(value))
    collected.put(name, value, text, cell, DAMAGED_FACTOR if doubtful else 1.0, span)
    return value is not None


def _figure_header(row: GridRow) -> list[tuple[GridCell, str]] | None:
    """The header cells and their field prefixes when `row` heads the 近两年运营情况 table."""
    header: list[tuple[GridCell, str]] = []
    for cell in row.cells:
        text = compact(cell.text)
        for prefix, variants in FIGURE_COLUMNS:
            if any(text.startswith(compact(v)) for v in variants):
                header.append((cell, prefix))
                break
    return header if len(header) >= 3 else None


_NUMBER = re.compile(r"^[-(]?[\d,.:;]+\)?$")
_YEAR = re.compile(r"^[^\d]{0,2}((?:19|20)\d\d)年?度?")  # OCR may read a speck before the year


def _indicator_of(text: str) -> str | None:
    """The field prefix of a figures-table indicator cell (营业收入（万元）, 其中:服务收入 ...)."""
    cleaned = compact(text)
    for prefix, variants in FIGURE_COLUMNS:
        if any(cleaned.startswith(compact(v)) for v in variants):
            return prefix
    return None


def _year_header(row: GridRow) -> list[tuple[GridCell, int]] | None:
    """The year cells when `row` heads a transposed figures table (指标 | 2017年 | 2018年): every
    figure year printed as a short cell of its own, no number cell besides them."""
    years: list[tuple[GridCell, int]] = []
    for cell in row.cells:
        text = compact(cell.text)
        match = _YEAR.match(text)
        if match and len(text) <= 8 and int(match.group(1)) in FIGURE_YEARS:
            years.append((cell, int(match.group(1))))
        elif re.search(r"\d", text) or len(text) > 12:
            return None
    return years if len({year for _, year in years}) >= 2 else None


def _read_indicator_row(row: GridRow, years: list[tuple[GridCell, int]], collected: _Collected) -> bool:
    """One indicator row of a transposed figures table; each number goes to the year column above."""
    prefix = _indicator_of(row.cells[0].text) if row.cells else None
    if prefix is None:
        return False
    columns = [(cell, str(year)) for cell, year in years]
    for cell in row.cells[1:]:
        year = _column_of(cell, columns)
        if year is not None:
            collected.put(f"{prefix}_{year}", figure_value(prefix, cell.text), cell.text, cell)
    return True


def _read_figure_row(row: GridRow, header: list[tuple[GridCell, str]], collected: _Collected,
                     unlabelled_years: Iterator[int]) -> bool:
    """A 2017 / 2018 row of the figures table; each number goes to the header column above it.

    A row of numbers without its year cell (cut off a photographed page) takes the next year
    in the order the form prints them.
    """
    first = compact(row.cells[0].text) if row.cells else ""
    year_match = _YEAR.match(first)
    data = row.cells[1:]
    if year_match and len(first) <= 8:
        year = int(year_match.group(1))
    elif len(row.cells) >= 4 and all(_NUMBER.match(compact(cell.text)) for cell in row.cells):
        year, data = next(unlabelled_years, 0), row.cells
    else:
        return False
    if year not in FIGURE_YEARS:
        return True
    for cell in data:
        prefix = _column_of(cell, header)
        if prefix is not None:
            collected.put(f"{prefix}_{year}", figure_value(prefix, cell.text), cell.text, cell)
    return True


def _column_of(cell: GridCell, header: list[tuple[GridCell, str]]) -> str | None:
    """The header whose extent overlaps the cell most (nearest centre when none overlaps)."""
    def overlap(head: GridCell) -> float:
        return min(head.right, cell.right) - max(head.left, cell.left)

    best = max(header, key=lambda item: overlap(item[0]))
    if overlap(best[0]) > 0:
        return best[1]
    centre = (cell.left + cell.right) / 2
    nearest = min(header, key=lambda item: abs((item[0].left + item[0].right) / 2 - centre))
    width = max(nearest[0].right - nearest[0].left, 1e-6)
    return nearest[1] if abs((nearest[0].left + nearest[0].right) / 2 - centre) < width else None


def _read_unlabelled_checkboxes(rows: Sequence[GridRow], collected: _Collected) -> None:
    """A checkbox list whose label was lost, or whose options wrap onto several lines."""
    for name, items in CHECKBOX_FIELDS:
        if name in collected.values:
            continue
        cells = [cell for row in rows for cell in row.cells if _items_in(cell.text, items) >= 1]
        if sum(_items_in(cell.text, items) for cell in cells) < 3:
            continue
        joined = "".join(compact(cell.text) for cell in cells)
        tick = ticked_item(joined, items)
        if tick is None:
            continue
        ticked_cell = next((c for c in cells if ticked_item(c.text, items) is not None), cells[0])
        collected.put(name, tick.value, joined, ticked_cell, 1.0 if tick.certain else UNCERTAIN_TICK_FACTOR)


def _mentions_options(text: str) -> bool:
    """Whether `text` names two or more options of a checkbox list, however printed: no person's
    or organisation's name does."""
    cleaned = compact(text)
    return any(sum(1 for pattern, _ in items if re.search(pattern, cleaned)) >= 2 for _, items in CHECKBOX_FIELDS)


def _items_in(text: str, items: tuple[tuple[str, str], ...]) -> int:
    """How many items of a checkbox list `text` prints as list items (numbered or bracketed)."""
    cleaned = compact(text)
    return sum(1 for pattern, _ in items if list_item(pattern, cleaned, strict=True) is not None)
