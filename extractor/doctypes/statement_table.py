"""Reading financial statements as tables: a line item's amount in the column that matters.

A statement prints two amount columns (期末余额 | 年初余额, 本期金额 | 上期金额) and a balance sheet
prints them twice, assets on the left and liabilities on the right. The amount of an item is the
number on the item's row that sits under the wanted column's header on the item's side of the page.
Every number on a row is given to the header whose x-centre is nearest, so an empty 期末 cell
yields nothing instead of the 年初 number beside it.

OCR gives a line per cell; a PDF text layer may give a whole row as one line. Both are cut into
spans (a label match, a number) whose x-range is estimated from character widths, so the same
reader serves scans and born-digital statements.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.fieldfind import Located, compact
from extractor.normalize import normalize_name, parse_money
from extractor.normalize.text import edit_distance
from extractor.pages import BBox, ReadPage, TextLine
from schemas.fields import ExtractedField

# Canonical item name -> label regex on compact text. Keys are what `read_statement_items` returns.
BALANCE_ITEMS: dict[str, str] = {
    "资产总计": r"(?<![动定形期他])资产(?:总计|合计)",
    "负债合计": r"(?<![动他期])负债(?:合计|总计)",
    # Slips in 权益 (权监, 校益) are common in scans; 所有者权益总计 stays excluded by 合计.
    "所有者权益合计": r"(?<!和)(?:所有者|股东).{1,2}(?:\((?:或)?股东权益\))?合计|(?<!和)(?:所有者|股东)权益总计|净资产(?:合计|总计)",
    # The other side's grand total: equal to 资产总计 by the identity itself, whatever is unreadable above it.
    "负债和所有者权益总计": r"负债(?:和|及)(?:所有者|股东)权益(?:\((?:或)?股东权益\))?(?:总计|合计)",
}
INCOME_ITEMS: dict[str, str] = {
    "营业收入": r"营业(?:总)?收入(?!合计)|^(?:一、)?收入(?:合计|总计)",
    "营业利润": r"营业利润",
    "营业外收入": r"营业外收入",
    "营业外支出": r"营业外支出",
    "利润总额": r"利润总额",
    "所得税费用": r"所得税(?:费用)?(?!前)",
    "净利润": r"净利润(?!率)",
}

# Column headers: the wanted amount column and the one beside it that must not be read.
BALANCE_COLUMNS = (r"期末(?:余额|数|金额)|年末(?:余额|数)", r"(?:年初|期初|上年年末)(?:余额|数|金额)?")
INCOME_COLUMNS = (r"本年累计(?:金额|数)?|本期(?:金额|数|发生额)|本年(?:金额|数)",
                  r"上期(?:金额|数|发生额)|上年(?:同期|累计)?(?:金额|数)?|本月(?:金额|数)?")
_OTHER_COLUMNS = r"行次|项目|资产|负债和(?:所有者|股东)权益|负债及|附注"

# OCR reads thousands commas as points or colons and even inserts them (47.01407.78), so any run
# of digits and separators is one amount; `amount_text` decides which separator is the decimal.
_NUMBER = re.compile(r"[(（]?\s*[-−]?\s*[.,，:]?\d(?:[\d,，.:]*\d)?[.,，:]?\s*[)）]?")
FRAGMENT_GAP = 0.012  # page widths: OCR splits one cell's number into boxes this close together
OVERLAP_SHARED = 0.4  # digit widths: fragments' boxes overlapping this much both read the shared characters
_DECIMAL_TAIL = re.compile(r"[.,，:](\d{1,2})(?=\D*$)")
_UNIT = re.compile(r"(?:金额)?单位[:：]?(?:人民币)?(万元|千元|元)")
FALLBACK_FACTOR = 0.75  # an amount read without locating its column is less certain
MALFORMED_FACTOR = 0.5  # digits not grouped as amounts are printed: below what the checks compare


@dataclass(frozen=True)
class Span:
    """Part of a line: its NFKC text and its estimated box."""

    text: str
    bbox: BBox
    line: TextLine

    @property
    def x_centre(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2


def _width(char: str) -> float:
    if char.isspace():
        return 0.5
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55


def _span(line: TextLine, text: str, start: int, end: int) -> Span:
    """The span of text[start:end] with an x-range proportional to character widths."""
    widths = [_width(c) for c in text]
    total = sum(widths) or 1.0
    x0, y0, x1, y1 = line.bbox
    left = x0 + (x1 - x0) * sum(widths[:start]) / total
    right = x0 + (x1 - x0) * sum(widths[:end]) / total
    return Span(text[start:end], (left, y0, right, y1), line)


def find_spans(lines: Sequence[TextLine], pattern: str) -> list[Span]:
    """Every match of `pattern` on the lines, matched on compact text, located in the raw line."""
    regex = re.compile(pattern)
    spans: list[Span] = []
    for line in lines:
        raw = unicodedata.normalize("NFKC", line.text)
        index = [i for i, c in enumerate(raw) if not c.isspace()]  # compact position -> raw position
        text = "".join(raw[i] for i in index)
        for match in regex.finditer(text):
            if match.end() > match.start():
                spans.append(_span(line, raw, index[match.start()], index[match.end() - 1] + 1))
    return spans


# A whole amount as printed: grouped by commas or not, a decimal point and exactly two decimals.
_COMPLETE_AMOUNT = re.compile(r"[(（]?[-−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)\.\d{2}[)）]?")
# Two grouped amounts run together (28,460,315.7225,045,077.83): a row's two columns set so close
# that OCR read them as one box. The first ends after its two decimals. At least one comma group is
# required, so an ungrouped run with an OCR-inserted point (47.01407.78) stays one amount.
_TWO_AMOUNTS = re.compile(r"([-−]?\d{1,3}(?:[,，]\d{3})*\.\d{2})([-−]?\d{1,3}(?:[,，]\d{3})*\.\d{2})")
# ... unless the whole run is one amount grouped in threes with a comma misread as a point
# (10,659.183.01): OCR confuses the two separators far more often than it fuses two cells. Two
# fused amounts of an SME's size make a run of trillions, which no station's statement holds.
_ONE_GROUPED_AMOUNT = re.compile(r"[-−]?\d{1,3}(?:[.,，:]\d{3}){1,3}[.,，:]\d{2}")


def _is_complete_amount(text: str) -> bool:
    return _COMPLETE_AMOUNT.fullmatch(text.strip()) is not None


def _split_run(line: TextLine, raw: str, start: int, end: int) -> list[Span]:
    """A number match as one span, or two when it is two complete amounts run together."""
    run = raw[start:end]
    core = run.strip()
    offset = start + run.index(core) if core else start
    two = _TWO_AMOUNTS.fullmatch(core)
    if two is None or not any(c in core for c in ",，") or _ONE_GROUPED_AMOUNT.fullmatch(core):
        return [_span(line, raw, start, end)]
    cut = offset + two.end(1)
    return [_span(line, raw, offset, cut), _span(line, raw, cut, offset + len(core))]


def _numbers(lines: Sequence[TextLine]) -> list[Span]:
    found: list[Span] = []
    for line in lines:
        raw = unicodedata.normalize("NFKC", line.text)
        for match in _NUMBER.finditer(raw):
            found.extend(_split_run(line, raw, match.start(), match.end()))
    return _merge_fragments(found)


def _merge_fragments(numbers: list[Span]) -> list[Span]:
    """Join a number OCR cut into adjacent boxes (781 | 458.40, 4069378. | .34) back into one."""
    merged: list[Span] = []
    for number in sorted(numbers, key=lambda n: n.bbox[0]):
        # Two complete amounts are two cells however close they sit, never one cut number.
        before = next((i for i, m in enumerate(merged) if m.line is not number.line
                       and _same_row(m.bbox, number.bbox)
                       and not (_is_complete_amount(m.text) and _is_complete_amount(number.text))
                       and -0.02 <= number.bbox[0] - m.bbox[2] <= FRAGMENT_GAP), None)
        if before is None:
            merged.append(number)
            continue
        last = merged[before]
        box = (last.bbox[0], min(last.bbox[1], number.bbox[1]), number.bbox[2], max(last.bbox[3], number.bbox[3]))
        line = last.line if last.line.confidence <= number.line.confidence else number.line
        merged[before] = Span(_join_fragments(last, number), box, line)
    return merged


def _join_fragments(left: Span, right: Span) -> str:
    """Two fragments' text as one number. Boxes that overlap were both read over the characters
    they share (6,081.2 | .25 for 6,081.25; 894 | 489.56 for 89,489.56): the characters the left
    one ends with and the right one starts with, within the overlap's width, are printed once."""
    head, tail = left.text.strip(), right.text.strip()
    char_width = (left.bbox[2] - left.bbox[0]) / max(sum(_width(c) for c in head), 1.0) * _width("0")
    overlap = left.bbox[2] - right.bbox[0]
    if char_width <= 0 or overlap < OVERLAP_SHARED * char_width:
        return head + tail
    most = min(round(overlap / char_width) + 1, len(head) - 1, len(tail) - 1)
    shared = next((k for k in range(most, 0, -1) if head[-k:] == tail[:k]), 0)
    return head + tail[shared:]


