"""A .docx form as grid rows: every table row and every paragraph, in document order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from extractor.forms.grid import GridCell, GridRow

# Word draws ticked and empty boxes with Wingdings symbols (<w:sym w:font="Wingdings" w:char="F0FE"/>).
_WINGDINGS = {"F0FE": "☑", "F052": "☑", "F0FC": "√", "F0FB": "☒", "F078": "☒", "F0A8": "☐", "F06F": "☐"}
_T, _TAB, _BR, _CR, _SYM = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:sym")
_P, _TBL = qn("w:p"), qn("w:tbl")


def docx_rows(path: Path) -> list[GridRow]:
    document = Document(str(path))
    rows: list[GridRow] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = element_text(block._p)
            if text.strip():
                rows.append(GridRow((GridCell(0, 1, text),)))
        elif isinstance(block, Table):
            rows.extend(_table_rows(block))
    return rows


def _table_rows(table: Table) -> Iterator[GridRow]:
    for row in table.rows:
        # A merged cell is returned once per grid column it spans: keep it once, with its extent.
        spans: dict[int, list[int]] = {}
        order: list[object] = []
        for column, cell in enumerate(row.cells):
            key = id(cell._tc)
            if key not in spans:
                spans[key] = [column, column + 1]
                order.append(cell)
            else:
                spans[key][1] = column + 1
        cells: list[GridCell] = []
        for cell in order:
            text = element_text(cell._tc)  # type: ignore[attr-defined]
            left, right = spans[id(cell._tc)]  # type: ignore[attr-defined]
            if text.strip():
                cells.append(GridCell(left, right, text))
        if cells:
            yield GridRow(tuple(cells))


def element_text(element: etree._Element) -> str:
    """The visible text of a paragraph or cell, with Wingdings tick symbols as characters."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag == _T and node.text:
            parts.append(node.text)
        elif tag in (_TAB, _BR, _CR):
            parts.append(" ")
        elif tag == _SYM:
            parts.append(_WINGDINGS.get((node.get(qn("w:char")) or "").upper(), ""))
        elif tag == _P and parts and not parts[-1].endswith(" "):
            parts.append(" ")
    return "".join(parts).strip()
