"""An issuing authority's name as OCR read it (often off a seal's arc) → the name as written.

Authority names are a place and a kind of office: 广州市 + 海珠区 + 工商行政管理局. Both parts come
from short closed lists (`gazetteer`), so a reading one or two characters off (广州市湖珠区工新行政
管理局) is put right part by part, within a budget of edits that keeps the lists' entries apart. A
place outside the lists (深圳市南山区) is kept as read; a name without a recognisable kind of office
is no authority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.normalize.gazetteer import AUTHORITY_KINDS, AUTHORITY_PLACES
from extractor.normalize.text import edit_distance

_NOT_NAME = re.compile(r"[^\u4e00-\u9fff]")
PLACE_EDITS = 1                # a place name (3–6 characters) may differ by one character
UNEXPLAINED_WEIGHT = 1.0       # each character of the place left as read counts like one edit


@dataclass(frozen=True)
class AuthorityRead:
    value: str
    edits: int  # characters changed to match the lists; 0 = read exactly as printed


def read_authority(text: str) -> AuthorityRead | None:
    """The authority named in `text`, or None when no kind of office can be recognised in it."""
    chars = _NOT_NAME.sub("", text)
    kind = _best_kind(chars)
    if kind is None:
        return None
    name, start, kind_edits = kind
    place, place_edits = _place(chars[:start])
    if not place:
        return None
    return AuthorityRead(value=place + name, edits=kind_edits + place_edits)


def _allowed_kind_edits(kind: str) -> int:
    return (len(kind) - 1) // 3  # 民政局 exact; 市场监督管理局 two slips; none brings two kinds together


def _best_kind(chars: str) -> tuple[str, int, int] | None:
    """(kind, where it starts in `chars`, edits) for the kind of office nearest a span of `chars`.

    The latest-ending good span wins over an earlier one: a company's name may contain 局-like
    words, the authority's kind ends its name.
    """
    best: tuple[int, int, int, str, int] | None = None  # (edits, -end, -len(kind), kind, start)
    for kind in AUTHORITY_KINDS:
        allowed = _allowed_kind_edits(kind)
        for length in {len(kind) - 1, len(kind), len(kind) + 1} if allowed else {len(kind)}:
            for start in range(0, len(chars) - length + 1):
                edits = edit_distance(chars[start:start + length], kind)
                if edits > allowed:
                    continue
                candidate = (edits, -(start + length), -len(kind), kind, start)
                if best is None or candidate < best:
                    best = candidate
    if best is None:
        return None
    edits, _, _, kind, start = best
    return kind, start, edits


def _place(prefix: str) -> tuple[str, int]:
    """The place before the kind: snapped to a listed place when one is near, else as read."""
    best: tuple[float, int, str] | None = None  # (score, edits, value)
    for place in AUTHORITY_PLACES:
        for length in (len(place) - 1, len(place), len(place) + 1):
            for start in range(0, len(prefix) - length + 1):
                edits = edit_distance(prefix[start:start + length], place)
                if edits > PLACE_EDITS:
                    continue
                rest = prefix[start + length:]  # e.g. 南山区 after a listed city: kept as read
                score = edits + UNEXPLAINED_WEIGHT * len(rest)
                if best is None or (score, edits) < best[:2]:
                    best = (score, edits, place + rest)
    if best is not None:
        return best[2], best[1]
    return prefix, 0
