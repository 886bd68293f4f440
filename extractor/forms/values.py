"""Turning the text of one form cell into SPEC values: ticked boxes, staff counts, 万元 figures.

Shared by the editable-form readers and the scanned-form extractor, so a value typed into the
.docx and the same value read off the scan normalise identically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.fieldfind import compact
from extractor.normalize import is_person_name, normalize_value, parse_area, parse_count, parse_date, parse_money
from schemas.fields import FieldValue
from schemas.kinds import FieldKind, kind_of
from schemas.vocab import EntityCategory, StationHeadEducation

# Checkbox items as printed (regex on compact text, tolerant of the separator OCR reads).
CATEGORY_ITEMS: tuple[tuple[str, str], ...] = (
    (r"科技园区?", EntityCategory.SCIENCE_PARK.value),
    (r"文化创意园区?", EntityCategory.CULTURAL_CREATIVE_PARK.value),
    (r"物流园区?", EntityCategory.LOGISTICS_PARK.value),
    (r"生态农业园区?", EntityCategory.ECO_AGRICULTURE_PARK.value),
    (r"(?<!农)(?<!农业)工业园区?", EntityCategory.INDUSTRIAL_PARK.value),
    (r"软件园区?", EntityCategory.SOFTWARE_PARK.value),
    (r"商协会", EntityCategory.ASSOCIATION.value),
    (r"服务机构", EntityCategory.SERVICE_AGENCY.value),
    (r"其[他它]", EntityCategory.OTHER.value),
)
EDUCATION_ITEMS: tuple[tuple[str, str], ...] = (
    (r"初中及以下", StationHeadEducation.JUNIOR_HIGH_OR_BELOW.value),
    (r"高中[、,.·丶]?中技", StationHeadEducation.HIGH_SCHOOL.value),
    (r"大专[、,.·丶]?本科(?!以上)", StationHeadEducation.COLLEGE_OR_BACHELOR.value),
    (r"(?<![、丶专])本科以上", StationHeadEducation.POSTGRADUATE.value),
)

# What a tick looks like typed or after OCR: √ ✓ ✔ ☑ ■ ●, and OCR's V v J X for a hand tick.
_TICK_INSIDE = re.compile(r"[√✓✔☑☒■●▲★VvJjXx×✗✘丿]")
_TICK_BEFORE = re.compile(r"[☑☒■●▣]")
_BRACKETED = re.compile(r"^[.·,;:]?[(\[【{]?([^()\[\]【】{}]{0,4})[)\]】}]")


@dataclass(frozen=True)
class Ticked:
    value: str
    certain: bool  # exactly one item ticked, with a mark that is surely a tick


def ticked_item(text: str, items: tuple[tuple[str, str], ...]) -> Ticked | None:
    """The enum value of the ticked item in a printed checkbox list, None when none is ticked."""
    cleaned = compact(text)
    found: list[tuple[int, int, str]] = []
    for pattern, value in items:
        match = list_item(pattern, cleaned)
        if match:
            found.append((match.start(), match.end(), value))
    found.sort()
    ticked: list[str] = []
    marked: list[str] = []  # something else inside the brackets: OCR read the tick as 口, 0, …
    for index, (start, end, value) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(cleaned)
        after = cleaned[end:stop]
        previous_end = found[index - 1][1] if index else 0
        before = cleaned[previous_end:start]
        if _tick_after(after) or _tick_before(before):
            ticked.append(value)
        elif _mark_after(after):
            marked.append(value)
    if ticked:
        return Ticked(ticked[0], certain=len(ticked) == 1)
    unboxed = _only_unboxed(cleaned, found)
    if unboxed is not None:
        return Ticked(unboxed, certain=True)
    if len(marked) == 1 and len(found) >= 3:
        return Ticked(marked[0], certain=False)
    return None


_BOX = "口□☐"  # an empty box; OCR reads □ as 口 and drops ☑ altogether


def _only_unboxed(cleaned: str, found: list[tuple[int, int, str]]) -> str | None:
    """With ☑/□ ticks, OCR loses the ☑ but keeps the □ (as 口): when every item but one has its
    box (before it, or after it, whichever way the list prints them), the one without is ticked."""
    if len(found) < 3:
        return None
    boxed_before = [cleaned[:start].endswith(tuple(_BOX)) for start, _, _ in found]
    boxed_after = [cleaned[end:].startswith(tuple(_BOX)) for _, end, _ in found]
    bares = [[value for (_, _, value), has_box in zip(found, boxed, strict=True) if not has_box]
             for boxed in (boxed_before, boxed_after)]
    if any(not bare for bare in bares):
        return None  # every item has its box, read one way: nothing is ticked
    # `口A口B口C D` is D unticked read as boxes-before, but A… read as boxes-after: only a
    # reading that leaves exactly one item bare, and no other such reading, names the tick.
    candidates = {bare[0] for bare in bares if len(bare) == 1}
    return candidates.pop() if len(candidates) == 1 else None


_ITEM_BEFORE = re.compile(r"\d[.,、]?[·.]?$|[☑☒■●▣□☐]$")
_ITEM_AFTER = re.compile(r"^[.·,;:]?[(\[【{]")


def list_item(pattern: str, text: str, strict: bool = False) -> re.Match[str] | None:
    """Where an item of the printed list is: numbered (`4.生态农业园区`) or followed by its
    brackets — not the same words inside a name (`广州市珠江生态农业园有限公司`). Unless
    `strict`, an item without that context (OCR lost the number and brackets) still counts."""
    matches = list(re.finditer(pattern, text))
    for match in matches:
        if _ITEM_BEFORE.search(text[:match.start()]) or _ITEM_AFTER.match(text[match.end():]):
            return match
    return matches[0] if matches and not strict else None


def _tick_after(after: str) -> bool:
    """A tick inside the brackets that follow the item: `科技园区（√）`."""
    bracket = _BRACKETED.match(after)
    if bracket:
        return bool(_TICK_INSIDE.search(bracket.group(1)))
    # Brackets lost by OCR: a lone tick mark right after the item name.
    return bool(re.match(r"^[√✓✔☑■]", after))


def _mark_after(after: str) -> bool:
    bracket = _BRACKETED.match(after)
    return bool(bracket and bracket.group(1).strip(" _.·"))


def _tick_before(before: str) -> bool:
    """A filled box printed in front of the item: `☑3.物流园区` (not one closing the item before)."""
    tail = re.sub(r"^[(\[【{]?[^)\]】}]{0,4}[)\]】}]", "", before)
    return bool(_TICK_BEFORE.search(tail))


@dataclass(frozen=True)
class StaffCounts:
    fulltime: int | None
    qualified: int | None
    parttime: int | None


_COUNT_IN = r"[.,:;、]?[(\[]?([^()\[\]人]{0,6})[)\]]?人"
_FULLTIME = re.compile(r"专职" + _COUNT_IN)
_QUALIFIED = re.compile(r"(?:职称以上|中级以上|以上)" + _COUNT_IN)
_PARTTIME = re.compile(r"兼职" + _COUNT_IN)


def staff_counts(text: str) -> StaffCounts:
    """`专职（ 2 ）人，其中：大专或中级职称以上（ 1 ）人；兼职（ 3 ）人` → 2, 1, 3."""
    cleaned = compact(text)

    def count(regex: re.Pattern[str]) -> int | None:
        match = regex.search(cleaned)
        return parse_count(match.group(1)) if match and match.group(1) else None

    return StaffCounts(count(_FULLTIME), count(_QUALIFIED), count(_PARTTIME))


_PLACEHOLDER = re.compile(r"^[/\\\-—_无空略]*$|^(N/?A|园区填写|不适用|签字|签名|盖章|签字盖章)$", re.IGNORECASE)


def is_blank(text: str) -> bool:
    cleaned = compact(text).strip("()（）:：")
    return not cleaned or bool(_PLACEHOLDER.match(cleaned))


# What the applicant's certification stamp prints over a copy, sometimes across a value.
_STAMP_WORDS = re.compile(r"(?:本|此)?(?:复印件|件)?(?:与|和)?原件(?:一致|相符)")


def clean_value_text(text: str) -> str:
    """A value's text without OCR debris: a stamp's words, a table rule read as `|`.

    Of the pieces a `|` separates, the longest is the value (`上|广州市…`, `（固话+手|1805…`).
    """
    cleaned = _STAMP_WORDS.sub("", compact(text))
    if "|" in cleaned:
        cleaned = max(cleaned.split("|"), key=len)
    return cleaned


PERSON_FIELDS = frozenset({"legal_representative", "contact_name", "station_head"})


def field_value(field: str, text: str) -> FieldValue | None:
    """The SPEC value of `field` read from `text`, or None when it does not parse as its kind."""
    text = clean_value_text(text)
    if is_blank(text):
        return None
    if field == "entity_category":
        tick = ticked_item(text, CATEGORY_ITEMS)
        return tick.value if tick else None
    if field == "station_head_education":
        tick = ticked_item(text, EDUCATION_ITEMS)
        return tick.value if tick else None
    if field == "park_opening":
        return _month(text)
    if field == "station_area":
        return parse_area(text)
    if kind_of(field) is FieldKind.PHONE:
        return _phones(text)
    if kind_of(field) is FieldKind.EMAIL:
        email = normalize_value(FieldKind.EMAIL, _repair_email(text))
        # A cut or misread address (abc@foxmai1) is no address: better unread than wrong.
        return email if isinstance(email, str) and _EMAIL_SHAPE.match(email) else None
    if field == "postal_code":
        digits = re.sub(r"\D", "", compact(text))
        return digits if len(digits) == 6 else None
    value = normalize_value(kind_of(field), text)
    if field in PERSON_FIELDS and not (isinstance(value, str) and is_person_name(value)):
        return None
    return value


def figure_value(prefix: str, text: str) -> FieldValue | None:
    """A cell of the 近两年运营情况 table: money in 万元 → yuan, or the count of SMEs served."""
    if is_blank(text):
        return None
    if prefix == "smes_served":
        return parse_count(text)
    # The figures carry two decimals; OCR reads their point as : or ; now and then (532:12).
    text = re.sub(r"(?<=\d)[:;](?=\d{2}\D*$)", ".", compact(text))
    value = parse_money(text, default_unit="万元")
    return round(value, 2) if value is not None else None


_EMAIL_SHAPE = re.compile(r"^[\w.+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}$")
_PHONE_SEPARATOR = re.compile(r"[/、,;，；]|(?<=\d)\s*\+\s*(?=\d)")


def _phones(text: str) -> str | None:
    """`020-38622962/13800138000` (固话+手机): each number normalised, joined by '/'."""
    parts = [normalize_value(FieldKind.PHONE, part) for part in _PHONE_SEPARATOR.split(text.strip())]
    numbers = [_area_code_dash(str(part)) for part in parts if part]
    return "/".join(numbers) if numbers else None


def phone_doubtful(value: object) -> bool:
    """A mobile number that is not 11 digits, or a landline under 7: OCR lost or added a digit."""
    for part in str(value).split("/"):
        digits = part.replace("-", "")
        if part.startswith("1") and len(digits) != 11:
            return True
        if part.startswith("0") and "-" in part and len(part.split("-", 1)[1]) < 7:
            return True
    return False


def _area_code_dash(number: str) -> str:
    """A landline whose dash OCR lost: 02031680450 → 020-31680450 (010 and 02x have 3 digits)."""
    if "-" in number or not number.startswith("0") or len(number) not in (11, 12):
        return number
    area = 3 if number.startswith(("010", "02")) else 4
    return f"{number[:area]}-{number[area:]}"


_WEBMAIL = r"(?:qq|163|126|foxmail|sina|sohu|139|gmail|outlook|hotmail|yeah)\.(?:com|cn|net)"


def _repair_email(text: str) -> str:
    """OCR's usual slips in an address: @ read as a/0/c/Q, 163 read as 1.63 (webmail domains only)."""
    cleaned = compact(text)
    if "@" not in cleaned:
        cleaned = re.sub(r"^(.+?)[a0cQ©]((?:" + _WEBMAIL + r")$)", r"\1@\2", cleaned)
    domain_at = cleaned.find("@")
    if domain_at >= 0:
        cleaned = cleaned[:domain_at] + re.sub(r"(?<=\d)\.(?=\d)", "", cleaned[domain_at:])
    return cleaned


def looks_damaged(text: str) -> bool:
    """Unbalanced brackets or a stamp over the value: OCR may have lost or changed part of it."""
    cleaned = compact(text)
    return cleaned.count("(") != cleaned.count(")") or bool(_STAMP_WORDS.search(cleaned)) or \
        (_looks_like_email(cleaned) and "@" not in cleaned)


def _looks_like_email(cleaned: str) -> bool:
    return bool(re.search(_WEBMAIL + "$", cleaned))


def _month(text: str) -> str | None:
    """开园时间（年/月）: YYYY-MM, whatever day a date might also give."""
    cleaned = compact(text).replace("(园区填写)", "")
    parsed = parse_date(cleaned)
    if parsed is None:
        match = re.search(r"((?:19|20)\d\d)\D{1,2}(\d{1,2})", cleaned)
        if not match or not 1 <= int(match.group(2)) <= 12:
            return None
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return parsed[:7]


