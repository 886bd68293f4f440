"""A .xlsx form as grid rows: the non-empty cells of every sheet, row by row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from extractor.forms.grid import GridCell, GridRow


def xlsx_rows(path: Path) -> list[GridRow]:
    # data_only: the value Excel last computed, not the formula text.
    workbook = load_workbook(str(path), data_only=True, read_only=False)
    try:
        rows: list[GridRow] = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                cells = tuple(GridCell(cell.column - 1, _right_edge(sheet, cell), _cell_text(cell.value))
                              for cell in row if cell.value is not None and _cell_text(cell.value).strip())
                if cells:
                    rows.append(GridRow(cells))
        return rows
    finally:
        workbook.close()


def _right_edge(sheet: Worksheet, cell: Cell) -> int:
    """The column after a cell's merged range (or after the cell itself)."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == cell.row and merged.min_col == cell.column:
            return merged.max_col
    return cell.column


def _cell_text(value: object) -> str:
    """Cell values as the text a person would have typed: dates ISO, 13800138000.0 as 13800138000."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
