"""Ruled tables: rows of cells spanning grid columns, text wrapped inside each cell."""

from __future__ import annotations

from dataclasses import dataclass

from .canvas import Page


@dataclass
class Cell:
    text: str
    span: int = 1
    key: str | None = None  # field name whose box this cell's text is
    align: str = "left"     # left | center | right


def draw_table(page: Page, x: int, y: int, col_widths: list[int], rows: list[list[Cell]], size: int,
               pad: int = 14, min_row_h: int = 0, line_w: int = 3, spacing: float = 1.4) -> int:
    """Draw the table with its top-left at (x, y); returns the y of its bottom edge."""
    total_w = sum(col_widths)
    top = y
    for row in rows:
        spans, col = [], 0
        for cell in row:
            left = x + sum(col_widths[:col])
            right = x + sum(col_widths[:col + cell.span])
            spans.append((cell, left, right))
            col += cell.span
        wrapped = [page.wrap(c.text, size, max(r - l - 2 * pad, size)) for c, l, r in spans]
        line_h = round(size * spacing)
        row_h = max(min_row_h, max(len(w) for w in wrapped) * line_h + 2 * pad)
        for (cell, left, right), lines in zip(spans, wrapped):
            text_h = len(lines) * line_h
            ty = y + (row_h - text_h) // 2 + round(size * 0.12)
            for line in lines:
                lw = page.text_width(line, size)
                if cell.align == "center":
                    tx = left + (right - left - lw) // 2
                elif cell.align == "right":
                    tx = right - pad - lw
                else:
                    tx = left + pad
                if line:
                    page.text(tx, ty, line, size, key=cell.key)
                ty += line_h
            page.line(left, y, left, y + row_h, line_w)
        page.line(x + total_w, y, x + total_w, y + row_h, line_w)
        page.line(x, y, x + total_w, y, line_w)
        y += row_h
    page.line(x, y, x + total_w, y, line_w)
    page.line(x, top, x, y, line_w)
    return y
