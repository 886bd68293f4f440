"""Staff certificates: 毕业证书, 职称证书, 职业资格证书, and the ID card copy (front + back on one page)."""

from __future__ import annotations

import datetime as dt
import random

from . import fmt
from .canvas import Page, Seal, mm, pt
from .fonts import FontSpec
from .model import Document

LEVEL_TEXT = {"college": ("专科", "三"), "bachelor": ("本科", "四"), "master": ("硕士研究生", "三"), "doctor": ("博士研究生", "三")}
TITLE_LEVEL_TEXT = {"junior": "初级", "intermediate": "中级", "senior": "高级"}


def _photo(page: Page, x: int, y: int, w: int, h: int) -> None:
    page.draw.rectangle((x, y, x + w, y + h), fill=(205, 210, 220), outline=(90, 90, 90), width=3)
    page.draw.ellipse((x + w * 0.3, y + h * 0.18, x + w * 0.7, y + h * 0.55), fill=(120, 110, 105))
    page.draw.pieslice((x + w * 0.12, y + h * 0.58, x + w * 0.88, y + h * 1.25), 180, 360, fill=(60, 60, 70))


def _frame(page: Page, rng: random.Random) -> tuple[int, int, int, int]:
    w, h = page.size
    m = mm(rng.uniform(14, 24))
    top = mm(rng.uniform(20, 40))
    page.draw.rectangle((m, top, w - m, h - top), outline=(110, 60, 40), width=8)
    return m, top, w - m, h - top


