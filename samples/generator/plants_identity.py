"""Plants on who the applicant is: form vs licence values, registration, credit code, staff counts, dropped documents."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .build import street_address
from .model import Document, Submission
from .people import break_check_char, credit_code, person_name, random_date
from .plant_base import D, LICENCES, STAFF_DOCS, STATEMENT_DOCS, claim, docs_of, add_finding, licence_of
from .pools import OUTSIDE_GUANGZHOU

# ---- field_mismatch ---------------------------------------------------------------------------
MISMATCH_FIELDS = ("entity_name", "credit_code", "legal_representative", "registration_date", "registered_address",
                   "revenue_2018", "total_profit_2018", "total_assets_2018", "station_area")


def _mismatch_value(sub: Submission, key: str, rng: random.Random) -> Any:
    v = sub.form[key]
    if key == "entity_name":
        return v.replace("有限公司", "发展有限公司") if "有限公司" in v else v.replace("广州市", "广州市新")
    if key == "credit_code":
        return credit_code(rng, v[:2], v[2:8])
    if key == "legal_representative":
        return person_name(rng)
    if key == "registration_date":
        return v.replace(year=v.year - rng.choice((1, 2))) if rng.random() < 0.5 else v + dt.timedelta(days=rng.randint(40, 300))
    if key == "registered_address":
        return street_address(rng, sub.district)
    if key == "station_area":
        return float(v + rng.choice((20, 30, 50, 80, 100)))
    return float(round(v * rng.uniform(1.15, 1.6) / 100) * 100)


def plant_field_mismatch(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    choices = [variant] if variant else list(MISMATCH_FIELDS)
    rng.shuffle(choices)
    for key in choices:
        lic = licence_of(sub)
        if key in ("entity_name", "legal_representative", "registration_date", "registered_address") and lic is None:
            continue
        if key == "credit_code" and (lic is None or "credit_code" not in lic.fields or not sub.form_extra["credit_row"]):
            continue
        if key.endswith("_2018"):
            bs = docs_of(sub, "balance_sheet")
            if not bs or bs[0].extra["period"] != "2018":
                continue
        if key == "station_area" and not docs_of(sub, "lease_contract", "property_certificate"):
            continue
        doc_res = (f"licence:{key}" if key in ("entity_name", "credit_code", "legal_representative", "registration_date",
                                               "registered_address")
                   else "premises:area" if key == "station_area" else "statements:2018")
        if not claim(sub, f"form:{key}", doc_res):
            continue
        old = sub.form[key]
        sub.form[key] = _mismatch_value(sub, key, rng)
        add_finding(sub, "field_mismatch", key)
        return f"field_mismatch: form {key} says {sub.form[key]} but the document says {old}"
    return None


# ---- missing_document (applied last: drops only what no other plant relies on) -------------------
def plant_missing_document(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    kinds = {"business_license": LICENCES, "premises_proof": ("lease_contract", "property_certificate"),
             "financial_statements": STATEMENT_DOCS, "staff_certificate": STAFF_DOCS}
    resource = {"business_license": "licence", "premises_proof": "premises", "financial_statements": "statements",
                "staff_certificate": "staff"}
    choices = [variant] if variant else list(kinds)
    rng.shuffle(choices)
    for kind in choices:
        touched = sub.form_extra.setdefault("touched", set())
        if any(t.split(":")[0] == resource[kind] for t in touched):
            continue  # another plant relies on these pages
        if not docs_of(sub, *kinds[kind]) or not claim(sub, resource[kind], "missing_document"):
            continue
        sub.documents = [d for d in sub.documents if d.doc_type not in kinds[kind]]
        add_finding(sub, "missing_document", kind)
        note = f"missing_document: dropped every {kind} page"
        if kind == "staff_certificate" and sub.form["staff_fulltime_qualified"] > 0:
            add_finding(sub, "staff_qualification_shortfall", "staff_fulltime_qualified")
            note += " (so the qualified-staff claim is unsupported too)"
        return note
    return None


def _set_registration(sub: Submission, lic: Document, when: dt.date) -> None:
    sub.form["registration_date"] = when
    lic.fields["registration_date"] = when
    if lic.doc_type == "business_license":
        lic.fields["term_start"] = when
        if "term_end" in lic.fields:
            lic.fields["term_end"] = when.replace(year=when.year + 20)
    if lic.fields["issue_date"] < when:
        lic.fields["issue_date"] = when + dt.timedelta(days=rng_days(when))
        if lic.doc_type != "business_license":
            lic.fields["term_start"] = lic.fields["issue_date"]
            lic.fields["term_end"] = lic.fields["issue_date"].replace(year=lic.fields["issue_date"].year + 5) - dt.timedelta(days=1)
    lic.extra["new_layout"] = True
    lic.fields.setdefault("credit_code", sub.entity["credit_code"])
    if sub.form.get("park_opening") and sub.form["park_opening"] < f"{when:%Y-%m}":
        sub.form["park_opening"] = f"{when:%Y-%m}"


def rng_days(when: dt.date) -> int:
    return 3 + when.toordinal() % 40  # a few weeks after founding; deterministic, no extra rng draw


def plant_registered_too_late(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    lic = licence_of(sub)
    if lic is None or not claim(sub, "licence:registration_date", "form:registration_date"):
        return None
    when = random_date(rng, D(2018, 1, 1), D(2018, 12, 20))
    _set_registration(sub, lic, when)
    add_finding(sub, "registered_too_late", "registration_date")
    return f"registered_too_late: founded {when} on both the form and the licence"


def plant_not_in_guangzhou(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    lic = licence_of(sub)
    if lic is None or not claim(sub, "licence:registered_address", "licence:credit_code", "form:registered_address",
                                 "form:credit_code", "form:postal_code"):
        return None
    city, region, street = rng.choice(OUTSIDE_GUANGZHOU)
    address = f"{city}{street}{rng.randint(1, 300)}号{rng.randint(101, 1505)}室"
    code = credit_code(rng, sub.entity["credit_code"][:2], region)
    sub.form["registered_address"] = lic.fields["registered_address"] = address
    sub.form["postal_code"] = "528200" if city.startswith("佛山") else "523000" if city == "东莞市" else "518000"
    if sub.form_extra["credit_row"]:
        sub.form["credit_code"] = code
    if "credit_code" in lic.fields:
        lic.fields["credit_code"] = code
    if lic.doc_type == "business_license":
        lic.fields["issuing_authority"] = f"{city}市场监督管理局"
    add_finding(sub, "not_registered_in_guangzhou", "registered_address")
    return f"not_registered_in_guangzhou: registered at {address} on both the form and the licence"


def plant_staff_count(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    zero = variant == "zero" or (variant is None and rng.random() < 0.35)
    if zero and "form:staff_fulltime_qualified" in sub.form_extra.setdefault("touched", set()):
        zero = False  # 0 staff would also zero the qualified claim another plant relies on
    if not claim(sub, "form:staff_fulltime", *(("form:staff_fulltime_qualified",) if zero else ())):
        return None
    n = 0 if zero else rng.randint(4, 6)
    sub.form["staff_fulltime"] = n
    if n == 0:
        sub.form["staff_fulltime_qualified"] = 0
    add_finding(sub, "staff_count_out_of_range", "staff_fulltime")
    return f"staff_count_out_of_range: the form states {n} full-time staff"


def plant_invalid_credit_code(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    lic = licence_of(sub)
    if lic is None or not claim(sub, "licence:credit_code", "form:credit_code"):
        return None
    bad = break_check_char(sub.entity["credit_code"], "0123456789ABCDEFGHJKLMNPQRTUWXY")
    lic.extra["new_layout"] = True
    lic.fields["credit_code"] = bad
    if lic.fields["issue_date"] < D(2015, 10, 1):
        lic.fields["issue_date"] = D(2016, 3, 15)
    sub.form_extra["credit_row"] = True
    sub.form["credit_code"] = bad
    add_finding(sub, "invalid_credit_code", "credit_code")
    return f"invalid_credit_code: {bad} (wrong check character) on both the licence and the form"


