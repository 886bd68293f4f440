"""Plants inside the documents: staff evidence, statements, premises, dates, duplicates, image edits, seals."""

from __future__ import annotations

import datetime as dt
import json
import random

from . import build_docs
from .build import street_address
from .model import Document, Submission
from .people import break_check_char, random_date
from .plant_base import (D, STAFF_DOCS, STATEMENT_DOCS, DuplicateRegistry, claim, docs_of, add_finding, licence_of,
                         replace_staff_docs)

def plant_qualification_shortfall(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    staff = [m for m in sub.entity["staff"] if m["qualified"] and not m.get("duplicate")]
    if not staff or not docs_of(sub, *STAFF_DOCS) or not claim(sub, "staff:qualified", "form:staff_fulltime_qualified"):
        return None
    member = rng.choice(staff)
    evidenced = sum(m["qualified"] for m in sub.entity["staff"])
    # The person keeps only a junior-level certificate: no diploma, no intermediate/senior title.
    member.update(education_level=None, qualified=False)
    member.pop("title", None)
    member["qualification"] = member.get("qualification") or {
        "qualification": "企业人力资源管理师（四级）", "issue_date": D(2016, 11, 20),
        "certificate_no": f"2016{rng.randint(0, 10**10 - 1):010d}"}
    replace_staff_docs(sub, member, rng)
    sub.form["staff_fulltime_qualified"] = evidenced
    add_finding(sub, "staff_qualification_shortfall", "staff_fulltime_qualified")
    return f"staff_qualification_shortfall: the form claims {evidenced} qualified staff, certificates show {evidenced - 1}"


def plant_financial_period(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    old = docs_of(sub, *STATEMENT_DOCS)
    if not old or not claim(sub, "statements:period", "statements:2018"):
        return None
    at = sub.documents.index(old[0])
    new = build_docs.statements(rng, sub.entity, sub.entity["years"], "2017", old[0].extra["unit"],
                                any(d.doc_type == "cash_flow_statement" for d in old))
    sub.documents = [d for d in sub.documents if d.doc_type not in STATEMENT_DOCS]
    sub.documents[at:at] = new
    add_finding(sub, "financial_period_invalid", "period_end")
    return "financial_period_invalid: the statements are for 2017 (period_end 2017-12-31)"


def plant_premises(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    docs = docs_of(sub, "lease_contract", "property_certificate")
    if not docs or not claim(sub, "premises:address_term"):
        return None
    doc = docs[0]
    kind = variant or ("expired" if doc.doc_type == "lease_contract" and rng.random() < 0.6 else "address")
    if kind == "expired":
        if doc.doc_type != "lease_contract":
            return None
        end = random_date(rng, D(2018, 6, 30), sub.submission_date - dt.timedelta(days=20))
        start = end.replace(year=end.year - rng.choice((2, 3))) + dt.timedelta(days=1)
        doc.fields.update(term_start=start, term_end=end, signing_date=start - dt.timedelta(days=rng.randint(0, 20)))
        add_finding(sub, "premises_not_covered", "term_end")
        return f"premises_not_covered: the lease ended on {end}, before the submission"
    other = street_address(rng, sub.district)
    doc.fields["premises_address"] = other
    add_finding(sub, "premises_not_covered", "station_address")
    return f"premises_not_covered: the premises proof is for {other}, not the station address"


def plant_invalid_id(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    if not sub.entity["staff"] or not docs_of(sub, *STAFF_DOCS) or not claim(sub, "staff:id"):
        return None
    candidates = [m for m in sub.entity["staff"] if not m.get("duplicate")]
    if not candidates:
        return None
    member = rng.choice(candidates)
    member["with_id_card"] = True
    member["id_number"] = break_check_char(member["id_number"], "0123456789X")
    member["id_broken"] = True  # never reused by a duplicate plant: that would plant a second invalid ID
    replace_staff_docs(sub, member, rng)
    add_finding(sub, "invalid_id_number", "id_number")
    return f"invalid_id_number: {member['name']}'s ID {member['id_number']} has a wrong check character"


def plant_unbalanced(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    docs = docs_of(sub, "balance_sheet")
    if not docs or not claim(sub, "statements:bs"):
        return None
    doc = docs[0]
    cur = dict(doc.extra["columns"][0])
    delta = max(int(cur["资产总计"] * rng.uniform(0.01, 0.06)), 1000) * rng.choice((1, -1))
    for line in ("未分配利润", "所有者权益合计", "负债和所有者权益总计"):
        cur[line] += delta
    doc.extra["columns"] = (cur, doc.extra["columns"][1])
    unit_yuan = 0.01 if doc.extra["unit"] == "元" else 100.0
    doc.fields["total_equity"] = cur["所有者权益合计"] * unit_yuan
    add_finding(sub, "balance_sheet_unbalanced", "total_assets")
    return "balance_sheet_unbalanced: 资产总计 differs from 负债和所有者权益总计 in the closing column"


def plant_income_inconsistent(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    docs = docs_of(sub, "income_statement")
    if not docs or not claim(sub, "statements:is"):
        return None
    doc = docs[0]
    cur = dict(doc.extra["columns"][0])
    delta = max(int(abs(cur["营业收入"]) * rng.uniform(0.01, 0.05)), 1000)
    if rng.random() < 0.5:
        cur["净利润"] += delta
        doc.fields["net_profit"] = cur["净利润"] * (0.01 if doc.extra["unit"] == "元" else 100.0)
        what = "净利润 ≠ 利润总额 − 所得税费用"
    else:
        cur["营业利润"] += delta
        what = "营业利润 + 营业外收入 − 营业外支出 ≠ 利润总额"
    doc.extra["columns"] = (cur, doc.extra["columns"][1])
    add_finding(sub, "income_statement_inconsistent", "total_profit")
    return f"income_statement_inconsistent: {what}"


def plant_date_inconsistent(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    choices = [variant] if variant else ["licence_issue", "graduation_age", "lease_signing"]
    rng.shuffle(choices)
    for kind in choices:
        if kind == "licence_issue":
            lic = licence_of(sub)
            if lic is None or not claim(sub, "licence:issue_date", "licence:registration_date"):
                continue
            reg = lic.fields["registration_date"]
            lic.fields["issue_date"] = reg - dt.timedelta(days=rng.randint(30, 700))
            add_finding(sub, "date_inconsistent", "issue_date")
            return f"date_inconsistent: licence issued {lic.fields['issue_date']}, before its founding {reg}"
        if kind == "graduation_age":
            diplomas = docs_of(sub, "diploma")
            if not diplomas or not claim(sub, "staff:diploma"):
                continue
            doc = rng.choice(diplomas)
            birth = doc.fields["birth_date"]
            doc.fields["graduation_date"] = D(birth.year + 12, 7, 1)
            add_finding(sub, "date_inconsistent", "graduation_date")
            return f"date_inconsistent: {doc.fields['holder_name']} graduated at age 12 ({doc.fields['graduation_date']})"
        if kind == "lease_signing":
            leases = docs_of(sub, "lease_contract")
            if not leases or not claim(sub, "premises:signing"):
                continue
            lease = leases[0]
            lease.fields["signing_date"] = lease.fields["term_end"] + dt.timedelta(days=rng.randint(20, 90))
            add_finding(sub, "date_inconsistent", "signing_date")
            return f"date_inconsistent: the lease is signed {lease.fields['signing_date']}, after its end"
    return None


def plant_duplicate(sub: Submission, rng: random.Random, variant: str | None,
                    registry: DuplicateRegistry | None = None) -> str | None:
    if registry is None or not registry.people or not sub.entity["staff"] or not claim(sub, "staff:duplicate"):
        return None
    folder, original, types = registry.people[rng.randrange(len(registry.people))]
    victim = sub.entity["staff"][0]
    copy = json.loads(json.dumps(original, default=str))  # deep copy; dates come back as strings
    for key in ("birth_date", "graduation_date"):
        copy[key] = D.fromisoformat(copy[key])
    for sub_key in ("title", "qualification"):
        if sub_key in copy:
            copy[sub_key]["issue_date"] = D.fromisoformat(copy[sub_key]["issue_date"])
    copy["with_id_card"] = "id_card" in types
    copy["duplicate"] = True
    if sub.form["station_head"] == victim["name"]:
        sub.form["station_head"] = copy["name"]
    sub.entity["staff"][0] = copy
    replace_staff_docs(sub, copy, rng, old_name=victim["name"])
    sub.form["staff_fulltime_qualified"] = min(sub.form["staff_fulltime_qualified"],
                                               sum(m["qualified"] for m in sub.entity["staff"]))
    field_name = "id_number" if "id_card" in types else "certificate_no"
    add_finding(sub, "duplicate_across_submissions", field_name)
    sub.form_extra["duplicate_of"] = (folder, field_name)
    return f"duplicate_across_submissions: {copy['name']} ({field_name}) also appears in {folder.name}"


def plant_tampering(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    targets = [("licence", "registration_date"), ("licence", "issue_date"), ("diploma", "graduation_date"),
               ("lease_contract", "term_end")]
    if variant:
        targets = [t for t in targets if t[1] == variant] or targets
    rng.shuffle(targets)
    for kind, key in targets:
        docs = [licence_of(sub)] if kind == "licence" else docs_of(sub, kind)
        doc = docs[0] if docs and docs[0] is not None else None
        if doc is None or key not in doc.fields or doc.image_plants or not claim(sub, f"{_res(doc)}:image"):
            continue
        doc.image_plants[key] = "tamper"
        add_finding(sub, "possible_tampering", key, doc)
        return f"possible_tampering: pasted a re-sampled, noise-free patch over {doc.doc_type}.{key}"
    return None


def _res(doc: Document) -> str:
    return {"business_license": "licence", "legal_person_certificate": "licence", "lease_contract": "premises",
            "property_certificate": "premises"}.get(doc.doc_type, "staff" if doc.doc_type in STAFF_DOCS else "statements")


def plant_missing_seal(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    choices = [variant] if variant else ["application_form", "licence"]
    rng.shuffle(choices)
    for which in choices:
        doc = licence_of(sub) if which == "licence" else next(iter(docs_of(sub, "application_form")), None)
        if doc is None or not claim(sub, f"{'licence' if which == 'licence' else 'form'}:seal"):
            continue
        doc.applicant_seal = False
        add_finding(sub, "missing_seal", None)
        return f"missing_seal: the {doc.doc_type} copy carries no applicant seal"
    return None


def plant_unreadable(sub: Submission, rng: random.Random, variant: str | None) -> str | None:
    lic = licence_of(sub)
    if lic is None or lic.image_plants or not claim(sub, "licence:image"):
        return None
    touched = sub.form_extra.setdefault("touched", set())
    # Never blot a value another plant changed: the reader must still be able to see that one.
    keys = [k for k in ((variant,) if variant else ("legal_representative", "registration_date", "registered_address"))
            if f"licence:{k}" not in touched]
    if not keys:
        return None
    key = rng.choice(keys)
    touched.add(f"licence:{key}")
    lic.image_plants[key] = "blot"
    add_finding(sub, "unreadable_field", key, lic)
    return f"unreadable_field: an ink blot covers the licence's {key}"


