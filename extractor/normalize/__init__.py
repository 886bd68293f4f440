"""Value normalisers: OCR text of one field → the normalised value SPEC.md stores.

Every function takes text as read and returns the value or None; none raises on bad text (only a
programming error such as an unknown `default_unit` raises ValueError).

- `normalize_value(kind, text)` picks the right one from the field's `FieldKind`.
- Whole values: `parse_date`, `parse_money(text, default_unit)`, `parse_area`, `parse_count`,
  `normalize_name`, `normalize_address`, `normalize_phone`, `normalize_email`, `normalize_code`.
- Terms and periods: `parse_date_range` (长期/永久 → end None, see `is_open_ended`), `parse_period`
  ('2018年度', '2019年1-4月').
- In a longer OCR line, with the value's span in that line (to cut its box):
  `find_date_in`, `iter_dates`, `find_money_in`, `iter_money_in`, `find_area_in`, `find_credit_code_in`,
  `find_id_number_in`.
- Codes: `repair_credit_code` / `repair_id_number` → CodeRead{value, valid, confidence, repaired,
  suggestion}; `is_valid_credit_code`, `is_valid_id_number`.
"""

from __future__ import annotations

import re

from extractor.normalize.area import find_area_in, parse_area
from extractor.normalize.codes import (
    CodeRead,
    clean_check_code,
    clean_code,
    find_credit_code_in,
    find_id_number_in,
    is_valid_credit_code,
    is_valid_id_number,
    repair_credit_code,
    repair_id_number,
)
from extractor.normalize.counts import parse_count
from extractor.normalize.dates import (
    find_date_in,
    is_open_ended,
    iter_dates,
    parse_date,
    parse_date_range,
    parse_period,
)
from extractor.normalize.money import find_money_in, iter_money_in, parse_money
from extractor.normalize.text import (
    compact_text,
    is_address,
    is_person_name,
    nfkc,
    normalize_address,
    normalize_name,
)
from schemas.fields import FieldValue
from schemas.kinds import FieldKind

__all__ = [
    "CodeRead",
    "clean_check_code",
    "clean_code",
    "compact_text",
    "find_area_in",
    "find_credit_code_in",
    "find_date_in",
    "find_id_number_in",
    "find_money_in",
    "is_address",
    "is_open_ended",
    "is_person_name",
    "is_valid_credit_code",
    "is_valid_id_number",
    "iter_dates",
    "iter_money_in",
    "nfkc",
    "normalize_address",
    "normalize_code",
    "normalize_email",
    "normalize_name",
    "normalize_phone",
    "normalize_value",
    "parse_area",
    "parse_count",
    "parse_date",
    "parse_date_range",
    "parse_money",
    "parse_period",
    "repair_credit_code",
    "repair_id_number",
]

_PHONE_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


def normalize_phone(text: str) -> str | None:
    """Digits and dashes: '(020)8888-1234' → '020-8888-1234', '+86 138 0013 8000' → '13800138000'.

    Several numbers in one cell ('020-39359849/18411130490', '…、…') stay apart, joined by '/'.
    """
    if not isinstance(text, str):
        return None
    numbers = [_one_phone(part) for part in _PHONE_SEPARATOR.split(nfkc(text))]
    return "/".join(n for n in numbers if n) or None


_PHONE_SEPARATOR = re.compile(r"[/、,;，；]|或|\s{2,}")


def _one_phone(text: str) -> str:
    phone = re.sub(r"\s+", "", text).translate(_PHONE_LOOKALIKE)
    phone = re.sub(r"^\+?86(?=1\d{10}$)", "", phone)
    phone = re.sub(r"^\((0\d{2,3})\)", r"\1-", phone)
    return re.sub(r"-+", "-", re.sub(r"[^0-9-]", "", phone)).strip("-")


def normalize_email(text: str) -> str | None:
    """Lower-case, no spaces, full-width ＠ and ． made ASCII; None when there is no @."""
    if not isinstance(text, str):
        return None
    email = re.sub(r"\s+", "", nfkc(text)).lower().replace("(at)", "@").replace("。", ".")
    email = email.strip(".,;:、")
    return email if "@" in email else None


def normalize_code(text: str) -> str | None:
    """Upper-case without spaces; an 18-character credit code or ID number with a unique repair
    (see codes.py) comes back repaired, anything else as read."""
    code = clean_code(text)
    if not code:
        return None
    check_code = clean_check_code(code)
    if len(check_code) != 18:
        return code
    if is_valid_credit_code(check_code) or is_valid_id_number(check_code):
        return check_code
    repairs = {r.value for r in (repair_credit_code(check_code), repair_id_number(check_code)) if r.valid}
    return repairs.pop() if len(repairs) == 1 else code


def normalize_value(kind: FieldKind, text: str) -> FieldValue | None:
    """The normalised value of one field's text, by the kind of value the field holds."""
    if not isinstance(text, str) or not text.strip():
        return None
    if kind in (FieldKind.NAME,):
        return normalize_name(text) or None
    if kind == FieldKind.ADDRESS:
        return normalize_address(text) or None
    if kind == FieldKind.TEXT:
        return compact_text(text) or None
    if kind == FieldKind.DATE:
        return parse_date(text)
    if kind == FieldKind.MONEY:
        return parse_money(text)
    if kind == FieldKind.AREA:
        return parse_area(text)
    if kind == FieldKind.COUNT:
        return parse_count(text)
    if kind == FieldKind.CODE:
        return normalize_code(text)
    if kind == FieldKind.ENUM:
        return text.strip()
    if kind == FieldKind.PHONE:
        return normalize_phone(text)
    if kind == FieldKind.EMAIL:
        return normalize_email(text)
    raise ValueError(f"no normaliser for field kind {kind!r}")
