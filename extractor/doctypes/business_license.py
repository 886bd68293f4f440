"""营业执照 (new layout with 统一社会信用代码, old layout with 注册号, 个体工商户): cues and fields.

The legal-person certificates print the same kind of facts under other labels, so the reader
here (`read_registration`) takes its label table as an argument and serves both modules.
Values are read on printed rows (OCR boxes regrouped, see extractor.forms.ocr_rows), after a
label at the row's start; long names and addresses continue on the rows below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.doctypes.base import DocTypeSpec
from extractor.fieldfind import compact
from extractor.forms.ocr_rows import RowText, row_texts
from extractor.forms.values import clean_value_text, looks_damaged
from extractor.normalize import (
    is_address,
    is_person_name,
    iter_dates,
    normalize_address,
    normalize_name,
    parse_date_range,
    parse_money,
    repair_credit_code,
)
from extractor.normalize.authority import AuthorityRead, read_authority
from extractor.pages import PageText, ReadPage, SealText, TextLine
from schemas.documents import RegistrationCertificateFields
from schemas.fields import ExtractedField, FieldValue
from schemas.vocab import DocType

FOUND_BY_SHAPE_FACTOR = 0.8  # found by its look (an authority's name, a lone date), not after a label
UNREADABLE_CODE_CONFIDENCE = 0.2
SEAL_EDIT_FACTOR = 0.85  # per character of a seal's reading put right against the place and office lists
STAMPED_FACTOR = 0.6  # a stamp's words or a lost bracket in the value: the rest may be misread too


@dataclass(frozen=True)
class Rule:
    field: str               # a SPEC field, or "term" (→ term_start / term_end)
    labels: tuple[str, ...]  # regexes on compact row text, matched at the start of a row
    wraps: bool = False      # long values continue on the rows below (names, addresses)


# Spaced labels (`名      称`, `住      所`) come back from OCR as two boxes, and one of them is
# sometimes lost: a lone half of the label counts when the value has the expected shape.
NAME_AHEAD = r"(?=[\u4e00-\u9fff()]{4,}(?:公司|商会|协会|中心|园|会|院|社|店|部|厂)$)"
TYPE_AHEAD = r"(?=.{0,6}(?:公司|企业|个体|团体|单位|合伙))"
ADDRESS_AHEAD = r"(?=[\u4e00-\u9fff]{0,8}?(?:省|市|区|县).*(?:号|路|街|道|室|房|楼))"

LICENCE_RULES: tuple[Rule, ...] = (
    Rule("credit_code", (r"统一社会信用代[码玛吗]", r"社会信用代码", r"信用代码")),
    Rule("entity_name", (r"企业名称", r"单位名称", r"名称", r"[名称]" + NAME_AHEAD), wraps=True),
    Rule("entity_type", (r"公司类型", r"企业类型", r"主体类型", r"类型", r"组成形式", r"[类型]" + TYPE_AHEAD), wraps=True),
    Rule("legal_representative", (r"法定代表[人入][姓婚娃妊]名", r"法定代表[人入]", r"负责[人入]", r"经营者",
                                  r"投资[人入]", r"执行事务合伙[人入]")),
    Rule("registered_capital", (r"注册资本", r"注册资金", r"出资额")),
    Rule("registration_date", (r"成立日期", r"注册日期", r"成立时间")),
    Rule("term", (r"营业期限", r"经营期限", r"合伙期限")),
    Rule("registered_address", (r"住所", r"主要经营场所", r"经营场所", r"营业场所", r"[住所]" + ADDRESS_AHEAD),
         wraps=True),
    Rule("issuing_authority", (r"登记机关",)),
)
# Labels whose values are no fields but which still end a value or a wrapped continuation.
OTHER_LABELS: tuple[str, ...] = (r"经营范围", r"业务范围", r"注册号", r"实收资本", r"证照编号", r"宗旨",
                                 r"举办单位", r"开办资金", r"单位类型")

AUTHORITY_SHAPE = re.compile(
    r"[\u4e00-\u9fff]{2,14}?(?:工商行政管理局|市场监督管理局|市场和质量监督管理委员会|市场监管局|工商局|"
    r"民政局|民政厅|事业单位登记管理局|机构编制委员会办公室|行政审批局)")
_CODE_SHAPE = re.compile(r"[0-9A-Z]{15,20}")
_BARE_CODE_SHAPE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])")
MIN_CODE_DIGITS = 8  # a code is mostly digits; an 18-letter English word is not a code

Span = tuple[int, int, int]  # row index, start, end in the row's compact text


@dataclass
class _Reading:
    rows: list[RowText]
    values: dict[str, ExtractedField]
    used: list[Span]

    def put(self, name: str, value: FieldValue | None, index: int, start: int, end: int,
            raw: str, factor: float = 1.0) -> None:
        if value is None or name in self.values:
            return
        row = self.rows[index]
        self.values[name] = ExtractedField(
            value=value, confidence=round(row.span_confidence(start, end) * factor, 3), file=row.page.file,
            page=row.page.page, bbox=row.span_bbox(start, end), raw=raw)
        self.used.append((index, start, end))

    def is_used(self, index: int, start: int, end: int) -> bool:
        return any(i == index and start < e and s < end for i, s, e in self.used)


def read_registration(pages: Sequence[ReadPage], rules: Sequence[Rule],
                      other_labels: Sequence[str] = OTHER_LABELS) -> RegistrationCertificateFields:
    """The registration-certificate fields printed on `pages` after the labels of `rules`."""
    pages = [_without_seal_words(page) for page in pages]
    reading = _Reading(row_texts(pages), {}, [])
    # Half labels (with a look-ahead) only count at a row's start, never to end another value.
    labels = [label for rule in rules for label in rule.labels if "(?=" not in label] + list(other_labels)
    any_label = re.compile("|".join(f"(?:{label})" for label in labels))
    authority_row: int | None = None
    for rule in rules:
        found = _labelled(reading.rows, rule, any_label)
        if found is None:
            continue
        index, start, end, text = found
        if rule.field == "issuing_authority":
            authority_row = index
        _read_value(reading, rule.field, index, start, end, text)
    if any(rule.field == "credit_code" for rule in rules):
        _code_anywhere(reading)
    _issue_date_and_authority(reading, authority_row)
    if "issuing_authority" not in reading.values:
        _authority_from_seals(reading, pages, authority_row)
    return RegistrationCertificateFields(**reading.values)


def _without_seal_words(page: ReadPage) -> ReadPage:
    """The page without OCR lines that are pieces of a seal's own words lying on that seal.

    Red-channel suppression leaves fragments of dark seal strokes (限公 of …有限公司); read as a
    row below an address they would be taken for its continuation.
    """
    if not page.seals:
        return page

    def is_seal_words(line: TextLine) -> bool:
        words = compact(line.text)
        cx, cy = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
        return len(words) >= 2 and any(
            seal.bbox[0] <= cx <= seal.bbox[2] and seal.bbox[1] <= cy <= seal.bbox[3] and words in seal.text
            for seal in page.seals)

    lines = [line for line in page.text.lines if not is_seal_words(line)]
    if len(lines) == len(page.text.lines):
        return page
    return ReadPage(page.normalized, PageText(lines, page.text.engine), page.seals)


def _authority_from_seals(reading: _Reading, pages: Sequence[ReadPage], label_row: int | None) -> None:
    """The issuer's name from the words around its seal, the seal nearest the 登记机关 label first.

    The applicant's own seal on a copy names a company, not an office: `read_authority` refuses it.
    """
    label = reading.rows[label_row] if label_row is not None else None
    candidates: list[tuple[float, ReadPage, SealText, AuthorityRead]] = []
    for page in pages:
        for seal in page.seals:
            read = read_authority(seal.text)
            if read is None:
                continue
            distance = 0.0
            if label is not None:
                same_page = label.page is page
                centre = ((seal.bbox[0] + seal.bbox[2]) / 2, (seal.bbox[1] + seal.bbox[3]) / 2)
                distance = abs(centre[0] - label.bbox[2]) + abs(centre[1] - label.bbox[3]) + (0 if same_page else 10)
            candidates.append((distance, page, seal, read))
    if not candidates:
        return
    _, page, seal, read = min(candidates, key=lambda c: c[0])
    confidence = seal.confidence * (SEAL_EDIT_FACTOR ** read.edits) * FOUND_BY_SHAPE_FACTOR
    reading.values["issuing_authority"] = ExtractedField(
        value=read.value, confidence=round(confidence, 3), file=page.file, page=page.page, bbox=seal.bbox,
        raw=seal.text)


def _code_anywhere(reading: _Reading) -> None:
    """The credit code when no labelled row gave it: an 18-character code-shaped token anywhere.

    The label may sit above the code, share a row with the title, or be lost to a stamp; a token
    whose check character verifies is preferred over one that only has the shape.
    """
    if "credit_code" in reading.values:
        return
    candidates: list[tuple[bool, int, int, int, str]] = []
    for index, row in enumerate(reading.rows):
        for shape in _BARE_CODE_SHAPE.finditer(row.text.upper()):
            token = shape.group(0)
            if sum(ch.isdigit() for ch in token) < MIN_CODE_DIGITS or reading.is_used(index, *shape.span()):
                continue
            candidates.append((repair_credit_code(token).valid, index, shape.start(), shape.end(), token))
    if not candidates:
        return
    _, index, start, end, token = max(candidates, key=lambda c: c[0])  # first valid, else first
    read = repair_credit_code(token)
    reading.put("credit_code", read.value, index, start, end, token, read.confidence * FOUND_BY_SHAPE_FACTOR)


def _labelled(rows: Sequence[RowText], rule: Rule,
              any_label: re.Pattern[str]) -> tuple[int, int, int, str] | None:
    """(row, value start, value end, value text) after the first row that starts with a label.

    Noise of up to two non-CJK characters may precede the label (a table rule read as `|`).
    """
    pattern = re.compile(r"^[^\u4e00-\u9fff]{0,2}?(?:" + "|".join(rule.labels) + r")[:;.,]?")
    for index, row in enumerate(rows):
        match = pattern.match(row.text)
        if match is None:
            continue
        start = match.end()
        stop = any_label.search(row.text, start + 1)
        end = stop.start() if stop else len(row.text)
        text = row.text[start:end]
        if not text.strip(":;,.") and index + 1 < len(rows) and not any_label.match(rows[index + 1].text):
            below = rows[index + 1]  # value printed under its label
            return index + 1, 0, len(below.text), below.text
        if rule.wraps:
            text = _with_continuation(rows, index, start, text, any_label)
        return index, start, end, text
    return None


CONTINUATION_ALIGN = 0.03  # page widths between a value's first character and its next row's


def _with_continuation(rows: Sequence[RowText], index: int, start: int, text: str,
                       any_label: re.Pattern[str]) -> str:
    """A long name or address printed on two or three rows, under the value's first character."""
    row = rows[index]
    value_left = row.span_bbox(start, start + 1)[0]
    height = row.bbox[3] - row.bbox[1]
    bottom = row.bbox[3]
    for below in rows[index + 1:index + 3]:
        if below.page is not row.page or below.bbox[1] - bottom > 1.2 * height:
            break
        # A wrapped value goes on under its first character; words starting further right are
        # something else on the page (a piece of a seal's ring, a stamp over the address).
        if abs(below.left - value_left) > CONTINUATION_ALIGN or any_label.match(below.text):
            break
        if _beside_a_label(below, rows, any_label):
            break  # the value of the next label, whose row grouping set the label apart (a tilted scan)
        text += below.text
        bottom = below.bbox[3]
    return text


