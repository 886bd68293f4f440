"""What kind of value each SPEC field name holds, so normalisers, comparisons and benchmarks agree.

A field name means the same kind everywhere it appears (a `registration_date` is a date on the
form and on the licence), so one table serves documents and the form alike.
"""

from __future__ import annotations

from enum import StrEnum


class FieldKind(StrEnum):
    TEXT = "text"          # compared after NFKC and without inner spaces
    NAME = "name"          # person or entity name
    ADDRESS = "address"
    DATE = "date"          # YYYY-MM-DD, or YYYY-MM where only a month is given
    MONEY = "money"        # yuan, float
    AREA = "area"          # m², float
    COUNT = "count"        # int
    CODE = "code"          # credit codes, certificate and ID numbers: upper-case, no spaces
    ENUM = "enum"          # one of SPEC's listed values
    PHONE = "phone"
    EMAIL = "email"


_MONEY_PREFIXES = ("revenue", "service_revenue", "total_assets", "total_profit", "taxes_paid")

FIELD_KIND: dict[str, FieldKind] = {
    "entity_name": FieldKind.NAME,
    "office_address": FieldKind.ADDRESS,
    "entity_category": FieldKind.ENUM,
    "industry": FieldKind.TEXT,
    "registration_date": FieldKind.DATE,
    "entity_nature": FieldKind.TEXT,
    "legal_representative": FieldKind.NAME,
    "registered_address": FieldKind.ADDRESS,
    "postal_code": FieldKind.CODE,
    "credit_code": FieldKind.CODE,
    "contact_name": FieldKind.NAME,
    "contact_phone": FieldKind.PHONE,
    "contact_email": FieldKind.EMAIL,
    "park_opening": FieldKind.DATE,
    "enterprises_served": FieldKind.COUNT,
    "station_name": FieldKind.NAME,
    "staff_fulltime": FieldKind.COUNT,
    "staff_fulltime_qualified": FieldKind.COUNT,
    "staff_parttime": FieldKind.COUNT,
    "station_area": FieldKind.AREA,
    "station_address": FieldKind.ADDRESS,
    "station_head": FieldKind.NAME,
    "station_head_phone": FieldKind.PHONE,
    "station_head_email": FieldKind.EMAIL,
    "station_head_education": FieldKind.ENUM,
    "entity_type": FieldKind.TEXT,
    "registered_capital": FieldKind.MONEY,
    "term_start": FieldKind.DATE,
    "term_end": FieldKind.DATE,
    "issuing_authority": FieldKind.NAME,
    "issue_date": FieldKind.DATE,
    "holder_name": FieldKind.NAME,
    "birth_date": FieldKind.DATE,
    "school": FieldKind.NAME,
    "major": FieldKind.TEXT,
    "education_level": FieldKind.ENUM,
    "graduation_date": FieldKind.DATE,
    "certificate_no": FieldKind.CODE,
    "title": FieldKind.TEXT,
    "title_level": FieldKind.ENUM,
    "qualification": FieldKind.TEXT,
    "id_number": FieldKind.CODE,
    "address": FieldKind.ADDRESS,
    "lessor": FieldKind.NAME,
    "lessee": FieldKind.NAME,
    "premises_address": FieldKind.ADDRESS,
    "area": FieldKind.AREA,
    "monthly_rent": FieldKind.MONEY,
    "signing_date": FieldKind.DATE,
    "owner": FieldKind.NAME,
    "period_start": FieldKind.DATE,
    "period_end": FieldKind.DATE,
    "total_liabilities": FieldKind.MONEY,
    "total_equity": FieldKind.MONEY,
    "income_tax": FieldKind.MONEY,
    "net_profit": FieldKind.MONEY,
}
for _year in (2017, 2018):
    for _prefix in _MONEY_PREFIXES:
        FIELD_KIND[f"{_prefix}_{_year}"] = FieldKind.MONEY
    FIELD_KIND[f"smes_served_{_year}"] = FieldKind.COUNT
for _name in ("revenue", "total_assets", "total_profit"):
    FIELD_KIND[_name] = FieldKind.MONEY


def kind_of(field: str) -> FieldKind:
    return FIELD_KIND.get(field, FieldKind.TEXT)
