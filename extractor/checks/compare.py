"""Tolerant comparison: formatting may differ between form and documents, substance may not."""

from __future__ import annotations

import re
import unicodedata

from schemas.fields import ExtractedField

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.(\d+))?")
# OCR reads a printed decimal point as a colon or semicolon (198:33); the value parser already
# took it as a point, so the printed precision must be judged the same way.
_POINT_MISREAD = re.compile(r"(?<=\d)[:：;；·](?=\d)")
# Prefixes that say nothing a reviewer would call a difference: the province, the country.
_ADDRESS_PREFIXES = ("中华人民共和国", "中国", "广东省", "广东")
_VARIANTS = str.maketrans({"號": "号", "〇": "0", "○": "0", "－": "-", "—": "-", "–": "-"})


def canonical_text(text: str) -> str:
    """NFKC, no white space, traditional 號 as 号, upper-case Latin."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_VARIANTS).upper()


def canonical_name(text: str) -> str:
    name = canonical_text(text)
    for prefix in _ADDRESS_PREFIXES[2:]:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            name = name[len(prefix):]
            break
    return name


def canonical_address(text: str) -> str:
    address = canonical_text(text)
    for prefix in _ADDRESS_PREFIXES:
        address = address.removeprefix(prefix)
    return address


def address_substance(text: str) -> str:
    """The address below the city: 广州市 is implied by every district the call accepts."""
    address = canonical_address(text)
    return address.removeprefix("广州市")


def same_address(a: str, b: str) -> bool:
    return address_substance(a) == address_substance(b)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def one_ocr_slip(a: str, b: str, min_length: int = 6) -> bool:
    """Two long texts that differ in one Chinese character only (自 read as 白).

    OCR confuses look-alike characters far more often than an applicant edits one character of
    a long name or address; digits and Latin letters never count as a slip, since a changed house
    number or code is substance.
    """
    if len(a) != len(b) or len(a) < min_length:
        return False
    differences = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differences) == 1 and all(_is_han(c) for c in differences[0])


def same_date(a: str, b: str) -> bool:
    """Equal dates; a month-only value agrees with any day of that month."""
    a, b = str(a).strip(), str(b).strip()
    if len(a) == 7 or len(b) == 7:
        return a[:7] == b[:7]
    return a == b


def rounding_tolerance(field: ExtractedField, default: float) -> float:
    """Half a unit of the last printed digit, in yuan, judged from the raw text the value came from.

    A form figure printed as 123.45 (万元) may stand for anything within ±50 yuan; one printed as
    123.5 within ±500. The scale (元 or 万元) is the ratio of the normalised value to the printed
    number, so the unit printed in a table header is honoured without reading the header again.
    """
    if not field.raw or not isinstance(field.value, int | float):
        return default
    numbers = list(_NUMBER.finditer(_POINT_MISREAD.sub(".", field.raw.replace(" ", ""))))
    if not numbers:
        return default
    match = max(numbers, key=lambda m: len(m.group(0)))
    printed = float(match.group(0).replace(",", ""))
    decimals = len(match.group(1) or "")
    scale = 1.0
    if printed and abs(abs(float(field.value) / printed) - 10000) < 1:
        scale = 10000.0
    return max(0.5 * 10 ** (-decimals) * scale, 0.005)


def money_agrees(form_value: float, document_value: float, tolerance: float) -> bool:
    """Within the printed rounding plus a tiny relative slack for float arithmetic."""
    return abs(form_value - document_value) <= tolerance + 1e-6 * max(abs(form_value), abs(document_value))
