"""Proof of services (notices, sign-in sheets, photo pages, agreements) and covers / contents pages."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageFilter

from . import fmt
from .canvas import Page, Seal, mm, pt
from .fonts import FontSpec
from .model import Document
from .tables import Cell, draw_table


def _fake_photo(rng: random.Random, w: int, h: int) -> Image.Image:
    """A blurry 'event photo': coloured blobs for people in front of a banner."""
    g = np.random.default_rng(rng.randint(0, 2**31))
    base = np.zeros((h // 8, w // 8, 3), np.float32) + g.uniform(80, 200, 3)
    img = Image.fromarray(base.astype(np.uint8)).resize((w, h))
    arr = np.asarray(img, np.float32).copy()
    arr[: h // 4] = g.uniform(150, 220, 3) * [1.0, 0.3, 0.3]  # red banner
    for _ in range(14):
        cx, cy, r = g.integers(0, w), g.integers(h // 3, h), g.integers(h // 14, h // 7)
        yy, xx = np.ogrid[:h, :w]
        arr[(xx - cx) ** 2 + (yy - cy) ** 2 < r * r] = g.uniform(20, 160, 3)
    arr += g.normal(0, 12, arr.shape)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3))


def render_service(doc: Document, font: FontSpec, rng: random.Random) -> Page:
    x = doc.extra
    page = Page(font, rng, doc_type="service_record")
    w, h = page.size
    margin = mm(rng.uniform(20, 26))
    y = mm(rng.uniform(22, 32))
    size = pt(rng.choice((11, 12)))
    when = fmt.date_text(rng, x["date"], "cn")
    if x["kind"] == "notice":
        page.text(w // 2, y, f"关于举办{x['topic']}的通知", pt(16), anchor="ma")
        y += mm(18)
        page.text(margin, y, "各入驻企业：", size)
        y += mm(10)
        body = (f"为帮助园区中小微企业了解最新扶持政策、拓展融资渠道，我单位定于{when}下午14:30在园区服务中心"
                f"多功能厅举办{x['topic']}，现将有关事项通知如下：一、参加对象：园区内中小微企业负责人及财务人员；"
                "二、活动内容：政策解读、专家讲座、现场答疑；三、报名方式：请于活动前两日将参会回执发送至服务中心邮箱。")
        y = page.paragraph(margin, y, body, size, w - 2 * margin, indent=True, spacing=1.7)
        y += mm(25)
        page.text(w - margin - mm(80), y, x["organiser"], size)
        page.text(w - margin - mm(60), y + mm(10), when, size)
        page.seals.append(Seal(w - margin - mm(45), y + mm(4), mm(40), x["organiser"]))
    elif x["kind"] == "signin":
        page.text(w // 2, y, f"{x['topic']}签到表", pt(16), anchor="ma")
        y += mm(14)
        page.text(margin, y, f"时间：{when}    地点：服务站多功能厅", size)
        y += mm(10)
        rows = [[Cell(c, align="center") for c in ("序号", "企业名称", "姓名", "联系电话")]]
        for i, name in enumerate(x["attendees"], start=1):
            rows.append([Cell(str(i), align="center"), Cell(f"广州市{rng.choice('华穗粤越羊城珠江')}{rng.choice(('科技', '贸易', '文化', '电子'))}有限公司"),
                         Cell(name, align="center"), Cell(f"13{rng.randint(0, 999999999):09d}", align="center")])
        col = (w - 2 * margin)
        draw_table(page, margin, y, [int(col * 0.1), int(col * 0.5), int(col * 0.17), col - int(col * 0.1) - int(col * 0.5) - int(col * 0.17)],
                   rows, size, pad=mm(1.5), min_row_h=mm(13))
    elif x["kind"] == "photos":
        page.text(w // 2, y, "活动照片", pt(16), anchor="ma")
        y += mm(16)
        pw, ph = w - 2 * margin, mm(95)
        for i in range(2):
            photo = _fake_photo(rng, pw, ph)
            page.img.paste(photo, (margin, y))
            page.photos.append((margin, y, margin + pw, y + ph))
            page.text(w // 2, y + ph + mm(4), f"图{i + 1}：{when}{x['topic']}现场", size, anchor="ma")
            y += ph + mm(22)
    else:
        page.text(w // 2, y, "企业服务协议书", pt(18), anchor="ma")
        y += mm(18)
        client = f"广州市{rng.choice(('明达', '恒盛', '卓越', '领航'))}科技有限公司"
        page.text(margin, y, f"甲方：{client}", size)
        page.text(margin, y + mm(10), f"乙方：{x['organiser']}", size)
        y += mm(24)
        body = ("甲方委托乙方提供政策申报辅导、人才招聘对接、知识产权咨询等企业服务，乙方应按约定及时、专业地"
                "提供服务。服务期限一年，服务费用按双方确认的服务清单结算。双方应遵守诚实信用原则，保守对方商业秘密。")
        y = page.paragraph(margin, y, body, size, w - 2 * margin, indent=True, spacing=1.7) + mm(30)
        page.text(margin, y, "甲方（盖章）：", size)
        page.text(w // 2, y, "乙方（盖章）：", size)
        page.seals.append(Seal(w // 2 + mm(40), y + mm(6), mm(40), x["organiser"]))
        page.text(w // 2, y + mm(20), when, size)
    return page


def render_other(doc: Document, font: FontSpec, rng: random.Random, entity: str, toc: list[str]) -> Page:
    page = Page(font, rng, doc_type="other")
    w, h = page.size
    if doc.extra["kind"] == "cover":
        page.text(w // 2, h // 4, "广州市中小企业服务站", pt(26), anchor="ma")
        page.text(w // 2, h // 4 + mm(18), "申 报 材 料", pt(30), anchor="ma")
        page.text(w // 2, h // 2 + mm(30), f"申报单位：{entity}", pt(14), anchor="ma")
        page.text(w // 2, h // 2 + mm(45), "二〇一九年六月", pt(14), anchor="ma")
    else:
        page.text(w // 2, mm(35), "目    录", pt(20), anchor="ma")
        y = mm(60)
        for i, item in enumerate(toc, start=1):
            page.text(mm(30), y, f"{'一二三四五六七八'[i - 1]}、{item}", pt(13))
            page.text(w - mm(30), y, "……" * 3 + str(i * 2), pt(13), anchor="ra")
            y += mm(14)
    return page
