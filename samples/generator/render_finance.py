"""资产负债表 / 利润表 / 现金流量表 pages: two amount columns, 元 or 万元, optional parentheses."""

from __future__ import annotations

import random

from . import fmt
from .canvas import Page, Seal, mm, pt
from .finance import BS_ASSETS, BS_LIABS, BS_NONCURRENT, CF_LINES, IS_LINES
from .fonts import FontSpec
from .model import Document
from .tables import Cell, draw_table

# Line label -> the SPEC field its current-period amount is (for boxes).
BS_KEYS = {"资产总计": "total_assets", "负债合计": "total_liabilities", "所有者权益合计": "total_equity"}
IS_KEYS = {"营业收入": "revenue", "利润总额": "total_profit", "所得税费用": "income_tax", "净利润": "net_profit"}
IS_PREFIX = {"营业收入": "一、", "营业成本": "减：", "营业利润": "二、", "营业外收入": "加：", "营业外支出": "减：",
             "利润总额": "三、", "所得税费用": "减：", "净利润": "四、"}


def _period_heading(doc: Document) -> tuple[str, str]:
    period = doc.extra["period"]
    if period == "2019-04":
        return "2019年4月30日", "2019年1-4月"
    return f"{period}年12月31日", f"{period}年度"


def _header(page: Page, rng: random.Random, title: str, form_no: str, entity: str, when: str, unit: str) -> int:
    w = page.size[0]
    y = mm(rng.uniform(18, 28))
    page.text(w // 2, y, title, pt(rng.choice((18, 20, 22))), anchor="ma")
    page.text(w - mm(25), y + mm(3), form_no, pt(9), anchor="ra")
    y += mm(16)
    size = pt(10.5)
    box = page.text(mm(18), y, "编制单位：", size)
    page.text(box[2], y, entity, size, key="entity_name")
    page.text(w // 2 + mm(18), y, when, size, key="period_end")
    page.text(w - mm(18), y, f"单位：{unit}", size, anchor="ra")
    return y + mm(9)


def _sign_off(page: Page, rng: random.Random, y: int, entity: str, seal: bool) -> None:
    w = page.size[0]
    y += mm(10)
    for i, label in enumerate(("单位负责人：", "主管会计工作负责人：", "会计机构负责人：")):
        page.text(mm(18) + i * (w - mm(36)) // 3, y, label, pt(10))
    if seal:
        page.seals.append(Seal(rng.randint(w // 3, w - mm(50)), y - mm(rng.uniform(10, 40)), mm(40), entity))


def render_balance_sheet(doc: Document, font: FontSpec, rng: random.Random, seal: bool) -> Page:
    x = doc.extra
    page = Page(font, rng, doc_type="balance_sheet")
    w = page.size[0]
    cur, prev = x["columns"]
    m = lambda v: fmt.money(v, x["unit"], x["parens"], x["thousands"])  # noqa: E731
    closing, _ = _period_heading(doc)
    y = _header(page, rng, "资产负债表", "会企01表", doc.fields["entity_name"], closing, x["unit"])
    asset_lines = list(BS_ASSETS) + ["流动资产合计"] + list(BS_NONCURRENT) + ["非流动资产合计", "资产总计"]
    liab_lines = list(BS_LIABS) + ["流动负债合计", "长期借款", "非流动负债合计", "负债合计",
                                   "实收资本", "资本公积", "盈余公积", "未分配利润", "所有者权益合计", "负债和所有者权益总计"]
    size = pt(rng.choice((8.5, 9, 9.5)))
    if x["side_by_side"]:
        head = [Cell(h, align="center") for h in ("资产", "期末余额", "年初余额", "负债和所有者权益", "期末余额", "年初余额")]
        rows = [head]
        for i in range(max(len(asset_lines), len(liab_lines))):
            a = asset_lines[i] if i < len(asset_lines) else ""
            b = liab_lines[i] if i < len(liab_lines) else ""
            rows.append([Cell(a), Cell(m(cur[a]) if a else "", key=BS_KEYS.get(a), align="right"),
                         Cell(m(prev[a]) if a else "", align="right"),
                         Cell(b), Cell(m(cur[b]) if b else "", key=BS_KEYS.get(b), align="right"),
                         Cell(m(prev[b]) if b else "", align="right")])
        total = w - mm(30)
        widths = [int(total * r) for r in (0.19, 0.155, 0.155, 0.19, 0.155, 0.155)]
    else:
        rows = [[Cell(h, align="center") for h in ("项目", "行次", "期末余额", "年初余额")]]
        for i, label in enumerate(asset_lines + liab_lines, start=1):
            rows.append([Cell(label), Cell(str(i), align="center"), Cell(m(cur[label]), key=BS_KEYS.get(label), align="right"),
                         Cell(m(prev[label]), align="right")])
        total = w - mm(40)
        widths = [int(total * r) for r in (0.4, 0.1, 0.25, 0.25)]
    y = draw_table(page, (w - sum(widths)) // 2, y, widths, rows, size, pad=mm(1.2), min_row_h=mm(7.2 if x["side_by_side"] else 6.2))
    _sign_off(page, rng, y, doc.fields["entity_name"], seal)
    return page


def render_income_statement(doc: Document, font: FontSpec, rng: random.Random, seal: bool) -> Page:
    x = doc.extra
    page = Page(font, rng, doc_type="income_statement")
    w = page.size[0]
    cur, prev = x["columns"]
    m = lambda v: fmt.money(v, x["unit"], x["parens"], x["thousands"])  # noqa: E731
    _, span = _period_heading(doc)
    y = _header(page, rng, rng.choice(("利润表", "利润表", "损益表")), "会企02表", doc.fields["entity_name"], span, x["unit"])
    rows = [[Cell(h, align="center") for h in ("项目", "行次", "本期金额", "上期金额")]]
    for i, label in enumerate(IS_LINES, start=1):
        rows.append([Cell(IS_PREFIX.get(label, "　　") + label), Cell(str(i), align="center"),
                     Cell(m(cur[label]), key=IS_KEYS.get(label), align="right"), Cell(m(prev[label]), align="right")])
    total = w - mm(40)
    widths = [int(total * r) for r in (0.42, 0.08, 0.25, 0.25)]
    y = draw_table(page, (w - sum(widths)) // 2, y, widths, rows, pt(10), pad=mm(1.5), min_row_h=mm(rng.uniform(8, 11)))
    _sign_off(page, rng, y, doc.fields["entity_name"], seal)
    return page


def render_cash_flow(doc: Document, font: FontSpec, rng: random.Random, seal: bool) -> Page:
    x = doc.extra
    page = Page(font, rng, doc_type="cash_flow_statement")
    w = page.size[0]
    cur, prev = x["columns"]
    m = lambda v: fmt.money(v, x["unit"], x["parens"], x["thousands"])  # noqa: E731
    _, span = _period_heading(doc)
    y = _header(page, rng, "现金流量表", "会企03表", x["entity_name"], span, x["unit"])
    page.boxes.pop("period_end", None)
    page.boxes.pop("entity_name", None)
    rows = [[Cell(h, align="center") for h in ("项目", "行次", "本期金额", "上期金额")]]
    for i, label in enumerate(CF_LINES, start=1):
        rows.append([Cell(label), Cell(str(i), align="center"), Cell(m(cur[label]), align="right"),
                     Cell(m(prev[label]), align="right")])
    total = w - mm(40)
    widths = [int(total * r) for r in (0.46, 0.08, 0.23, 0.23)]
    y = draw_table(page, (w - sum(widths)) // 2, y, widths, rows, pt(10), pad=mm(1.5), min_row_h=mm(10))
    _sign_off(page, rng, y, x["entity_name"], seal)
    return page
