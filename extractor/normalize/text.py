"""Text clean-up shared by every normaliser: NFKC, one width for punctuation, no inner spaces.

OCR engines mix full- and half-width forms of the same character (`：` and `:`, `（` and `(`) and
put spaces between CJK characters at random, so values are compared only after this clean-up.
"""

from __future__ import annotations

import re
import unicodedata

import cn2an

_SPACE = re.compile(r"\s+")

# NFKC leaves these look-alikes alone; OCR output uses them interchangeably with ASCII.
_EXTRA_HALF_WIDTH = str.maketrans({
    "\u2212": "-",  # minus sign
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u3000": " ",  # ideographic space (NFKC also does this)
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
})

# Characters that stand for the Chinese zero 〇 in scans (after NFKC): 〇 itself, the white circle
# U+25CB RapidOCR 3.x emits, the large circle U+25EF, Latin/Greek/Cyrillic O, the digit 0, the A
# Tesseract reads (OCR-NOTES), and D and 口 seen for a blurred 〇.
ZERO_LOOKALIKES = "〇○◯OoОоΟο0AD口"
_CN_DIGITS = "零一二三四五六七八九十"
_NUMERAL_RUN = re.compile(f"[{_CN_DIGITS}{ZERO_LOOKALIKES}]+")
_ZERO_LOOKALIKE_TO_LING = str.maketrans({c: "零" for c in ZERO_LOOKALIKES})


def nfkc_mapped(text: str) -> tuple[str, list[int]]:
    """NFKC applied per character, with the index in `text` of every output character.

    Finders (`find_date_in`, `find_money_in`) match on the normalised string but report spans of
    the original, so an extractor can cut the value's box out of the OCR line. The list has one
    extra entry, len(text), so an end offset maps too.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = nfkc(char)
        out.append(normal)
        origin.extend([index] * len(normal))
    origin.append(len(text))
    return "".join(out), origin


def original_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the original text of normalised characters [start, end)."""
    if end <= start:
        return origin[start], origin[start]
    return origin[start], origin[end - 1] + 1


# Tesseract with chi_sim spaces out every character ('2 0 1 5 年'): a space between two lone digits
# goes. '123 2015' keeps its space, since 3 is not a lone digit.
SPACED_DIGITS = re.compile(r"(?<=(?<!\d)\d) (?=\d(?!\d))")


def drop_matches(view: str, origin: list[int], pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    """`view` without what `pattern` matches, with `origin` (from nfkc_mapped) kept in step."""
    keep = [True] * len(view)
    for match in pattern.finditer(view):
        for index in range(*match.span()):
            keep[index] = False
    kept = [i for i, k in enumerate(keep) if k]
    return "".join(view[i] for i in kept), [origin[i] for i in kept] + [origin[-1]]


def nfkc(text: str) -> str:
    """NFKC plus the dash and quote look-alikes NFKC keeps: full width `：；（），` become ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_EXTRA_HALF_WIDTH)


def remove_spaces(text: str) -> str:
    return _SPACE.sub("", text)


def compact_text(text: str) -> str:
    """NFKC without any white space, the form text fields are stored and compared in."""
    return remove_spaces(nfkc(text))


# Label residue OCR leaves around a value: the colon after a label, a bracket of the next cell.
_EDGE_PUNCT = re.compile(r"^[:;,.、|_\-]+|[:;,、|_\-]+$")


def normalize_name(text: str) -> str:
    """A person or entity name: compact, with stray separators at either end removed."""
    return _EDGE_PUNCT.sub("", compact_text(text))


def normalize_address(text: str) -> str:
    """An address: compact, with stray separators at either end removed."""
    return _EDGE_PUNCT.sub("", compact_text(text))


_ADDRESS_WORD = re.compile(r"[省市区县镇乡街路道巷弄号室楼栋层村园场厦]")


def is_person_name(text: str) -> bool:
    """Has `text` the two letters a person's name has at least (张伟, 欧阳娜娜, John Lee)? A lone
    letter or a figure is an OCR fragment (a form's 法人代表 read as `M`), not a name to compare."""
    return sum(ch.isalpha() for ch in text) >= 2


def is_address(text: str) -> bool:
    """Does `text` name a place, with one of the words addresses are built of (市, 区, 路, 号, 室, …)?
    Without any it is another field's value read beside the wrong label (a licence's term
    `2010年12月29日至长期` beside 住所 on a tilted photo)."""
    return bool(_ADDRESS_WORD.search(text))


def chinese_zero_to_ling(text: str) -> str:
    """Read 〇-like characters inside Chinese numerals as 零 (for dates such as 二〇一五年).

    NFKC does not map 〇 or ○, and Tesseract reads 〇 as O. Only a look-alike next to a Chinese
    numeral is replaced, so `2015` and Latin words keep their O and 0.
    """
    def fix(run: re.Match[str]) -> str:
        has_numeral = any(c in _CN_DIGITS for c in run.group())
        return run.group().translate(_ZERO_LOOKALIKE_TO_LING) if has_numeral else run.group()

    return _NUMERAL_RUN.sub(fix, text)


_NUMERAL_VARIANTS = str.maketrans(
    {"萬": "万", "億": "亿", "貳": "贰", "參": "叁", "陸": "陆", "两": "二", "〇": "零"}
)


def chinese_numeral_value(text: str) -> int | None:
    """壹佰万 → 1000000, 十二 → 12, 两百 → 200; None for a string cn2an cannot read.

    cn2an raises ValueError, and KeyError on some malformed unit orders (肆万万); both mean "not
    a number" here.
    """
    if not text:
        return None
    try:
        return int(cn2an.cn2an(text.translate(_NUMERAL_VARIANTS), "normal"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: characters inserted, deleted or substituted to turn `a` into `b`."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