def _beside_a_label(row: RowText, rows: Sequence[RowText], any_label: re.Pattern[str]) -> bool:
    """Is a label printed left of `row`, on the same line (sharing half of the lower one's height)?"""
    top, bottom = row.bbox[1], row.bbox[3]
    for other in rows:
        if other is row or other.page is not row.page or other.bbox[2] > row.left:
            continue
        shared = min(bottom, other.bbox[3]) - max(top, other.bbox[1])
        if shared >= 0.5 * min(bottom - top, other.bbox[3] - other.bbox[1]) and any_label.match(other.text):
            return True
    return False


# A value of another shape beside these labels belongs to a neighbouring label (a tilted photo).
_VALUE_SHAPE = {"registered_address": is_address, "legal_representative": is_person_name}


def _read_value(reading: _Reading, name: str, index: int, start: int, end: int, text: str) -> None:
    """Normalise one labelled value; dates and codes are narrowed to the characters they occupy."""
    stop = min(start + len(text), len(reading.rows[index].text))
    if name == "credit_code":
        shape = _CODE_SHAPE.search(text.upper())
        if shape is not None:
            read = repair_credit_code(shape.group(0))
            factor = read.confidence if len(read.value) == 18 else UNREADABLE_CODE_CONFIDENCE
            reading.put(name, read.value, index, start + shape.start(), start + shape.end(), shape.group(0),
                        factor)
    elif name in ("entity_name", "legal_representative", "entity_type", "registered_address"):
        normalise = normalize_address if name == "registered_address" else normalize_name
        factor = STAMPED_FACTOR if looks_damaged(text) else 1.0
        value = normalise(_trim(clean_value_text(text)))
        fits = _VALUE_SHAPE.get(name, bool)
        reading.put(name, value if fits(value) else None, index, start, stop, text, factor)
    elif name == "registered_capital":
        reading.put(name, parse_money(text), index, start, stop, text)
    elif name == "registration_date":
        for found in iter_dates(text):
            reading.put(name, found.value, index, start + found.start, start + found.end,
                        text[found.start:found.end])
            break
    elif name == "term":
        _read_term(reading, index, start, stop, text)
    elif name == "issuing_authority":
        shape = AUTHORITY_SHAPE.search(text)
        if shape is not None:
            reading.put(name, shape.group(0), index, start + shape.start(), start + shape.end(),
                        shape.group(0))


