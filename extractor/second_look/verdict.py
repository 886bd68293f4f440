"""Judging a second reading of a value against the first: confirmed, corrected or doubtful.

Pure text logic, no images: `judge` gets the first reading (an `ExtractedField` with the text OCR
read, `raw`) and the texts the re-reads found in the same region, and votes. The first reading
and each re-read are one vote each; a re-read that found no text (for a figure: no well-formed
figure) abstains, and one the recogniser
itself scores below LEGIBLE cannot confirm (a fragment "3" is not confirmed by a 0.14 "3").

- Confirmed: a re-read reproduces the first reading exactly (its characters, or for dates and codes
  its digits and letters, stand in the re-read text; a figure is one whole figure of the re-read). The finding that rests on it is
  kept. Exactly: a re-read one character off is no confirmation even in a long address, since a
  one-character misread (广州伟 for 广州市) is what raises the false alarms in the first place.
- Corrected: every re-read agrees on one other figure, each read with confidence. Two readings of
  different images outvote the first; the value becomes the re-read one (scaled by the unit the
  first reading was in). Only figures: a name read two ways is a doubt, not a correction.
- Doubtful: the readings disagree and no figure wins; or a name or address holds the words of a
  copy-certification stamp (本复印件与原件一致) printed over it, however often it reads the same;
  or a name that one re-read reproduces is read one character otherwise by another re-read at
  least as sure (彭玉清 at 0.88 against 彭玉消 at 0.86): in a short name that one character is
  the whole question, and one agreeing view does not settle it.
  The value's confidence is halved, below what the rules compare (checks.facts.MIN_CONFIDENCE; a
  code failing its check character is no longer taken as read as printed), so they report it as
  unreadable (`unreadable_field`) instead of raising an error or a warning.

The form's value never takes part: a reading is never made to agree with the form because the
form says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from extractor.doctypes.statement_table import is_well_grouped
from extractor.normalize.text import edit_distance
from schemas.fields import ExtractedField, FieldValue
from schemas.kinds import FieldKind

CONFIDENT = 0.9          # a re-read below this cannot outvote the first reading
LEGIBLE = 0.5            # a re-read below this saw nothing legible: it cannot confirm, only doubt
DOUBT_FACTOR = 0.5       # a doubtful value's confidence is halved: below every rule's threshold
MAX_CELL_EDITS = 2       # a figure this close to the first reading's digits is the same cell read again

FIGURE_KINDS = frozenset({FieldKind.MONEY, FieldKind.AREA, FieldKind.COUNT})
_DIGIT_KINDS = FIGURE_KINDS | {FieldKind.DATE, FieldKind.CODE, FieldKind.PHONE}
_DIGIT = re.compile(r"[0-9]")
_NOT_DIGIT_OR_LATIN = re.compile(r"[^0-9A-Z]")
_NOT_WORD = re.compile(r"[^0-9A-Z\u4e00-\u9fff]")
_VARIANTS = str.maketrans({"號": "号", "〇": "0", "○": "0"})
# Words of the stamps that certify a copy, printed across whatever lies beneath: in a name or an
# address they mean the reading mixed the stamp into the value.
_OVERPRINT = re.compile(r"复印件|与原件|原件一致|原件相符")
_WORD_KINDS = frozenset({FieldKind.NAME, FieldKind.ADDRESS, FieldKind.TEXT})
_FIGURE = re.compile(r"\d(?:[\d,，.:]*\d)?")
_DECIMAL_TAIL = re.compile(r"[.,，:](\d{1,2})$")
_GLUED_TAIL = re.compile(r"[.,，:](\d{4,})$")
_SPACE_AFTER_SEPARATOR = re.compile(r"(?<=\d[,，.:])\s+(?=\d)")
_CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1"})
_MINUS_BEFORE = re.compile(r"(?:[-−]|[(（]\s*)$")  # a minus touches its figure; "- 1,234" is a rule's stub
_BRACKET_AFTER = re.compile(r"\s*[)）]")


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    DOUBTFUL = "doubtful"


@dataclass(frozen=True)
class Reading:
    """What one re-read of a region found: its text (lines joined) and the lowest line confidence."""

    text: str
    confidence: float


@dataclass(frozen=True)
class SecondLook:
    """One value read again, and what became of it."""

    name: str                    # the field's name (a statement item's label for items)
    where: str                   # the document it was read on, as a reviewer calls it (营业执照)
    first: ExtractedField
    readings: tuple[Reading, ...]
    verdict: Verdict
    value: FieldValue | None = None  # the corrected value (CORRECTED only)
    raw: str | None = None           # the figure as the re-reads printed it (CORRECTED only)

    def revised(self) -> ExtractedField:
        """The field as the rules should see it after the second look."""
        if self.verdict is Verdict.CORRECTED and self.value is not None:
            confidence = min(r.confidence for r in self.readings if r.text)
            return self.first.model_copy(update={
                "value": self.value, "confidence": round(confidence, 3), "raw": self.raw})
        if self.verdict is Verdict.DOUBTFUL:
            return self.first.model_copy(
                update={"confidence": round(self.first.confidence * DOUBT_FACTOR, 3)})
        return self.first


def region_key(field: ExtractedField) -> tuple[object, ...]:
    """Which reading of which region a field is: the same key finds it in documents and rules."""
    return (field.file, field.page, field.bbox, field.raw)


def comparable(kind: FieldKind, text: str) -> str:
    """What two readings must share: digits and Latin letters for figures, dates and codes (the
    separators OCR varies are dropped; in codes O and I are 0 and 1, which GB 32100 leaves out of
    its alphabet and OCR swaps freely); every character but punctuation and space for words."""
    folded = unicodedata.normalize("NFKC", text).upper()
    if kind in _DIGIT_KINDS and len(_DIGIT.findall(folded)) >= 2:  # 二〇一五年 is compared as words
        key = _NOT_DIGIT_OR_LATIN.sub("", folded)
        return key.translate(_CODE_LOOKALIKES) if kind is FieldKind.CODE else key
    return _NOT_WORD.sub("", folded.translate(_VARIANTS))


def figures_in(text: str) -> list[str]:
    """The printed figures of a text, each whole (a space OCR put after a separator kept inside).

    A figure whose last group runs to four digits or more is two: no amount prints more than two
    decimals or groups more than three digits, so 42,055,230.4636 is 42,055,230.46 with the first
    digits of the next column's cell glued on by the recogniser.
    """
    figures = []
    for m in _FIGURE.finditer(_SPACE_AFTER_SEPARATOR.sub("", unicodedata.normalize("NFKC", text))):
        glued = _GLUED_TAIL.search(m.group(0))
        if glued:
            figures += [m.group(0)[:glued.start(1) + 2], glued.group(1)[2:]]
        else:
            figures.append(m.group(0))
    return figures


def _votes(kind: FieldKind, reading: Reading) -> bool:
    """A re-read that found text votes; for a figure, only one that found a figure printed as
    figures are (12,317,.7 or 12:317,32.71 is a crop cut through a cell, not another reading)."""
    if kind in FIGURE_KINDS:
        return any(is_well_grouped(figure) for figure in figures_in(reading.text))
    return bool(comparable(kind, reading.text))


def _reproduces(kind: FieldKind, first_key: str, text: str) -> bool:
    """The re-read holds the first reading: a figure as one whole figure of the re-read (a lone 3
    read from a cell is not confirmed by the 3 in -2,403.00), anything else as a run of its text."""
    if kind in FIGURE_KINDS:
        return any(comparable(kind, figure) == first_key for figure in figures_in(text))
    return first_key in comparable(kind, text)


def _signs_shown(kind: FieldKind, first_key: str, text: str) -> set[bool]:
    """For each figure of the re-read that is the first reading's: whether it is printed negative
    (a minus or a bracket against it)."""
    view = _SPACE_AFTER_SEPARATOR.sub("", unicodedata.normalize("NFKC", text))
    return {bool(_MINUS_BEFORE.search(view[:m.start()]) or _BRACKET_AFTER.match(view, m.end()))
            for m in _FIGURE.finditer(view) if comparable(kind, m.group(0)) == first_key}


def _shown_negative(kind: FieldKind, first: ExtractedField, first_key: str,
                    legible: list[Reading]) -> list[Reading]:
    """The re-reads that print a positive first reading's digits negative: the first reading lost
    the minus sign or the bracket. Only this way round: a crop's edge can cut a bracket off, and
    the darkest-ink view drops a thin minus, but no view invents one against the very figure."""
    if kind is not FieldKind.MONEY or not isinstance(first.value, int | float) or first.value < 0:
        return []
    return [r for r in legible if True in _signs_shown(kind, first_key, r.text)]


def printed_figure(text: str) -> float | None:
    """A printed figure's number: the last separator before one or two digits is the decimal point,
    every other separator groups thousands (OCR reads commas as points and colons)."""
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    tail = _DECIMAL_TAIL.search(compact)
    head = compact[:tail.start()] if tail else compact
    digits = re.sub(r"[,，.:]", "", head)
    if not digits.isdigit():
        return None
    return float(f"{digits}.{tail.group(1)}" if tail else digits)


def _figure_near(kind: FieldKind, first_key: str, reading: Reading) -> str | None:
    """The figure of a re-read closest in digits to the first reading: the same cell read again,
    not the neighbouring column that a padded crop also shows."""
    scored = [(edit_distance(comparable(kind, f), first_key), f) for f in figures_in(reading.text)]
    best = min(scored, default=None)
    return best[1] if best is not None and best[0] <= MAX_CELL_EDITS else None


def _corrected_value(kind: FieldKind, first: ExtractedField, first_key: str,
                     readings: list[Reading]) -> tuple[FieldValue, str] | None:
    if kind not in FIGURE_KINDS or not isinstance(first.value, int | float) or isinstance(first.value, bool):
        return None
    if any(r.confidence < CONFIDENT for r in readings):
        return None
    figures = {_figure_near(kind, first_key, r) for r in readings}
    if len(figures) != 1 or None in figures:
        return None
    (figure,) = figures
    assert figure is not None
    first_figure = printed_figure(first_printed(kind, first))
    printed = printed_figure(figure)
    if not first_figure or printed is None or len(readings) < 2:
        return None
    value = float(first.value) * printed / first_figure  # the unit the first reading was in
    return (round(value) if kind is FieldKind.COUNT else round(value, 2)), figure


def first_printed(kind: FieldKind, first: ExtractedField) -> str:
    """What the first reading printed: for a figure, the figure alone (155 of 155m, 340 of 340m2:
    a unit's letters and its superscript are not part of what a re-read must reproduce)."""
    text = first.raw or str(first.value)
    if kind in FIGURE_KINDS:
        return max(figures_in(text), key=lambda f: len(_DIGIT.findall(f)), default=text)
    return text


def _one_character_off(key: str, text: str) -> bool:
    """`text` holds, where `key` would stand, a run of its length differing in exactly one character."""
    if len(key) < 2:
        return False
    return any(sum(a != b for a, b in zip(key, text[i:i + len(key)], strict=True)) == 1
               for i in range(len(text) - len(key) + 1))


def _rival_name(first_key: str, legible: list[Reading]) -> bool:
    """A re-read reads the name one character otherwise, at least as sure as any re-read that
    reproduces it."""
    agreeing = [r.confidence for r in legible if first_key in comparable(FieldKind.NAME, r.text)]
    rivals = [r.confidence for r in legible if first_key not in comparable(FieldKind.NAME, r.text)
              and _one_character_off(first_key, comparable(FieldKind.NAME, r.text))]
    return bool(agreeing and rivals) and max(rivals) >= max(agreeing)


def judge(name: str, where: str, kind: FieldKind, first: ExtractedField,
          readings: list[Reading]) -> SecondLook:
    """The verdict on `first` given what the re-reads of its region found (see the module doc)."""
    first_key = comparable(kind, first_printed(kind, first))
    voting = [r for r in readings if _votes(kind, r)]
    if kind in _WORD_KINDS and _OVERPRINT.search(first.raw or str(first.value)):
        return SecondLook(name, where, first, tuple(readings), Verdict.DOUBTFUL)
    legible = [r for r in voting if r.confidence >= LEGIBLE]
    negative = _shown_negative(kind, first, first_key, legible) if first_key else []
    if any(r.confidence >= CONFIDENT for r in negative):
        raw = f"-{first_printed(kind, first)}"
        assert isinstance(first.value, int | float)
        return SecondLook(name, where, first, tuple(readings), Verdict.CORRECTED, -first.value, raw)
    if negative and not any(False in _signs_shown(kind, first_key, r.text) for r in legible):
        return SecondLook(name, where, first, tuple(readings), Verdict.DOUBTFUL)  # only an unsure minus
    if kind is FieldKind.NAME and first_key and _rival_name(first_key, legible):
        return SecondLook(name, where, first, tuple(readings), Verdict.DOUBTFUL)
    if not first_key or not voting or any(_reproduces(kind, first_key, r.text) for r in legible):
        return SecondLook(name, where, first, tuple(readings), Verdict.CONFIRMED)
    corrected = _corrected_value(kind, first, first_key, voting)
    if corrected is not None:
        return SecondLook(name, where, first, tuple(readings), Verdict.CORRECTED, *corrected)
    return SecondLook(name, where, first, tuple(readings), Verdict.DOUBTFUL)

