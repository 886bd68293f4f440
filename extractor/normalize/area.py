"""Floor areas to square metres: 100㎡, 100平方米, 100m2, 100m², 100 平米, 建筑面积：120.5平方米.

NFKC turns ㎡ into 'm2' and ² into '2', so after it one pattern covers them all. A bare number is
taken as m² (form cells say the unit in their label). Other units are refused, not guessed.
"""

from __future__ import annotations

import re

from extractor.normalize.text import nfkc_mapped, original_span

_AREA = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\s?\.\s?\d+)?)\s*(平方米|平方公尺|平米|平方|m2|M2|m\^2|sqm|㎡)?(?![\d.])"
)
_OTHER_UNIT = re.compile(r"\s*(?:亩|公顷|平方公里|km|元|%|年|月|日|人)")


def find_area_in(text: str) -> tuple[float, int, int] | None:
    """The first area in a longer string, in m², with its span in the original text."""
    if not isinstance(text, str):
        return None
    normal, origin = nfkc_mapped(text)
    first_bare: tuple[float, int, int] | None = None
    for match in _AREA.finditer(normal):
        if _OTHER_UNIT.match(normal, match.end()):
            continue
        value = float(re.sub(r"[,\s]", "", match.group(1)))
        if match.group(2):
            return (value, *original_span(origin, match.start(), match.end()))
        if first_bare is None:
            first_bare = (value, *original_span(origin, match.start(), match.end()))
    return first_bare


def parse_area(text: str) -> float | None:
    """The area a field's text holds, in m²; a number with a unit wins over a bare one."""
    found = find_area_in(text)
    return found[0] if found else None
