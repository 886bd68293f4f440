"""The scanned application form: two ruled-table pages, signed and sealed on the second."""

from __future__ import annotations

import datetime as dt
import random

from . import fmt
from .canvas import Page, Seal, mm, pt
from .fonts import FontSpec
from .form_layout import TITLE, form_rows
from .model import Submission
from .tables import Cell, draw_table


def _widths(rng: random.Random, total: int) -> list[int]:
    """Seven column widths that vary per submission so nothing can key on pixel positions."""
    weights = [rng.uniform(0.9, 1.3) for _ in range(7)]
    weights[0] *= rng.uniform(1.1, 1.4)  # label column a bit wider
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _inline(rows: list[list[Cell]], rng: random.Random) -> list[list[Cell]]:
    """Some applicants type values into the label cell ('名称：xxx') instead of the next cell."""
    out = []
    for row in rows:
        new: list[Cell] = []
        i = 0
        while i < len(row):
            cell = row[i]
            nxt = row[i + 1] if i + 1 < len(row) else None
            if cell.text.endswith("：") and nxt is not None and nxt.key and rng.random() < 0.6:
                new.append(Cell(cell.text + nxt.text, cell.span + nxt.span, nxt.key))
                i += 2
                continue
            new.append(cell)
            i += 1
        out.append(new)
    return out


def render_form(sub: Submission, font: FontSpec, rng: random.Random, seal: bool,
                signing_date: dt.date) -> list[Page]:
    style = sub.form_extra["style"]
    rows, section_3 = form_rows(sub.form, style, sub.form_extra["credit_row"])
    if rng.random() < 0.3:
        rows = _inline(rows, rng)
    split = section_3 if rng.random() < 0.7 else section_3 - 4  # section 二 sometimes on page 2
    margin = mm(rng.uniform(16, 24))
    size = pt(rng.choice((10, 10.5, 11, 12)))
    pages: list[Page] = []
    for part, chunk in enumerate((rows[:split], rows[split:])):
        page = Page(font, random.Random(rng.random()), doc_type="application_form")
        width = page.size[0] - 2 * margin
        y = mm(rng.uniform(18, 30))
        if part == 0:
            page.text(margin, y, "附件", pt(12))
            y += pt(22)
            title_size = pt(rng.choice((16, 18, 20)))
            page.text(page.size[0] // 2, y, TITLE, title_size, anchor="ma")
            y += round(title_size * 2.0)
        y = draw_table(page, margin, y, _widths(rng, width), chunk, size, pad=mm(1.6),
                       min_row_h=mm(rng.uniform(9, 13)))
        if part == 1:
            y += mm(rng.uniform(12, 25))
            x = margin + mm(rng.uniform(60, 95))
            label = page.text(x, y, "申请单位（盖章）：", size)
            page.text(label[2], y, sub.form["entity_name"] if rng.random() < 0.5 else "", size)
            if seal:
                page.seals.append(Seal(label[2] + mm(rng.uniform(5, 25)), y + mm(rng.uniform(-4, 6)),
                                       mm(rng.uniform(38, 42)), sub.entity["name"]))
                page.variant.append("seal_over_text")
            y += mm(16)
            sig = page.text(x, y, "法定代表人（签字）：", size)
            page.signatures.append((sig[2] + mm(3), (sig[1] + sig[3]) // 2, sub.entity["legal_rep"]))
            y += mm(16)
            page.text(x, y, "日期：" + fmt.date_text(rng, signing_date, "cn"), size)
        pages.append(page)
    return pages