def render_diploma(doc: Document, font: FontSpec, rng: random.Random) -> Page:
    f = doc.fields
    page = Page(font, rng, doc_type="diploma")
    x0, y0, x1, _ = _frame(page, rng)
    w = page.size[0]
    y = y0 + mm(25)
    degree = bool(doc.extra.get("degree_style")) and f["education_level"] in ("bachelor", "master", "doctor")
    degree_name = {"bachelor": "学士", "master": "硕士", "doctor": "博士"}.get(f["education_level"], "")
    page.text(w // 2, y, "中华人民共和国" if degree else "普通高等学校", pt(18), anchor="ma")
    y += mm(12)
    page.text(w // 2, y, f"{degree_name}学位证书" if degree else "毕 业 证 书", pt(rng.choice((30, 34))), anchor="ma")
    y += mm(26)
    _photo(page, x0 + mm(20), y, mm(30), mm(40))
    y += mm(50)
    size = pt(rng.choice((12, 13, 14)))
    level, years = LEVEL_TEXT[f["education_level"]]
    start = f["graduation_date"].year - {"三": 3, "四": 4}[years]
    sex = "男" if doc.extra["male"] else "女"
    x = x0 + mm(18)
    width = x1 - x - mm(18)
    line = mm(11)
    box = page.labelled(x, y, "学生 " if not degree else "", f["holder_name"], size, "holder_name")
    page.labelled(box[2] + mm(4), y, "，性别 ", sex, size, None)
    y += line
    box = page.text(x, y, fmt.date_text(rng, f["birth_date"], "cn"), size, key="birth_date")
    page.text(box[2], y, "生，", size)
    y += line
    if degree:
        page.text(x, y, f"在{f['school']}", size)
        y += line
        box = page.text(x, y, f["major"], size, key="major")
        page.text(box[2] + mm(2), y, f"专业完成了{level}学习计划，业已毕业，", size)
        y += line
        y = page.paragraph(x, y, f"经审核符合《中华人民共和国学位条例》的规定，授予{degree_name}学位。", size, width) + mm(18)
    else:
        page.text(x, y, f"于{start}年9月至{f['graduation_date'].year}年{f['graduation_date'].month}月在本校", size)
        y += line
        box = page.text(x, y, f["major"], size, key="major")
        page.text(box[2] + mm(2), y, f"专业{years}年制{level}学习，修完教学计划规定的全部课程，", size)
        y += line
        y = page.paragraph(x, y, "成绩合格，准予毕业。", size, width) + mm(18)
    page.labelled(x, y, "校    名：", f["school"], size, "school")
    page.seals.append(Seal(x + mm(80), y + mm(4), mm(42), f["school"], kind="authority"))
    y += line
    page.labelled(x, y, "校（院）长：", "（签名）", size, None)
    y += line
    page.labelled(x, y, "证书编号：", f["certificate_no"], size, "certificate_no")
    y += line
    page.text(x1 - mm(85), y, fmt.date_text(rng, f["graduation_date"], "cn"), size, key="graduation_date")
    return page


def render_title(doc: Document, font: FontSpec, rng: random.Random) -> Page:
    f = doc.fields
    page = Page(font, rng, doc_type="title_certificate")
    x0, y0, x1, _ = _frame(page, rng)
    w = page.size[0]
    y = y0 + mm(28)
    page.text(w // 2, y, rng.choice(("专业技术资格证书", "职称证书", "专业技术职务任职资格证书")), pt(26), anchor="ma")
    y += mm(30)
    _photo(page, x1 - mm(50), y, mm(28), mm(38))
    size = pt(rng.choice((12, 13, 14)))
    x = x0 + mm(22)
    rows = [("姓    名", f["holder_name"], "holder_name"), ("性    别", "男" if doc.extra["male"] else "女", None),
            ("出生年月", f"{doc.extra['birth_date'].year}年{doc.extra['birth_date'].month}月", None),
            ("资格名称", f["title"], "title"), ("资格级别", TITLE_LEVEL_TEXT[f["title_level"]], "title_level"),
            ("批准时间", fmt.date_text(rng, f["issue_date"], rng.choice(("cn", "cn0"))), "issue_date"),
            ("证书编号", f["certificate_no"], "certificate_no"), ("发证机关", f["issuing_authority"], "issuing_authority")]
    for label, value, key in rows:
        page.labelled(x, y, label + "：", value, size, key, gap=mm(3))
        y += mm(rng.uniform(12, 15))
    page.seals.append(Seal(x + mm(110), y - mm(18), mm(42), f["issuing_authority"], kind="authority"))
    return page


def render_qualification(doc: Document, font: FontSpec, rng: random.Random) -> Page:
    f = doc.fields
    page = Page(font, rng, doc_type="qualification_certificate")
    x0, y0, _, _ = _frame(page, rng)
    w = page.size[0]
    y = y0 + mm(26)
    page.text(w // 2, y, "中华人民共和国", pt(18), anchor="ma")
    y += mm(12)
    page.text(w // 2, y, rng.choice(("职业资格证书", "专业技术人员职业资格证书")), pt(26), anchor="ma")
    y += mm(34)
    size = pt(rng.choice((12, 13)))
    x = x0 + mm(22)
    for label, value, key in (("姓    名", f["holder_name"], "holder_name"), ("身份证号", doc.extra["id_number"], None),
                              ("职业（工种）及等级", f["qualification"], "qualification"),
                              ("证书编号", f["certificate_no"], "certificate_no"),
                              ("发证日期", fmt.date_text(rng, f["issue_date"], "cn0"), "issue_date")):
        page.labelled(x, y, label + "：", value, size, key, gap=mm(3))
        y += mm(14)
    page.seals.append(Seal(x + mm(120), y + mm(10), mm(42), "广东省人力资源和社会保障厅", kind="authority"))
    return page


def render_id_card(doc: Document, font: FontSpec, rng: random.Random) -> Page:
    """Front and back of a 居民身份证, enlarged about 1.3x as applicants photocopy them."""
    f = doc.fields
    page = Page(font, rng, doc_type="id_card")
    w = page.size[0]
    cw, ch = mm(85.6 * 1.3), mm(54 * 1.3)
    x = (w - cw) // 2 + mm(rng.uniform(-15, 15))
    y = mm(rng.uniform(35, 60))
    size = pt(10.5)
    page.draw.rounded_rectangle((x, y, x + cw, y + ch), radius=mm(4), outline=(80, 80, 80), width=4, fill=(236, 240, 242))
    _photo(page, x + cw - mm(36), y + mm(10), mm(30), mm(38))
    lx, vx, ly = x + mm(7), x + mm(22), y + mm(8)
    page.text(lx, ly, "姓 名", size)
    page.text(vx, ly, f["holder_name"], pt(12), key="holder_name")
    ly += mm(10)
    page.text(lx, ly, "性 别", size)
    page.text(vx, ly, "男" if doc.extra["male"] else "女", size)
    page.text(vx + mm(16), ly, "民 族", size)
    page.text(vx + mm(31), ly, "汉", size)
    ly += mm(10)
    page.text(lx, ly, "出 生", size)
    b: dt.date = f["birth_date"]
    page.text(vx, ly, f"{b.year}  年  {b.month}  月  {b.day}  日", size, key="birth_date")
    ly += mm(10)
    page.text(lx, ly, "住 址", size)
    page.paragraph(vx, ly, f["address"], size, cw - mm(62), key="address", spacing=1.3)
    page.text(lx, y + ch - mm(12), "公民身份号码", size)
    page.text(lx + mm(30), y + ch - mm(12), f["id_number"], pt(13), key="id_number")
    by = y + ch + mm(rng.uniform(25, 45))
    page.draw.rounded_rectangle((x, by, x + cw, by + ch), radius=mm(4), outline=(80, 80, 80), width=4, fill=(236, 240, 242))
    page.text(x + cw // 2 + mm(10), by + mm(12), "中华人民共和国", pt(14), anchor="ma")
    page.text(x + cw // 2 + mm(10), by + mm(24), "居 民 身 份 证", pt(18), anchor="ma")
    issue = dt.date(rng.randint(2010, 2018), rng.randint(1, 12), rng.randint(1, 28))
    page.text(x + mm(12), by + ch - mm(22), f"签发机关  广州市公安局{rng.choice(('天河', '越秀', '海珠', '番禺'))}分局", size)
    page.text(x + mm(12), by + ch - mm(12), f"有效期限  {issue:%Y.%m.%d}-{issue.year + 20}.{issue:%m.%d}", size)
    if rng.random() < 0.6:
        page.text(x + cw // 2, by + ch + mm(18), "仅供申报广州市中小企业服务站使用，他用无效", pt(14), anchor="ma",
                  fill=(60, 60, 60))
    return page
