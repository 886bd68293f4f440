"""Check characters of the national codes: 统一社会信用代码 (GB 32100) and 身份证号 (GB 11643)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from extractor.checks.compare import canonical_name, canonical_text
from extractor.checks.context import CheckContext
from extractor.checks.facts import MIN_CONFIDENCE, Reader, as_date, make_finding
from extractor.checks.form_vs_documents import licence_of
from extractor.checks.labels import doc_label
from extractor.checks.registry import Outcome, ran, rule, skipped
from extractor.normalize.codes import clean_check_code
from schemas.fields import ExtractedField
from schemas.findings import Finding
from schemas.vocab import DocType, FindingCode

OLDEST_BIRTH_YEAR = 1900
YOUNGEST_AGE = 14  # a staff member's card: nobody younger works full-time at a station
# CodeRead gives a code read as printed that fails its check character this confidence, which the
# extractors multiply into the field's: dividing it out again recovers how sure the OCR was.
CHECK_FAILED_FACTOR = 0.3
_CREDIT_CODE_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_ID_NUMBER_SHAPE = re.compile(r"\d{17}[\dX]")


def _read_as_printed(field: ExtractedField, shape: re.Pattern[str], valid: bool) -> bool:
    """Whether a low-confidence code is low only because its check character fails: 18 characters
    of the right alphabets, exactly as OCR read them (no repair), with a sure OCR read. Such a code is
    a finding (a typo or a forgery), not an unreadable field."""
    code = clean_check_code(str(field.value))
    if valid or not shape.fullmatch(code) or clean_check_code(field.raw or "") != code:
        return False
    return field.confidence / CHECK_FAILED_FACTOR >= MIN_CONFIDENCE


def need_code(reader: Reader, fields: Mapping[str, ExtractedField], name: str, where: str,
              shape: re.Pattern[str], is_valid: Callable[[str], bool]) -> ExtractedField | None:
    """`reader.need`, except that a cleanly read code failing its check character is kept."""
    value = fields.get(name)
    if (value is not None and value.confidence < MIN_CONFIDENCE
            and _read_as_printed(value, shape, is_valid(clean_check_code(str(value.value))))):
        return value
    return reader.need(fields, name, where)


@rule("credit_code_check_char", FindingCode.INVALID_CREDIT_CODE)
def credit_code_check_char(ctx: CheckContext) -> Outcome:
    reader = Reader()
    sources: list[tuple[str, ExtractedField]] = []
    licence = licence_of(ctx)
    if licence is not None:
        value = need_code(reader, licence.fields, "credit_code", doc_label(licence.doc_type),
                          _CREDIT_CODE_SHAPE, uscc.is_valid)
        if value is not None:
            sources.append((doc_label(licence.doc_type), value))
    if "credit_code" in ctx.application.fields:
        value = need_code(reader, ctx.application.fields, "credit_code", "申请表",
                          _CREDIT_CODE_SHAPE, uscc.is_valid)
        if value is not None:
            sources.append(("申请表", value))
    if not sources:
        return skipped("no readable credit code on licence or form", reader.remarks)
    # One finding per distinct wrong code, pointing at every place it is printed (licence and form).
    places: dict[str, list[tuple[str, ExtractedField]]] = {}
    for where, value in sources:
        places.setdefault(canonical_text(str(value.value)), []).append((where, value))
    findings: list[Finding] = []
    for code, seen in places.items():
        if not uscc.is_valid(code):
            wheres = "、".join(dict.fromkeys(where for where, _ in seen))
            findings.append(make_finding(
                FindingCode.INVALID_CREDIT_CODE, "credit_code",
                f"{wheres}统一社会信用代码 {code} 校验位不正确（GB 32100），可能填写错误或伪造",
                found=code, sources=[value for _, value in seen]))
    return ran(findings + reader.remarks, f"checked credit code on {', '.join(w for w, _ in sources)}")


def _birth_of(number: str) -> datetime.date | None:
    try:
        return ric.get_birth_date(number)
    except ValidationError:  # a malformed birth date in the number
        return None


def _id_problem(number: str, card_birth: datetime.date | None, today: datetime.date) -> str | None:
    """Why an 18-digit 身份证号 cannot be genuine, or None."""
    if not ric.is_valid(number):
        birth = _birth_of(number)
        return "出生日期无效" if len(number) == 18 and birth is None else "校验位不正确（GB 11643）"
    birth = _birth_of(number)
    if birth is None or birth.year < OLDEST_BIRTH_YEAR or birth > today.replace(year=today.year - YOUNGEST_AGE):
        return f"出生日期 {birth} 不合理"
    if card_birth is not None and card_birth != birth:
        return f"号码中的出生日期 {birth.isoformat()} 与身份证上的出生日期 {card_birth.isoformat()} 不一致"
    return None


def id_cards_by_holder(ctx: CheckContext) -> dict[str, ExtractedField]:
    """Birth dates on ID cards, by holder name: diplomas' holders are matched against them."""
    births: dict[str, ExtractedField] = {}
    for card in ctx.documents_of(DocType.ID_CARD):
        holder, birth = card.fields.get("holder_name"), card.fields.get("birth_date")
        if holder is not None and birth is not None and birth.confidence >= 0.6:
            births.setdefault(canonical_name(str(holder.value)), birth)
    return births


@rule("id_number_check_char", FindingCode.INVALID_ID_NUMBER)
def id_number_check_char(ctx: CheckContext) -> Outcome:
    cards = ctx.documents_of(DocType.ID_CARD)
    if not cards:
        return skipped("no ID card copy found")
    reader, findings, checked = Reader(), [], 0
    for card in cards:
        number = need_code(reader, card.fields, "id_number", "身份证", _ID_NUMBER_SHAPE, ric.is_valid)
        if number is None:
            continue
        checked += 1
        birth = reader.need(card.fields, "birth_date", "身份证", required=False)
        problem = _id_problem(canonical_text(str(number.value)), as_date(birth), ctx.submission_date)
        if problem is not None:
            findings.append(make_finding(
                FindingCode.INVALID_ID_NUMBER, "id_number",
                f"身份证号码 {number.value} {problem}，可能填写错误或伪造",
                found=number.value, sources=[number, birth]))
    if not checked:
        return skipped("no ID number could be read", reader.remarks)
    return ran(findings + reader.remarks, f"{checked} ID number(s) checked")