def _same_row(a: BBox, b: BBox) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.4 * min(a[3] - a[1], b[3] - b[1])


@dataclass(frozen=True)
class _Header:
    span: Span
    wanted: bool


def _headers(lines: Sequence[TextLine], columns: tuple[str, str]) -> list[_Header]:
    wanted = [_Header(s, True) for s in find_spans(lines, columns[0])]
    unwanted = [_Header(s, False) for s in find_spans(lines, columns[1])]
    return sorted(wanted + unwanted, key=lambda h: h.span.x_centre)


def _column_header(headers: list[_Header], label: Span, others: list[Span]) -> _Header | None:
    """The wanted header of the label's side: the first wanted one right of the label, on a row
    above it, with no other label column (负债和所有者权益 of a two-sided sheet) in between: when the
    own side's header was misread, the other side's must not be taken instead."""
    above = [h for h in headers if h.span.bbox[3] <= label.bbox[1] + 0.005]
    right = [h for h in above if h.span.x_centre > label.bbox[2]]
    wanted = next((h for h in right if h.wanted), None)
    if wanted is None:
        return None
    label_columns = [o.x_centre for o in others if compact(o.text) not in ("行次", "附注")]
    for column_x in label_columns:
        crossed = any(label.bbox[2] < h.span.x_centre < column_x for h in headers)
        if crossed and column_x < wanted.span.x_centre:
            return None  # the other side's label column: its amounts are not this label's
    return wanted