def _read_term(reading: _Reading, index: int, start: int, stop: int, text: str) -> None:
    """营业期限 `2015年03月12日至长期` → term_start only; `…至2045年03月11日` → both."""
    parsed = parse_date_range(text)
    if parsed is None:
        return
    dates = list(iter_dates(text))
    # parse_date_range reads the first two dates in order; a lone date is the start or the end.
    spans = iter(dates)
    for name, value in zip(("term_start", "term_end"), parsed):
        if value is None:
            continue
        found = next(spans, None)
        a, b = (start + found.start, start + found.end) if found else (start, stop)
        reading.put(name, value, index, a, b, text[a - start:b - start])
    if dates:
        reading.used.append((index, start, stop))


def _trim(text: str) -> str:
    """Specks OCR reads at a value's ends (·, a table rule's |, a stray bracket or colon)."""
    return re.sub(r"^\W+|[^\w)]+$", "", text)  # \w covers CJK; a closing bracket may end a type


def _issue_date_and_authority(reading: _Reading, label_row: int | None) -> None:
    """The issue date printed by the 登记机关 seal, and the authority's name if printed as text.

    From the 登记机关 label downwards when it was read; otherwise the page is searched from the
    bottom and dates already taken by labelled fields are skipped.
    """
    rows = reading.rows
    order = range(label_row, len(rows)) if label_row is not None else range(len(rows) - 1, -1, -1)
    for index in order:
        row = rows[index]
        if label_row is not None and row.page is not rows[label_row].page:
            break
        if "issue_date" not in reading.values:
            for found in iter_dates(row.text):
                if not reading.is_used(index, found.start, found.end):
                    reading.put("issue_date", found.value, index, found.start, found.end,
                                row.text[found.start:found.end],
                                1.0 if label_row is not None else FOUND_BY_SHAPE_FACTOR)
                    break
        if "issuing_authority" not in reading.values:
            shape = AUTHORITY_SHAPE.search(row.text)
            if shape is not None and not reading.is_used(index, shape.start(), shape.end()):
                reading.put("issuing_authority", shape.group(0), index, shape.start(), shape.end(),
                            shape.group(0),
                            FOUND_BY_SHAPE_FACTOR)
        if "issue_date" in reading.values and "issuing_authority" in reading.values:
            return


def extract(pages: Sequence[ReadPage]) -> RegistrationCertificateFields:
    return read_registration(pages, LICENCE_RULES)


_NOT_A_HEADING_AFTER = r"(?!号|复印|副本复印|正本复印|等|和|及|或|与|、|的|[,;。])"

SPEC = DocTypeSpec(
    doc_type=DocType.BUSINESS_LICENSE,
    # The heading itself (营业执照, 企业法人营业执照, 营业执照(副本)), not the words inside prose:
    # a lease says 乙方营业执照复印件, a cover page 营业执照副本复印件, a form 营业执照号码.
    titles=(
        r"(?<![的及和与或、,;供交附其])(?:企业法人|合伙企业|个人独资企业)?营[业亚]执[照熙]"
        r"(?:\((?:副|正)本\)|(?:副|正)本)?" + _NOT_A_HEADING_AFTER,
    ),
    keywords=("营业期限", "经营范围", "登记机关", "注册资本", "成立日期", "国家企业信用信息公示系统",
              "市场主体应当", "公司类型", "法定代表人姓名"),
    extract=extract,
    multi_page=False,
    reads_seals=True,
)
