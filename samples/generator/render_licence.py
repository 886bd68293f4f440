"""营业执照 (post-2016 with 统一社会信用代码 + QR box, or pre-2016 with 注册号; 正本 landscape or
副本 portrait) and the legal-person certificates of associations and institutions."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image

from . import fmt
from .canvas import Page, Seal, mm, pt
from .fonts import FontSpec
from .model import Document

BORDER_COLOUR = (150, 110, 60)


def _border(page: Page, rng: random.Random) -> None:
    w, h = page.size
    m = mm(rng.uniform(8, 14))
    for inset, width in ((0, 10), (mm(2.5), 3)):
        page.draw.rectangle((m + inset, m + inset, w - m - inset, h - m - inset), outline=BORDER_COLOUR, width=width)


def _qr(page: Page, rng: random.Random, x: int, y: int, size: int) -> None:
    cells = 29
    grid = np.random.default_rng(rng.randint(0, 2**31)).random((cells, cells)) < 0.5
    for cx, cy in ((0, 0), (cells - 7, 0), (0, cells - 7)):  # finder patterns
        grid[cy:cy + 7, cx:cx + 7] = False
        grid[cy, cx:cx + 7] = grid[cy + 6, cx:cx + 7] = True
        grid[cy:cy + 7, cx] = grid[cy:cy + 7, cx + 6] = True
        grid[cy + 2:cy + 5, cx + 2:cx + 5] = True
    img = Image.fromarray(np.where(grid, 20, 250).astype(np.uint8)).resize((size, size), Image.Resampling.NEAREST)
    page.img.paste(img.convert("RGB"), (x, y))
    page.text(x - mm(4), y + size + mm(2), "扫描二维码登录", pt(7))


def _term_text(doc: Document, rng: random.Random) -> str:
    start = doc.fields.get("term_start")
    end = doc.fields.get("term_end")
    start_t = fmt.date_text(rng, start, "cn0") if start else ""
    return f"{start_t} 至 {fmt.date_text(rng, end, 'cn0') if end else '长期'}"


def render_licence(doc: Document, font: FontSpec, rng: random.Random, seal: bool) -> Page:
    f = doc.fields
    x_ = doc.extra
    association = doc.doc_type == "legal_person_certificate"
    landscape = bool(x_.get("original"))
    page = Page(font, rng, landscape=landscape, doc_type=doc.doc_type)
    _border(page, rng)
    w, h = page.size
    margin = mm(rng.uniform(26, 34))
    y = mm(rng.uniform(26, 34))
    if "credit_code" in f:
        page.labelled(margin, y, "统一社会信用代码 ", f["credit_code"], pt(rng.choice((10, 11, 12))), "credit_code")
    else:
        page.labelled(margin, y, "注册号 ", x_["registration_no"], pt(11), None)
    if x_.get("new_layout") and not association:
        _qr(page, rng, w - margin - mm(24), y - mm(4), mm(22))
    y += mm(rng.uniform(20, 30))
    title = x_["cert_title"]
    title_size = pt(rng.choice((30, 34, 40))) if not association else pt(rng.choice((24, 26)))
    spaced = " ".join(title) if len(title) <= 4 else title
    page.text(w // 2, y, spaced, title_size, anchor="ma")
    y += round(title_size * 1.35)
    if not association:
        page.text(w // 2, y, "（正  本）" if landscape else "（副  本）", pt(12), anchor="ma")
        y += mm(14)
    else:
        y += mm(6)
    size = pt(rng.choice((11, 12, 13)))
    if association:
        rows = [("名      称", "entity_name"), ("住      所", "registered_address"), ("法定代表人", "legal_representative"),
                ("注册资金", "registered_capital"), ("成立登记日期", "registration_date"), ("有效期限", "term"),
                ("业务范围", None), ("单位类型", "entity_type")]
    elif x_.get("new_layout"):
        rows = [("名      称", "entity_name"), ("类      型", "entity_type"), ("法定代表人", "legal_representative"),
                ("注册资本", "registered_capital"), ("成立日期", "registration_date"), ("营业期限", "term"),
                ("住      所", "registered_address"), ("经营范围", None)]
    else:
        rows = [("名      称", "entity_name"), ("住      所", "registered_address"), ("法定代表人姓名", "legal_representative"),
                ("注册资本", "registered_capital"), ("公司类型", "entity_type"), ("经营范围", None),
                ("营业期限", "term"), ("成立日期", "registration_date")]
    if rng.random() < 0.3:  # field order varies a little between print runs
        i = rng.randrange(len(rows) - 1)
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
    label_w = max(page.text_width(lbl, size) for lbl, _ in rows) + mm(rng.uniform(6, 14))
    value_x = margin + label_w
    value_w = (w - margin - value_x) if not landscape else (int(w * 0.6) - value_x)
    for label, key in rows:
        page.text(margin, y, label, size)
        if key == "term":
            text, box_key = _term_text(doc, rng), "term_end" if "term_end" in f else "term_start"
        elif key == "registered_capital":
            text, box_key = fmt.capital_text(rng, f["registered_capital"]), key
        elif key == "registration_date":
            text, box_key = fmt.date_text(rng, f[key], "cn0"), key
        elif key is None:
            text, box_key = x_["business_scope"] if not association else "联系会员，服务企业，行业交流，咨询培训。", None
        else:
            text, box_key = str(f[key]), key
        y = page.paragraph(value_x, y, text, size, value_w, key=box_key, spacing=1.45) + mm(rng.uniform(3, 6))
    # 登记机关 block with the issuer's seal over the date.
    bx = w - margin - mm(rng.uniform(70, 85))
    by = h - mm(rng.uniform(55, 70))
    page.text(bx, by, "登记机关" if not association else "登记管理机关", pt(12))
    date_style = "hanzi" if rng.random() < 0.4 else "cn0"
    page.text(bx + mm(8), by + mm(26), fmt.date_text(rng, f["issue_date"], date_style), pt(12), key="issue_date")
    page.seals.append(Seal(bx + mm(30), by + mm(14), mm(40), f["issuing_authority"], kind="authority"))
    page.boxes.setdefault("issuing_authority", (bx, by, bx + mm(60), by + mm(35)))
    if seal:  # applicant's seal certifying the copy, sometimes over the fields
        cx = rng.randint(margin + mm(30), w - margin - mm(40))
        cy = rng.randint(h // 3, h - mm(90))
        if rng.random() < 0.4:
            page.text(cx - mm(25), cy - mm(28), "本复印件与原件一致", pt(12), fill=(40, 40, 120))
        page.seals.append(Seal(cx, cy, mm(40), str(f["entity_name"])))
        page.variant.append("seal_over_text")
    return page