def _amount_in_column(row: list[Span], column: _Header, headers: list[_Header], others: list[Span]) -> Span | None:
    """The number of the row whose nearest column header is `column`.

    Without a 行次 header a row number could sit nearest the amount column, so such numbers are
    dropped then.
    """
    if not any(compact(o.text) == "行次" for o in others):
        row = [n for n in row if not _is_row_number(n)]
    anchors = [h.span.x_centre for h in headers if h.span.bbox[3] <= column.span.bbox[3] + 0.02]
    anchors += [o.x_centre for o in others]
    best: Span | None = None
    for number in row:
        nearest = min(anchors, key=lambda x: abs(x - number.x_centre), default=None)
        if nearest is not None and nearest == column.span.x_centre:
            if best is None or abs(number.x_centre - nearest) < abs(best.x_centre - nearest):
                best = number
    return best


def _is_row_number(span: Span) -> bool:
    text = compact(span.text).rstrip(".")
    return text.isdigit() and len(text) <= 2


def _row_numbers(lines: Sequence[TextLine], label: Span) -> list[Span]:
    return [n for n in _numbers(lines)
            if _same_row(n.bbox, label.bbox) and n.bbox[0] >= label.bbox[2] - 0.002]


@dataclass(frozen=True)
class StatementItem:
    located: Located
    in_column: bool  # found under its column header rather than as the first number after the label


_LABEL_TRIM = re.compile(r"^[\d一二三四五六七八九十、.:()（）]+|[:：.。]+$")


