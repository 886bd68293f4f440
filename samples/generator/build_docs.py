"""Document constructors for the clean submission: licence, staff certificates, premises, statements."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import finance
from .model import Document
from .people import person_name, random_date
from .pools import NAME_STEMS

D = dt.date


def licence(rng: random.Random, ent: dict[str, Any]) -> Document:
    fields: dict[str, Any] = {
        "entity_name": ent["name"], "entity_type": ent["entity_type"], "legal_representative": ent["legal_rep"],
        "registered_capital": ent["capital"], "registration_date": ent["registration_date"],
        "registered_address": ent["registered_address"], "issuing_authority": ent["authority"],
        "issue_date": ent["issue_date"],
    }
    if ent["new_layout"]:
        fields["credit_code"] = ent["credit_code"]
    if not ent["is_association"]:
        fields["term_start"] = ent["registration_date"]
        if ent["term_end"] is not None:
            fields["term_end"] = ent["term_end"]
    else:
        fields["term_start"] = ent["issue_date"]
        fields["term_end"] = ent["issue_date"].replace(year=ent["issue_date"].year + 5) - dt.timedelta(days=1)
    doc_type = "legal_person_certificate" if ent["is_association"] else "business_license"
    extra = {"cert_title": ent.get("cert_title", "营业执照"), "new_layout": ent["new_layout"],
             "original": (not ent["is_association"]) and rng.random() < 0.35,  # 正本 landscape vs 副本 portrait
             "registration_no": f"440{ent['region'][3:]}{rng.randint(0, 10**9 - 1):09d}",
             "business_scope": "企业管理咨询服务；物业管理；场地租赁；会议及展览服务；科技信息咨询服务；"
                               "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"}
    return Document(doc_type, fields, extra)


def staff_documents(rng: random.Random, member: dict[str, Any]) -> list[Document]:
    docs: list[Document] = []
    if member["education_level"] is not None:
        docs.append(Document("diploma", {
            "holder_name": member["name"], "birth_date": member["birth_date"], "school": member["school"],
            "major": member["major"], "education_level": member["education_level"],
            "graduation_date": member["graduation_date"], "certificate_no": member["diploma_no"]},
            {"male": member["male"], "degree_style": rng.random() < 0.3}))
    if "title" in member:
        docs.append(Document("title_certificate", {"holder_name": member["name"], **member["title"]},
                             {"male": member["male"], "birth_date": member["birth_date"]}))
    if "qualification" in member:
        docs.append(Document("qualification_certificate", {"holder_name": member["name"], **member["qualification"]},
                             {"male": member["male"], "id_number": member["id_number"]}))
    if member["with_id_card"]:
        docs.append(Document("id_card", {
            "holder_name": member["name"], "id_number": member["id_number"], "birth_date": member["birth_date"],
            "address": member["home_address"]}, {"male": member["male"]}))
    return docs


def premises(rng: random.Random, ent: dict[str, Any], area: float, submission_date: dt.date) -> Document:
    if rng.random() < 0.7:
        start = random_date(rng, D(2016, 1, 1), D(2019, 3, 1)).replace(day=1)
        years = rng.choice((2, 3, 3, 5, 10))
        end = start.replace(year=start.year + years) - dt.timedelta(days=1)
        if end < submission_date + dt.timedelta(days=60):
            end = end.replace(year=end.year + 3)
        lessor = (f"广州市{rng.choice(NAME_STEMS)}物业管理有限公司" if rng.random() < 0.7 else person_name(rng))
        fields = {"lessor": lessor, "lessee": ent["name"], "premises_address": ent["station_address"], "area": area,
                  "term_start": start, "term_end": end,
                  "monthly_rent": float(round(area * rng.uniform(45, 160), -1)),
                  "signing_date": start - dt.timedelta(days=rng.randint(0, 30))}
        return Document("lease_contract", fields, {"pages": rng.randint(2, 4), "lessor_rep": person_name(rng)})
    issue = random_date(rng, D(2008, 1, 1), D(2018, 12, 31))
    if issue.year >= 2017:
        no = f"粤（{issue.year}）广州市不动产权第{rng.randint(0, 9999999):07d}号"
        title = "不动产权证书"
    else:
        no = f"粤房地权证穗字第{rng.randint(0, 10**10 - 1):010d}号"
        title = "房地产权证"
    return Document("property_certificate", {"owner": ent["name"], "premises_address": ent["station_address"],
                                             "area": area, "certificate_no": no},
                    {"title": title, "issue_date": issue})


def statements(rng: random.Random, ent: dict[str, Any], years: dict[int, finance.YearFacts], period: str,
               unit: str, with_cash_flow: bool) -> list[Document]:
    """Balance sheet + income statement (+ cash flow) for `period` ('2017', '2018' or '2019-04')."""
    def units(yuan: float) -> int:
        return finance.jittered(rng, yuan, unit)

    paid_in = finance.yuan_to_units(ent["capital"] * rng.choice((1.0, 1.0, 0.6, 0.3)), unit)
    if period == "2019-04":
        opening = units(years[2018].total_assets)
        closing = int(opening * rng.uniform(0.9, 1.15))
        period_start, period_end = D(2019, 1, 1), D(2019, 4, 30)
        rev_cur = int(units(years[2018].revenue) * rng.uniform(0.25, 0.4))
        profit_cur = int(rev_cur * rng.uniform(-0.05, 0.2))
        rev_prev = int(units(years[2017].revenue) * rng.uniform(0.25, 0.4))
        profit_prev = int(rev_prev * rng.uniform(-0.05, 0.2))
    else:
        year = int(period)
        prev_facts = years.get(year - 1) or finance.year_facts(rng, years[year].revenue / 10000 * 0.9)
        closing, opening = units(years[year].total_assets), units(prev_facts.total_assets)
        period_start, period_end = D(year, 1, 1), D(year, 12, 31)
        rev_cur, profit_cur = units(years[year].revenue), units(years[year].total_profit)
        rev_prev, profit_prev = units(prev_facts.revenue), units(prev_facts.total_profit)
    bs_cur = finance.balance_sheet_column(rng, closing, paid_in)
    bs_prev = finance.balance_sheet_column(rng, opening, paid_in)
    is_cur = finance.income_statement_column(rng, rev_cur, profit_cur)
    is_prev = finance.income_statement_column(rng, rev_prev, profit_prev)
    style = {"unit": unit, "parens": rng.random() < 0.5, "thousands": rng.random() < 0.7, "period": period}
    y = lambda v: finance.units_to_yuan(v, unit)  # noqa: E731 - local shorthand
    docs = [
        Document("balance_sheet", {"entity_name": ent["name"], "period_end": period_end,
                                   "total_assets": y(bs_cur["资产总计"]), "total_liabilities": y(bs_cur["负债合计"]),
                                   "total_equity": y(bs_cur["所有者权益合计"])},
                 {**style, "columns": (bs_cur, bs_prev), "side_by_side": rng.random() < 0.7}),
        Document("income_statement", {"entity_name": ent["name"], "period_start": period_start, "period_end": period_end,
                                      "revenue": y(is_cur["营业收入"]), "total_profit": y(is_cur["利润总额"]),
                                      "income_tax": y(is_cur["所得税费用"]), "net_profit": y(is_cur["净利润"])},
                 {**style, "columns": (is_cur, is_prev), "period_start": period_start}),
    ]
    if with_cash_flow:
        docs.append(Document("cash_flow_statement", {},
                             {**style, "entity_name": ent["name"], "period_end": period_end,
                              "columns": (finance.cash_flow_column(rng, rev_cur), finance.cash_flow_column(rng, rev_prev))}))
    return docs


def service_records(rng: random.Random, ent: dict[str, Any], submission_date: dt.date) -> list[Document]:
    kinds = rng.sample(("notice", "signin", "photos", "agreement"), rng.randint(1, 3))
    docs = []
    for kind in kinds:
        when = random_date(rng, D(2018, 3, 1), submission_date - dt.timedelta(days=10))
        topic = rng.choice(("中小企业融资对接会", "小微企业税收优惠政策宣讲会", "知识产权保护专题培训", "企业人力资源管理沙龙",
                            "“广州市中小企业巡回课堂”专题讲座", "跨境电商运营实务培训"))
        docs.append(Document("service_record", {}, {"kind": kind, "date": when, "topic": topic,
                                                     "organiser": ent["name"], "attendees": [person_name(rng) for _ in range(12)]}))
    return docs
