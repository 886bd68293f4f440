"""居民身份证 copies: front (姓名, 出生, 住址, 公民身份号码) and back (签发机关, 有效期限) on one page.

The number is repaired with its GB 11643 check character; the birth date falls back to the one
the number encodes. 住址 often wraps onto a second line under the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.textsearch import search_joined, to_field
from extractor.fieldfind import Located, compact, find_labelled, find_pattern
from extractor.normalize import normalize_address, parse_date, repair_id_number
from extractor.pages import ReadPage, TextLine
from schemas.documents import IdCardFields
from schemas.fields import ExtractedField
from schemas.kinds import FieldKind
from schemas.vocab import DocType

_ID_SHAPE = r"[0-9OoIlSZB]{17}[0-9Xx×OoIlSZB]"
_FRONT_LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码")
_LABEL_WORD = r"姓名|性别|民族|出生|住址|公民|身份|号码|签发|机关|有效|期限"
FROM_NUMBER_FACTOR = 0.8  # birth date taken from the ID number rather than the printed line


def _id_number(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = find_labelled(pages, ("公民身份号码", "身份号码", "身份证号码", "身份证号"), value_pattern=_ID_SHAPE)
    if located is None:
        found = find_pattern(pages, _ID_SHAPE)
        located = found[0] if found else None
    if located is None:
        return None
    read = repair_id_number(located.text.replace("×", "X"))
    return located.to_field(read.value, located.confidence * read.confidence)


def _birth(pages: Sequence[ReadPage], id_number: ExtractedField | None) -> ExtractedField | None:
    located = find_labelled(pages, ("出生",), stop_labels=("住址",), value_pattern=r"\d{4}年\d{1,2}月\d{1,2}日?")
    # OCR drops the 出 of a spaced-out 出 生 label now and then; the card prints no other 年月日 date.
    located = located or search_joined(pages, r"(\d{4}年\d{1,2}月\d{1,2}日)")
    field = to_field(located, FieldKind.DATE)
    if field is not None or id_number is None:
        return field
    digits = str(id_number.value)
    value = parse_date(f"{digits[6:10]}-{digits[10:12]}-{digits[12:14]}") if len(digits) == 18 else None
    if value is None:
        return None
    return id_number.model_copy(update={"value": value, "confidence": round(id_number.confidence * FROM_NUMBER_FACTOR, 3)})


def _continuation(lines: Sequence[TextLine], first: TextLine, value_x: float) -> list[TextLine]:
    """Lines under the first 住址 line, starting between its label's and its value's x, before the next label."""
    height = first.bbox[3] - first.bbox[1]
    out: list[TextLine] = []
    bottom = first.bbox[3]
    for line in sorted(lines, key=lambda ln: ln.bbox[1]):
        if line.bbox[1] <= first.bbox[1] + 0.3 * height or line is first:
            continue
        text = compact(line.text)
        if line.bbox[1] - bottom > 1.2 * height or any(label in text for label in _FRONT_LABELS):
            break
        # Under the value, or back at the label's x when the card wraps the address full-width
        # (OCR then reads the label and the first value line as one box starting at the label).
        if first.bbox[0] - 0.03 < line.bbox[0] < value_x + 0.03:
            out.append(line)
            bottom = line.bbox[3]
    return out


def _address(pages: Sequence[ReadPage]) -> ExtractedField | None:
    located = find_labelled(pages, ("住址",), stop_labels=("公民身份号码",))
    if located is None:
        return None
    first = next((ln for ln in located.page.text.lines
                  if ln.bbox[1] <= located.bbox[1] + 1e-6 and ln.bbox[3] >= located.bbox[3] - 1e-6
                  and ln.bbox[0] <= located.bbox[0] + 1e-6 and ln.bbox[2] >= located.bbox[2] - 1e-6), None)
    parts = [located]
    if first is not None:
        for line in _continuation(located.page.text.lines, first, located.bbox[0]):
            parts.append(Located(compact(line.text), located.page, line.bbox, line.confidence))
    text = "".join(part.text for part in parts)
    bbox = (min(p.bbox[0] for p in parts), min(p.bbox[1] for p in parts),
            max(p.bbox[2] for p in parts), max(p.bbox[3] for p in parts))
    merged = Located(text, located.page, bbox, min(p.confidence for p in parts))
    value = normalize_address(text)
    return merged.to_field(value) if value else None


def extract(pages: Sequence[ReadPage]) -> IdCardFields:
    id_number = _id_number(pages)
    # The name box overlaps its label's box on many copies, so the label-then-value order of the
    # joined text is more reliable than neighbour geometry here.
    holder = search_joined(pages, r"姓名[:：]?(?!性别|民族|出生)([\u4e00-\u9fff·]{2,6}?)(?=性别|性|别|民族|$)",
                           reject=_LABEL_WORD)
    if holder is None:
        holder = find_labelled(pages, ("姓名",), stop_labels=("性别", "民族"), value_pattern=r"^[\u4e00-\u9fff·]{2,6}")
    if holder is not None and re.search(_LABEL_WORD, holder.text):
        holder = None  # the card's own label words are never a name (民族汉 from 性别 女 民族 汉)
    return IdCardFields(holder_name=to_field(holder, FieldKind.NAME), id_number=id_number,
                        birth_date=_birth(pages, id_number), address=_address(pages))


SPEC = DocTypeSpec(
    doc_type=DocType.ID_CARD,
    # A card face has no heading: its own printed labels are the cue (an application form says
    # 身份证号码, never 公民身份号码; the back says 居民身份证 beside 签发机关).
    titles=(r"公民身[份伤]号码", r"居民身[份伤]证(?:.{0,30})签发机关", r"签发机关.{0,40}有效期限",
            r"(?<![、,，;；(（及和与或])身份证(?:正反面)?复印件(?![、,，;；)）及和与或…])"),
    keywords=("公民身份号码", "签发机关", "有效期限", "居民身份证", "住址", "民族"),
    extract=extract,
)