def fuzzy_label_spans(lines: Sequence[TextLine], name: str) -> list[Span]:
    """Whole-cell labels one OCR slip away from `name` (货产总计, 负信合计), for when no regex matched.

    Only a cell that holds nothing but the label counts, and one slip per four characters at most,
    so a neighbouring item (流动负债合计) or a prose mention never passes for the total.
    """
    allowed = max(1, len(name) // 4)
    spans: list[Span] = []
    for line in lines:
        text = _LABEL_TRIM.sub("", compact(line.text))
        if abs(len(text) - len(name)) <= 1 and 0 < edit_distance(text, name) <= allowed:
            spans.append(Span(line.text, line.bbox, line))
    return spans


def _read_item(
    page: ReadPage, name: str, label_regex: str, headers: list[_Header], others: list[Span]
) -> StatementItem | None:
    lines = page.text.lines
    labels = find_spans(lines, label_regex) or fuzzy_label_spans(lines, name)
    for label in labels:
        row = _row_numbers(lines, label)
        if not row:
            continue
        column = _column_header(headers, label, others)
        if column is not None:
            number = _amount_in_column(row, column, headers, others)
            if number is not None:
                return StatementItem(Located(number.text.strip(), page, number.bbox, number.line.confidence), True)
            continue  # the wanted cell is empty on this row
        # No header found: the first amount after the label, skipping a 行次 row number.
        row.sort(key=lambda s: s.bbox[0])
        amounts = [n for n in row if not _is_row_number(n)] or row
        first = amounts[0]
        return StatementItem(Located(first.text.strip(), page, first.bbox, first.line.confidence), False)
    return None


def read_items(pages: Sequence[ReadPage], items: dict[str, str], columns: tuple[str, str]) -> dict[str, StatementItem]:
    """Each item's amount as printed, from the first page that has it (headers carry over pages)."""
    found: dict[str, StatementItem] = {}
    headers: list[_Header] = []
    for page in pages:
        page_headers = _headers(page.text.lines, columns)
        headers = page_headers or headers
        others = find_spans(page.text.lines, _OTHER_COLUMNS)
        others = [o for o in others if headers and _same_row(o.bbox, headers[0].span.bbox)]
        for name, regex in items.items():
            if name not in found:
                item = _read_item(page, name, regex, headers, others)
                if item is not None:
                    found[name] = item
    return found


def statement_unit(pages: Sequence[ReadPage]) -> str:
    """The unit the header states (单位：元 / 万元 / 千元); 元 when none is printed."""
    for page in pages:
        match = _UNIT.search("".join(compact(line.text) for line in page.text.lines))
        if match:
            return match.group(1)
    return "元"


def amount_text(printed: str) -> str:
    """An amount as parse_money reads it: group separators dropped, the decimal point a point."""
    text = compact(printed)
    tail = _DECIMAL_TAIL.search(text)
    if tail is None:
        return re.sub(r"[,，.:]", "", text)
    head = re.sub(r"[,，.:]", "", text[:tail.start()])
    return f"{head}.{tail.group(1)}{text[tail.end():]}"


def amount_field(item: StatementItem, unit: str) -> ExtractedField | None:
    """The printed amount in yuan, its confidence lowered when its column was not located."""
    text = amount_text(item.located.text)
    if unit == "千元":
        value = parse_money(text, default_unit="元")
        value = None if value is None else value * 1000
    else:
        value = parse_money(text, default_unit=unit)
    if value is None:
        return None
    factor = 1.0 if item.in_column else FALLBACK_FACTOR
    if not is_well_grouped(item.located.text):
        factor *= MALFORMED_FACTOR
    return item.located.to_field(round(value, 2), item.located.confidence * factor)


def is_well_grouped(printed: str) -> bool:
    """Digits grouped as amounts are printed: 1–3, then threes, then two decimals (any separator).

    228,7779.01 or 47.01407.78 are not: a digit was added or a separator invented, so the value
    cannot be trusted however sure OCR was of each glyph.
    """
    groups = re.split(r"[,，.:]", re.sub(r"[()（）\-−\s]", "", compact(printed)).strip(",，.:"))
    if len(groups) > 1 and len(groups[-1]) in (1, 2):
        groups = groups[:-1]  # the decimals
    if not all(group.isdigit() for group in groups):
        return False
    return len(groups) == 1 or (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


def read_statement_items(pages: Sequence[ReadPage]) -> dict[str, Located]:
    """Every known line item of a balance sheet or income statement (canonical label -> printed amount).

    The checks use it to verify the income chain (营业利润 + 营业外收入 − 营业外支出 = 利润总额);
    `statement_amounts` gives the same items as yuan values.
    """
    balance = read_items(pages, BALANCE_ITEMS, BALANCE_COLUMNS)
    income = read_items(pages, INCOME_ITEMS, INCOME_COLUMNS)
    return {name: item.located for name, item in {**balance, **income}.items()}


def statement_amounts(pages: Sequence[ReadPage]) -> dict[str, ExtractedField]:
    """`read_statement_items` as normalised yuan fields (the header's unit applied)."""
    unit = statement_unit(pages)
    out: dict[str, ExtractedField] = {}
    for items, columns in ((BALANCE_ITEMS, BALANCE_COLUMNS), (INCOME_ITEMS, INCOME_COLUMNS)):
        for name, item in read_items(pages, items, columns).items():
            field = amount_field(item, unit)
            if field is not None:
                out[name] = field
    return out


# --- the statement's header: who prepared it and for which period ------------------------------

_ENTITY = re.compile(r"(?:(?:编制|编报)[单中早]位|单位名称|纳税人名称)[:：]?(.+?)(?=\d{4}年|\d{4}[-./]|(?:金额)?单位[:：]|日期|所属|会企|$)")
_NOT_PERIOD = re.compile(r"报送|报出|打印|填报日期|编制日期|签发|盖章")
_RANGE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:至|到|-|~)(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?")
_YEAR = re.compile(r"(\d{4})年度|(\d{4})年(?:全年|1-12月)")
_MONTHS = re.compile(r"(\d{4})年(\d{1,2})(?:月)?(?:-|~|至|到)(\d{1,2})月")
_DATE = re.compile(r"(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|([.\-/])(\d{1,2})\4(\d{1,2}))")
_STRAY_POINT = re.compile(r"(?<=\d)[.·,](?=[月日])")  # 2019年1-4.月 as OCR reads it
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d)")


def read_entity(pages: Sequence[ReadPage]) -> ExtractedField | None:
    """编制单位 as printed in the header, cut before the date and the unit that share its row."""
    for page in pages[:1]:
        for line in page.text.lines:
            match = _ENTITY.search(compact(line.text))
            if match and len(match.group(1)) >= 2:
                name = normalize_name(match.group(1).strip(":："))
                span = find_spans([line], re.escape(match.group(1)))
                bbox = span[0].bbox if span else line.bbox
                return Located(match.group(1), page, bbox, line.confidence).to_field(name)
    return None


def _iso(year: int, month: int, day: int | None, end_of_month: bool) -> str | None:
    if not (1900 < year < 2100 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    day = last if day is None and end_of_month else (1 if day is None else day)
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= last else None


@dataclass(frozen=True)
class Period:
    start: str | None  # None on a balance sheet's single date
    end: str
    located: Located
    explicit_start: bool  # the start was printed, not inferred as 1 January of the year


def _period_of(text: str) -> tuple[str | None, str | None, bool] | None:
    text = _STRAY_POINT.sub("", text)
    if match := _RANGE.search(text):
        year = int(match.group(1))
        end_year = int(match.group(4) or year)
        start = _iso(year, int(match.group(2)), _int(match.group(3)), False)
        return start, _iso(end_year, int(match.group(5)), _int(match.group(6)), True), True
    if match := _MONTHS.search(text):
        year = int(match.group(1))
        return _iso(year, int(match.group(2)), None, False), _iso(year, int(match.group(3)), None, True), True
    if match := _YEAR.search(text):
        year = int(match.group(1) or match.group(2))
        return f"{year}-01-01", f"{year}-12-31", True
    if match := _DATE.search(text):
        year, month, day = int(match.group(1)), int(match.group(2) or match.group(5)), int(match.group(3) or match.group(6))
        return f"{year}-01-01", _iso(year, month, day, True), False
    if match := _MONTH.search(text):
        year = int(match.group(1))
        return f"{year}-01-01", _iso(year, int(match.group(2)), None, True), False
    return None


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def read_period(pages: Sequence[ReadPage]) -> Period | None:
    """The statement's period from the header lines above the table (年度, 1-4月, a closing date).

    A single date or month is a period end; an income statement for it runs from 1 January
    (本年累计), which `explicit_start` = False lets the caller report with less confidence.
    """
    for page in pages[:1]:
        headers = find_spans(page.text.lines, BALANCE_COLUMNS[0] + "|" + INCOME_COLUMNS[0])
        table_top = min((h.bbox[1] for h in headers), default=1.0)
        for line in page.text.lines:
            text = compact(line.text)
            if line.bbox[1] > table_top + 0.005 or _NOT_PERIOD.search(text):
                continue
            found = _period_of(text)
            if found is None or found[1] is None:
                continue
            start, end, explicit = found
            return Period(start, end, Located(text, page, line.bbox, line.confidence), explicit)
    return None
