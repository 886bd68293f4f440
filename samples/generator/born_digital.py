"""A born-digital PDF (real text layer) for a financial statement, drawn with reportlab."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from . import fmt
from .finance import BS_ASSETS, BS_LIABS, BS_NONCURRENT, IS_LINES
from .fonts import FontSpec
from .model import Document

_REGISTERED: set[str] = set()


def _font_name(font: FontSpec) -> str:
    name = font.name.replace(" ", "")
    if name not in _REGISTERED:
        pdfmetrics.registerFont(TTFont(name, font.path, subfontIndex=font.index))
        _REGISTERED.add(name)
    return name


def write_statements_pdf(path: Path, docs: list[Document], font: FontSpec) -> None:
    """One page per statement, a ruled table with both amount columns; text is extractable."""
    name = _font_name(font)
    c = rl_canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for doc in docs:
        x = doc.extra
        cur, prev = x["columns"]
        money = lambda v: fmt.money(v, x["unit"], x["parens"], x["thousands"])  # noqa: E731
        if doc.doc_type == "balance_sheet":
            title, form_no = "资产负债表", "会企01表"
            when = "2019年4月30日" if x["period"] == "2019-04" else f"{x['period']}年12月31日"
            lines = list(BS_ASSETS) + ["流动资产合计"] + list(BS_NONCURRENT) + ["非流动资产合计", "资产总计"] + \
                list(BS_LIABS) + ["流动负债合计", "长期借款", "非流动负债合计", "负债合计", "实收资本", "资本公积",
                                  "盈余公积", "未分配利润", "所有者权益合计", "负债和所有者权益总计"]
            heads = ("项目", "期末余额", "年初余额")
        else:
            title, form_no = "利润表", "会企02表"
            when = "2019年1-4月" if x["period"] == "2019-04" else f"{x['period']}年度"
            lines = list(IS_LINES)
            heads = ("项目", "本期金额", "上期金额")
        entity = doc.fields.get("entity_name") or x.get("entity_name", "")
        c.setFont(name, 16)
        c.drawCentredString(width / 2, height - 60, title)
        c.setFont(name, 9)
        c.drawRightString(width - 40, height - 60, form_no)
        c.drawString(40, height - 85, f"编制单位：{entity}")
        c.drawString(width / 2, height - 85, when)
        c.drawRightString(width - 40, height - 85, f"单位：{x['unit']}")
        y = height - 110
        cols = (40, 270, 410, width - 40)
        row_h = 17 if len(lines) > 20 else 24
        for label, a, b in [heads] + [(lbl, money(cur[lbl]), money(prev[lbl])) for lbl in lines]:
            c.line(cols[0], y, cols[3], y)
            c.drawString(cols[0] + 4, y - row_h + 6, label)
            c.drawRightString(cols[2] - 4, y - row_h + 6, a)
            c.drawRightString(cols[3] - 4, y - row_h + 6, b)
            y -= row_h
        c.line(cols[0], y, cols[3], y)
        top = height - 110
        for cx in cols:
            c.line(cx, top, cx, y)
        c.drawString(40, y - 30, "单位负责人：          主管会计工作负责人：          会计机构负责人：")
        c.showPage()
    c.save()
