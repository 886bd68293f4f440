"""Build one CLEAN submission: every document agrees with the form and with the rules of the call."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import finance
from .model import Document, Submission
from .people import (credit_code, email, id_number, person_name, phone_landline, phone_mobile,
                     random_date)
from .pools import (ASSOCIATION_KINDS, BUILDING_WORDS, CATEGORIES, DISTRICTS, ENTITY_TYPES_COMPANY,
                    INDUSTRIES, MAJORS, NAME_STEMS, QUALIFICATIONS, SCHOOLS, TITLES)

D = dt.date


def street_address(rng: random.Random, district: str) -> str:
    street = rng.choice(DISTRICTS[district][1])
    building = rng.choice(NAME_STEMS) + rng.choice(BUILDING_WORDS)
    where = rng.choice((f"{rng.randint(2, 28)}楼{rng.randint(1, 30):02d}房", f"{rng.randint(1, 9)}栋{rng.randint(101, 2508)}房",
                        f"{rng.randint(101, 1808)}室", f"自编{rng.randint(1, 12)}号"))
    return f"广州市{district}{street}{rng.randint(1, 999)}号{building}{where}"


def _entity(rng: random.Random, district: str) -> dict[str, Any]:
    category = rng.choice(tuple(CATEGORIES))
    pattern = rng.choice(CATEGORIES[category][1])
    name = pattern.format(d=district if rng.random() < 0.7 else "", s=rng.choice(NAME_STEMS))
    region = DISTRICTS[district][0]
    is_association = category == "association" or (category == "service_agency" and rng.random() < 0.25)
    reg_date = random_date(rng, D(2004, 1, 1), D(2017, 11, 30))
    ent: dict[str, Any] = {"category": category, "name": name, "district": district, "region": region,
                           "is_association": is_association, "registration_date": reg_date}
    if is_association:
        cert_title, entity_type, prefix = rng.choice(ASSOCIATION_KINDS[:2] if category == "association"
                                                     else ASSOCIATION_KINDS)
        if category == "association":
            cert_title, entity_type, prefix = ASSOCIATION_KINDS[0]
        ent.update(cert_title=cert_title, entity_type=entity_type, nature=entity_type,
                   authority="广州市民政局" if prefix != "12" else "广州市事业单位登记管理局",
                   capital=float(rng.choice((3, 5, 10, 30, 50)) * 10000), new_layout=True)
    else:
        prefix = "91"
        ent.update(entity_type=rng.choice(ENTITY_TYPES_COMPANY), nature=rng.choice(("民营企业", "民营企业", "国有企业", "有限责任公司")),
                   capital=float(rng.choice((100, 200, 300, 500, 1000, 2000, 5000)) * 10000),
                   new_layout=rng.random() < 0.8)
        ent["authority"] = f"广州市{district}{'工商行政管理局' if rng.random() < 0.6 else '市场监督管理局'}"
    ent["credit_code"] = credit_code(rng, prefix, region)
    ent["registered_address"] = street_address(rng, district)
    ent["office_address"] = ent["registered_address"] if rng.random() < 0.6 else street_address(rng, district)
    ent["station_address"] = ent["office_address"] if rng.random() < 0.7 else street_address(rng, district)
    earliest_issue = max(reg_date, D(2015, 10, 1)) if ent["new_layout"] else reg_date
    latest_issue = D(2019, 5, 20) if ent["new_layout"] else D(2016, 6, 30)
    if earliest_issue > latest_issue:  # an old-layout licence needs a founding before mid-2016
        ent["new_layout"], latest_issue = True, D(2019, 5, 20)
        earliest_issue = max(reg_date, D(2015, 10, 1))
    ent["issue_date"] = random_date(rng, earliest_issue, latest_issue)
    ent["term_end"] = None if rng.random() < 0.5 else reg_date.replace(year=reg_date.year + rng.choice((20, 30, 50)))
    ent["legal_rep"] = person_name(rng)
    ent["postal_code"] = DISTRICTS[district][2] + f"{rng.randint(0, 99):02d}"
    return ent


def _staff_member(rng: random.Random, region: str) -> dict[str, Any]:
    male = rng.random() < 0.5
    birth = random_date(rng, D(1965, 1, 1), D(1996, 12, 31))
    high_school_only = rng.random() < 0.2
    level = None if high_school_only else rng.choice(("college", "bachelor", "bachelor", "bachelor", "master"))
    grad_age = {"college": 21, "bachelor": 22, "master": 25}.get(level or "", 18) + rng.randint(0, 2)
    grad = D(min(birth.year + grad_age, 2018), rng.choice((6, 7)), rng.choice((20, 25, 30, 1)))
    member: dict[str, Any] = {
        "name": person_name(rng), "male": male, "birth_date": birth,
        "id_number": id_number(rng, rng.choice((region, "440102", "440923", "441402", "430104", "360102")), birth, male),
        "education_level": level, "school": rng.choice(SCHOOLS), "major": rng.choice(MAJORS), "graduation_date": grad,
        "diploma_no": f"{rng.choice(('10558', '10561', '10559', '10574', '11845'))}{grad.year}{rng.randint(0, 99999999):08d}"[:18],
    }
    if high_school_only or rng.random() < 0.45:
        title_level = rng.choice(("junior", "intermediate", "intermediate", "senior"))
        title_date = random_date(rng, D(min(max(grad.year + 1, 2005), 2018), 1, 1), D(2018, 12, 31))
        member["title"] = {"title": rng.choice(TITLES[title_level]), "title_level": title_level, "issue_date": title_date,
                           "certificate_no": f"粤{rng.choice(('职', '中', '高'))}{title_date.year}{rng.randint(0, 999999):06d}",
                           "issuing_authority": rng.choice(("广东省人力资源和社会保障厅", "广州市人力资源和社会保障局"))}
    if high_school_only and "title" not in member or rng.random() < 0.3:
        q_date = random_date(rng, D(max(grad.year + 1, 2008), 1, 1), D(2019, 3, 31))
        member["qualification"] = {"qualification": rng.choice(QUALIFICATIONS), "issue_date": q_date,
                                   "certificate_no": f"{q_date.year}{rng.randint(0, 10**10 - 1):010d}"}
    member["qualified"] = level is not None or member.get("title", {}).get("title_level") in ("intermediate", "senior")
    member["with_id_card"] = rng.random() < 0.6
    return member


def _form(rng: random.Random, ent: dict[str, Any], staff: list[dict[str, Any]], years: dict[int, finance.YearFacts],
          station_area: float) -> dict[str, Any]:
    head = staff[0] if rng.random() < 0.7 else None
    head_edu = "college_or_bachelor"
    if head is not None:
        head_edu = {"master": "postgraduate", None: "high_school"}.get(head["education_level"], "college_or_bachelor")
    form: dict[str, Any] = {
        "entity_name": ent["name"], "office_address": ent["office_address"], "entity_category": ent["category"],
        "industry": rng.choice(INDUSTRIES), "registration_date": ent["registration_date"], "entity_nature": ent["nature"],
        "legal_representative": ent["legal_rep"], "registered_address": ent["registered_address"],
        "postal_code": ent["postal_code"], "contact_name": person_name(rng),
        "contact_phone": f"{phone_landline(rng)}/{phone_mobile(rng)}", "contact_email": email(rng),
        "enterprises_served": rng.randint(30, 600),
        "station_name": f"广州市中小企业服务站（{ent['name'].replace('有限公司', '').replace('广州市', '').replace('广州', '')}）",
        "staff_fulltime": len(staff), "staff_fulltime_qualified": sum(m["qualified"] for m in staff),
        "staff_parttime": rng.randint(0, 4), "station_area": station_area, "station_address": ent["station_address"],
        "station_head": head["name"] if head else person_name(rng), "station_head_phone": phone_mobile(rng),
        "station_head_email": email(rng), "station_head_education": head_edu,
    }
    if rng.random() < 0.15 and form["staff_fulltime_qualified"] > 0:
        form["staff_fulltime_qualified"] -= 1  # claiming fewer than evidenced is not a problem
    if ent["category"].endswith("_park"):
        form["park_opening"] = f"{ent['registration_date'].year + rng.randint(0, 2)}-{rng.randint(1, 12):02d}"
    for year, facts in years.items():
        form.update({f"revenue_{year}": facts.revenue, f"service_revenue_{year}": facts.service_revenue,
                     f"total_assets_{year}": facts.total_assets, f"total_profit_{year}": facts.total_profit,
                     f"taxes_paid_{year}": facts.taxes_paid, f"smes_served_{year}": facts.smes_served})
    return form


def _home_address(rng: random.Random) -> str:
    district = rng.choice(tuple(DISTRICTS))
    return f"广东省广州市{district}{rng.choice(DISTRICTS[district][1])}{rng.randint(1, 600)}号{rng.randint(101, 2806)}房"


def build_submission(rng: random.Random, name: str, seed: int) -> Submission:
    """A clean submission: no finding of severity error or warning is correct for it."""
    from . import build_docs

    district = rng.choice(tuple(DISTRICTS))
    submission_date = random_date(rng, D(2019, 6, 1), D(2019, 6, 18))
    ent = _entity(rng, district)
    staff = [_staff_member(rng, ent["region"]) for _ in range(rng.choice((1, 2, 2, 3, 3)))]
    for member in staff:
        member["home_address"] = _home_address(rng)
    scale = rng.choice((80, 150, 300, 600, 1200, 3000))
    years = {2017: finance.year_facts(rng, scale * 0.85), 2018: finance.year_facts(rng, scale)}
    station_area = float(rng.choice((60, 80, 100, 120, 150, 200, 260, 300, 500)) + rng.choice((0, 0, 0.5, 5, 12.3)))
    form = _form(rng, ent, staff, years, station_area)
    if "park_opening" in form and form["park_opening"] > "2018-12":
        form["park_opening"] = "2018-" + form["park_opening"][5:]

    docs: list[Document] = []
    if rng.random() < 0.4:
        docs.append(Document("other", {}, {"kind": "cover"}))
    if rng.random() < 0.25:
        docs.append(Document("other", {}, {"kind": "toc"}))
    docs.append(Document("application_form", {}, {}))
    docs.append(build_docs.licence(rng, ent))
    for member in staff:
        docs.extend(build_docs.staff_documents(rng, member))
    docs.append(build_docs.premises(rng, ent, station_area, submission_date))
    period = "2018" if rng.random() < 0.6 else "2019-04"
    docs.extend(build_docs.statements(rng, ent, years, period, "元" if rng.random() < 0.8 else "万元",
                                      rng.random() < 0.4))
    docs.extend(build_docs.service_records(rng, ent, submission_date))
    ent["staff"] = staff
    ent["years"] = years
    credit_row = rng.random() < 0.6
    if credit_row:
        form["credit_code"] = ent["credit_code"]
    return Submission(name=name, seed=seed, submission_date=submission_date, district=district, entity=ent,
                      form=form, form_extra={"credit_row": credit_row}, documents=docs)
