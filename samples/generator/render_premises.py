"""租赁合同 (2–4 pages, the key terms spread over them) and 不动产权证书 / 房地产权证."""

from __future__ import annotations

import random

from . import fmt
from .canvas import Page, Seal, mm, pt
from .fonts import FontSpec
from .model import Document

_FILLER = ("甲方应保证该房屋权属清楚，无产权纠纷；乙方应合理使用该房屋，不得擅自改变房屋结构和用途。",
           "租赁期间，水费、电费、物业管理费、网络通讯费等由乙方承担，按时足额缴纳。",
           "乙方如需转租，应事先征得甲方书面同意。未经同意擅自转租的，甲方有权解除本合同。",
           "租赁期满，乙方如需续租，应于期满前三个月书面通知甲方，同等条件下乙方享有优先承租权。",
           "因不可抗力导致本合同无法继续履行的，双方互不承担责任，本合同自然终止。",
           "本合同未尽事宜，由双方另行协商并签订补充协议，补充协议与本合同具有同等法律效力。",
           "本合同在履行过程中发生争议，由双方协商解决；协商不成的，可向房屋所在地人民法院起诉。")


def render_lease(doc: Document, font: FontSpec, rng: random.Random) -> list[Page]:
    f = doc.fields
    n_pages = int(doc.extra["pages"])
    size = pt(rng.choice((10.5, 11, 12)))
    margin = mm(rng.uniform(20, 28))
    pages: list[Page] = []
    # Clauses in contract order; each is drawn with the field it states so its box is known.
    clauses: list[tuple[str, str, str | None]] = [
        ("出租方（甲方）：", f["lessor"], "lessor"), ("承租方（乙方）：", f["lessee"], "lessee"),
        ("", "根据《中华人民共和国合同法》及有关规定，甲乙双方在平等、自愿、协商一致的基础上，就乙方承租甲方房屋事宜订立本合同。", None),
        ("第一条 房屋坐落：", f"甲方将位于{f['premises_address']}的房屋出租给乙方使用。", "premises_address"),
        ("第二条 租赁面积：", f"该房屋建筑面积为{fmt.area_text(rng, f['area'])}。", "area"),
        ("第三条 租赁期限：", f"自{fmt.date_text(rng, f['term_start'], 'cn')}起至{fmt.date_text(rng, f['term_end'], 'cn')}止。", "term_end"),
        ("第四条 租金：", f"月租金为人民币{f['monthly_rent']:,.2f}元，乙方应于每月5日前支付当月租金。", "monthly_rent"),
        ("第五条 押金：", "乙方应于签约时向甲方支付相当于两个月租金的押金。", None),
    ] + [(f"第{'六七八九'[i]}条 ", text, None) for i, text in enumerate(rng.sample(_FILLER, 4))]
    per_page = max(1, -(-len(clauses) // n_pages))
    for index in range(n_pages):
        page = Page(font, random.Random(rng.random()), doc_type="lease_contract")
        w, h = page.size
        y = mm(rng.uniform(22, 32))
        if index == 0:
            page.text(w // 2, y, rng.choice(("房屋租赁合同", "房 屋 租 赁 合 同", "物业租赁合同")), pt(20), anchor="ma")
            y += mm(20)
        for label, text, key in clauses[index * per_page:(index + 1) * per_page]:
            if label:
                lb = page.text(margin, y, label, size)
                first_w = w - margin - lb[2]
                lines = page.wrap(text, size, first_w)
                page.text(lb[2], y, lines[0], size, key=key)
                y += round(size * 1.6)
                rest = text[len(lines[0]):]
                if rest:
                    y = page.paragraph(margin, y, rest, size, w - 2 * margin, key=key, spacing=1.6)
            else:
                y = page.paragraph(margin, y, text, size, w - 2 * margin, key=key, spacing=1.6, indent=True)
            y += mm(4)
        if index == n_pages - 1:
            y = max(y + mm(15), h - mm(95))
            page.text(margin, y, "甲方（盖章）：", size)
            page.text(w // 2 + mm(5), y, "乙方（盖章）：", size)
            page.seals.append(Seal(margin + mm(45), y + mm(8), mm(40), f["lessor"]
                                   if f["lessor"].endswith("公司") else "", kind="authority"))
            page.seals.append(Seal(w // 2 + mm(50), y + mm(8), mm(40), f["lessee"]))
            if not f["lessor"].endswith("公司"):
                page.seals.pop(0)
                page.signatures.append((margin + mm(30), y + mm(4), f["lessor"]))
            y += mm(22)
            page.text(margin, y, "法定代表人或委托代理人：", size)
            y += mm(14)
            sign = fmt.date_text(rng, f["signing_date"], "cn")
            page.text(margin, y, "签订日期：", size)
            page.text(margin + page.text_width("签订日期：", size), y, sign, size, key="signing_date")
            page.text(w // 2 + mm(5), y, "签订日期：" + sign, size)
        page.text(w // 2, h - mm(15), f"第 {index + 1} 页 共 {n_pages} 页", pt(9), anchor="ma")
        pages.append(page)
    return pages


def render_property(doc: Document, font: FontSpec, rng: random.Random) -> Page:
    f = doc.fields
    page = Page(font, rng, doc_type="property_certificate")
    w, h = page.size
    margin = mm(rng.uniform(20, 28))
    y = mm(30)
    page.text(w // 2, y, "中华人民共和国", pt(16), anchor="ma")
    y += mm(12)
    page.text(w // 2, y, doc.extra["title"], pt(26), anchor="ma")
    y += mm(22)
    page.text(margin, y, f["certificate_no"], pt(12), key="certificate_no")
    y += mm(14)
    size = pt(12)
    from .tables import Cell, draw_table
    rows = [[Cell("权利人"), Cell(f["owner"], 3, "owner")], [Cell("共有情况"), Cell("单独所有", 3)],
            [Cell("坐落"), Cell(f["premises_address"], 3, "premises_address")],
            [Cell("权利类型"), Cell("国有建设用地使用权/房屋所有权", 3)], [Cell("用途"), Cell("办公", 3)],
            [Cell("面积"), Cell(f"房屋建筑面积{f['area']:g}平方米", 3, "area")],
            [Cell("使用期限"), Cell(f"国有建设用地使用权 {doc.extra['issue_date'].year - 5}年起至"
                                   f"{doc.extra['issue_date'].year + 45}年止", 3)]]
    col = (w - 2 * margin) // 4
    draw_table(page, margin, y, [col, col, col, w - 2 * margin - 3 * col], rows, size, pad=mm(2), min_row_h=mm(14))
    page.text(w - margin - mm(70), h - mm(50), fmt.date_text(rng, doc.extra["issue_date"], "cn"), size)
    page.seals.append(Seal(w - margin - mm(45), h - mm(60), mm(42), "广州市国土资源和规划委员会", kind="authority"))
    return page
