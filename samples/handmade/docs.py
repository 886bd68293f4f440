"""One builder per document type: hand-written values in, (template context, truth fields) out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import fmt
from .finance import BalanceSheet, IncomeStatement
from .scan import Scan

CATEGORY_LABELS = ("科技园区", "文化创意园区", "物流园区", "生态农业园区", "工业园区", "软件园区", "商协会", "服务机构", "其他")
CATEGORY_VALUES = ("science_park", "cultural_creative_park", "logistics_park", "eco_agriculture_park",
                   "industrial_park", "software_park", "association", "service_agency", "other")
EDUCATION_LABELS = ("初中及以下", "高中、中技", "大专、本科", "本科以上")
EDUCATION_VALUES = ("junior_high_or_below", "high_school", "college_or_bachelor", "postgraduate")


@dataclass
class Doc:
    doc_type: str
    template: str
    font: str                       # "song" | "kai" (CSS class)
    context: dict[str, Any]         # `d` in the template
    shown: dict[str, Any]           # `f` in the template: field texts as printed
    truth: dict[str, Any]           # normalised SPEC fields for truth.json
    scans: list[Scan]               # one per page
    file: str = ""                  # output file, or a pattern with {n} for one image per page

    @property
    def font_name(self) -> str:
        return {"song": "AR PL SungtiL GB", "kai": "AR PL KaitiM GB"}[self.font]


def checkboxes(labels: tuple[str, ...], chosen: int, style: str) -> str:
    if style == "box":
        return "　".join(("☑" if i == chosen else "□") + label for i, label in enumerate(labels))
    return "；".join(f"{i + 1}.{label}（{'√' if i == chosen else '　'}）" for i, label in enumerate(labels)) + "；"


def application_form(form: dict[str, Any], scans: list[Scan], *, font: str, box_style: str, date_text: str,
                     reg_style: str = "cn", size: float = 10.5) -> Doc:
    reg = form["registration_date"]
    d = {"size": size, "title_weight": "bold" if font == "song" else "normal",
         "category_text": checkboxes(CATEGORY_LABELS, CATEGORY_VALUES.index(form["entity_category"]), box_style),
         "education_text": checkboxes(EDUCATION_LABELS, EDUCATION_VALUES.index(form["station_head_education"]), box_style),
         "registration_date_text": fmt.date_cn(reg) if reg_style == "cn" else fmt.date_dot(reg),
         "park_opening_text": (form["park_opening"].replace("-", "年").lstrip("0") + "月") if form.get("park_opening") else "（园区填写）",
         "area_text": f"{form['station_area']:g}平方米",
         "wan": {k: fmt.wan(v) for k, v in form.items() if k[-5:] in ("_2017", "_2018") and not k.startswith("smes")},
         "date_text": date_text}
    return Doc("application_form", "application_form", font, d, form, {}, scans)


def cover(entity: str, district: str, contact: str, date_text: str, scan: Scan, font: str = "song") -> Doc:
    return Doc("other", "other", font, {"entity_name": entity, "district": district, "contact": contact,
                                        "date_text": date_text}, {}, {}, [scan])


def business_license(t: dict[str, Any], scan: Scan, *, scope: str, font: str = "song") -> Doc:
    term = f"{fmt.date_cn_padded(t['term_start'])}至{fmt.date_cn_padded(t['term_end']) if t.get('term_end') else '长期'}"
    rows = [("名　称", t["entity_name"]), ("类　型", t["entity_type"]), ("法定代表人", t["legal_representative"]),
            ("经营范围", scope), ("注册资本", f"人民币{t['registered_capital'] / 10000:g}万元"),
            ("成立日期", fmt.date_cn_padded(t["registration_date"])), ("营业期限", term), ("住　所", t["registered_address"])]
    return Doc("business_license", "business_license", font, {"rows": rows, "issue_date_text": fmt.date_cn(t["issue_date"])},
               t, t, [scan])


def legal_person_certificate(t: dict[str, Any], scan: Scan, *, scope: str, supervisor: str, font: str = "song") -> Doc:
    rows = [("名　　称", t["entity_name"]), ("住　　所", t["registered_address"]), ("法定代表人", t["legal_representative"]),
            ("业务范围", scope), ("注册资金", f"人民币{t['registered_capital'] / 10000:g}万元"),
            ("业务主管单位", supervisor), ("成立登记日期", fmt.date_cn(t["registration_date"])),
            ("有效期限", f"自{fmt.date_cn(t['term_start'])}至{fmt.date_cn(t['term_end'])}")]
    return Doc("legal_person_certificate", "legal_person_certificate", font,
               {"rows": rows, "issue_date_text": fmt.date_cn(t["issue_date"])}, t, t, [scan])


LEVEL_TEXT = {"college": ("三年制专科", "专科"), "bachelor": ("四年制本科", "本科"), "master": ("三年制硕士研究生", "硕士研究生"),
              "doctor": ("博士研究生", "博士研究生")}


def diploma(t: dict[str, Any], scan: Scan, *, sex: str, start: str, president: str, font: str = "kai") -> Doc:
    length, _ = LEVEL_TEXT[t["education_level"]]
    body = [f"学生{t['holder_name']}，性别{sex}，{fmt.date_hanzi(t['birth_date'])}生，于{fmt.date_hanzi(start)[:-3]}"
            f"至{fmt.date_hanzi(t['graduation_date'])[:-3]}在本校{t['major']}专业{length}学习，修完教学计划规定的全部课程，"
            "成绩合格，准予毕业。"]
    heading = "研究生毕业证书" if t["education_level"] in ("master", "doctor") else "毕业证书"
    footer = [f"学校名称：{t['school']}", f"证书编号：{t['certificate_no']}", fmt.date_hanzi(t["graduation_date"])]
    return Doc("diploma", "diploma", font, {"heading": heading, "body": body, "signer": f"校（院）长：{president}",
                                            "footer": footer}, t, t, [scan])


def degree_certificate(t: dict[str, Any], scan: Scan, *, sex: str, discipline: str, award_date: str, chair: str,
                       font: str = "song") -> Doc:
    """学位证书: doc_type diploma; it states no graduation date, so the truth has none."""
    degree = {"bachelor": "学士", "master": "硕士", "doctor": "博士"}[t["education_level"]]
    body = [f"{t['holder_name']}，{sex}，{fmt.date_cn(t['birth_date'])}生。在{t['school']}{t['major']}专业完成了{degree}学位"
            f"的课程学习和学位论文答辩，成绩合格。根据《中华人民共和国学位条例》的规定，授予{discipline}{degree}学位。"]
    footer = [f"证书编号：{t['certificate_no']}", fmt.date_cn(award_date)]
    return Doc("diploma", "diploma", font, {"heading": f"{degree}学位证书", "body": body,
                                            "signer": f"{t['school']}学位评定委员会主席：{chair}", "footer": footer}, t, t, [scan])


LEVEL_CN = {"junior": "初级", "intermediate": "中级", "senior": "高级"}


def title_certificate(t: dict[str, Any], scan: Scan, *, sex: str, birth: str, employer: str, font: str = "song") -> Doc:
    rows = [("姓　　名", t["holder_name"]), ("性　　别", sex), ("出生年月", birth[:7].replace("-", "年") + "月"),
            ("工作单位", employer), ("资格名称", t["title"]), ("资格级别", LEVEL_CN[t["title_level"]]),
            ("评审通过时间", fmt.date_cn(t["issue_date"])), ("证书编号", t["certificate_no"]), ("发证机关", t["issuing_authority"])]
    return Doc("title_certificate", "title_certificate", font,
               {"heading": "专业技术资格证书", "subheading": "广东省专业技术人员职称评审", "rows": rows,
                "note": "经评审，该同志具备上述专业技术资格，特发此证。"}, t, t, [scan])


def qualification_certificate(t: dict[str, Any], scan: Scan, *, sex: str, id_number: str, font: str = "kai") -> Doc:
    rows = [("姓　　名", t["holder_name"]), ("性　　别", sex), ("身份证号", id_number), ("职业资格", t["qualification"]),
            ("发证日期", fmt.date_cn_padded(t["issue_date"])), ("证书编号", t["certificate_no"])]
    return Doc("qualification_certificate", "qualification_certificate", font,
               {"heading": "职业资格证书", "subheading": "中华人民共和国人力资源和社会保障部监制", "rows": rows,
                "note": "本证书表明持证人通过国家统一鉴定，具备该职业相应等级的专业能力。"}, t, t, [scan])


def id_card(t: dict[str, Any], scan: Scan, *, sex: str, police: str, validity: str, font: str = "song") -> Doc:
    b = t["birth_date"].split("-")
    return Doc("id_card", "id_card", font, {"sex": sex, "birth_text": f"{b[0]}年{int(b[1])}月{int(b[2])}日",
                                            "police": police, "validity": validity}, t, t, [scan])


def lease(t: dict[str, Any], scans: list[Scan], *, contract_no: str, phones: tuple[str, str], font: str = "song",
          size: float = 12) -> Doc:
    rent = int(t["monthly_rent"])
    d = {"size": size, "contract_no": contract_no, "area_text": f"{t['area']:.2f}平方米",
         "term_start_text": fmt.date_cn(t["term_start"]), "term_end_text": fmt.date_cn(t["term_end"]),
         "rent_text": f"{rent:,}元", "rent_upper": fmt.upper_yuan(rent), "signing_text": fmt.date_cn(t["signing_date"]),
         "lessor_phone": phones[0], "lessee_phone": phones[1]}
    return Doc("lease_contract", "lease_contract", font, d, t, t, scans)


def property_certificate(t: dict[str, Any], scan: Scan, *, unit_no: str, registered: str, font: str = "song") -> Doc:
    rows = [("权利人", t["owner"]), ("共有情况", "单独所有"), ("坐　落", t["premises_address"]), ("不动产单元号", unit_no),
            ("权利类型", "国有建设用地使用权/房屋（构筑物）所有权"), ("权利性质", "出让/市场化商品房"), ("用　途", "商务金融用地/办公"),
            ("面　积", f"共有宗地面积3862.00㎡/房屋建筑面积{t['area']:.2f}㎡"), ("使用期限", "2006年03月01日起2056年02月28日止")]
    return Doc("property_certificate", "property_certificate", font,
               {"rows": rows, "note": "该房屋已办理首次登记。", "date_text": fmt.date_cn(registered)}, t, t, [scan])


PEOPLE = {"head": "单位负责人", "accountant": "会计机构负责人", "clerk": "制表人"}


def balance_sheet(entity: str, sheet: BalanceSheet, scan: Scan, *, people: tuple[str, str, str], font: str = "song") -> Doc:
    d = {"size": 9.5, "title": "资产负债表", "form_no": "会企01表", "entity_name": entity, "period_text": "2018年12月31日",
         "unit": "元", "headers": ("资产", "期末余额", "上年年末余额", "负债和所有者权益（或股东权益）", "期末余额", "上年年末余额"),
         "num_cols": (1, 2, 4, 5), "rows": sheet.rows(), "head": people[0], "accountant": people[1], "clerk": people[2]}
    truth = {"entity_name": entity, "period_end": "2018-12-31", "total_assets": sheet.stated_assets,
             "total_liabilities": sheet.liabilities, "total_equity": sheet.equity}
    return Doc("balance_sheet", "statement", font, d, {}, truth, [scan])


def income_statement(entity: str, statement: IncomeStatement, scan: Scan, *, people: tuple[str, str, str],
                     font: str = "song") -> Doc:
    d = {"size": 10.5, "title": "利润表", "form_no": "会企02表", "entity_name": entity, "period_text": "2018年度",
         "unit": "元", "headers": ("项目", "行次", "本年累计金额", "上年同期金额"), "num_cols": (2, 3),
         "rows": statement.rows(), "head": people[0], "accountant": people[1], "clerk": people[2]}
    truth = {"entity_name": entity, "period_start": "2018-01-01", "period_end": "2018-12-31", **statement.totals()}
    return Doc("income_statement", "statement", font, d, {}, truth, [scan])


def service_record(title: str, when: str, where: str, host: str, attendees: list[tuple[str, str, str]], scan: Scan,
                   font: str = "song") -> Doc:
    rows = [(i, *a) for i, a in enumerate(attendees, start=1)]
    return Doc("service_record", "service_record", font, {"title": title, "when": when, "where": where, "host": host,
                                                         "rows": rows}, {}, {}, [scan])


def form_figures(sheet: BalanceSheet, statement: IncomeStatement, extra: dict[str, float | int]) -> dict[str, Any]:
    """The form's 2017/2018 figures: the statements' 本年/上年 figures rounded to 0.01 万元."""
    now, prior = statement.totals(), IncomeStatement(round(statement.revenue * statement.prior_scale, 2)).totals()
    return {"revenue_2017": fmt.to_wan_yuan(prior["revenue"]), "service_revenue_2017": extra["service_revenue_2017"],
            "total_assets_2017": fmt.to_wan_yuan(round(sheet.assets * sheet.prior_scale, 2)),
            "total_profit_2017": fmt.to_wan_yuan(prior["total_profit"]), "taxes_paid_2017": extra["taxes_paid_2017"],
            "smes_served_2017": extra["smes_served_2017"],
            "revenue_2018": fmt.to_wan_yuan(now["revenue"]), "service_revenue_2018": extra["service_revenue_2018"],
            "total_assets_2018": fmt.to_wan_yuan(sheet.stated_assets),
            "total_profit_2018": fmt.to_wan_yuan(now["total_profit"]), "taxes_paid_2018": extra["taxes_paid_2018"],
            "smes_served_2018": extra["smes_served_2018"]}
