"""Page classification: which doc_type a page belongs to, from the cues each doc-type module names.

A heading (a module's `titles`) near the top of the page is strong evidence and starts a new
document; keywords anywhere are weaker evidence, enough to recognise continuation pages. Pages
with almost no text, or no cue of any type, are `other` with a low confidence rather than a
confident wrong type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.doctypes import REGISTRY
from extractor.doctypes.base import DocTypeSpec
from extractor.fieldfind import compact
from extractor.pages import PageText
from schemas.vocab import DocType

HEADING_ZONE = 0.45  # fraction of the page height where headings are looked for
MIN_TEXT_CHARS = 8
TITLE_TOP_WEIGHT = 4.0
TITLE_ANYWHERE_WEIGHT = 1.5
KEYWORD_WEIGHT = 1.0
KEYWORD_CAP = 4.0


@dataclass(frozen=True)
class PageClass:
    doc_type: DocType
    confidence: float
    has_title: bool
    scores: tuple[tuple[DocType, float], ...] = ()


@lru_cache(maxsize=None)
def _compiled(spec: DocTypeSpec) -> tuple[list[re.Pattern[str]], list[str]]:
    return [re.compile(t) for t in spec.titles], [compact(k) for k in spec.keywords]


def _score(spec: DocTypeSpec, top_text: str, all_text: str) -> tuple[float, bool]:
    titles, keywords = _compiled(spec)
    score, has_title = 0.0, False
    if any(title.search(top_text) for title in titles):
        score, has_title = TITLE_TOP_WEIGHT, True
    elif any(title.search(all_text) for title in titles):
        score = TITLE_ANYWHERE_WEIGHT
    hits = sum(1 for keyword in keywords if keyword and keyword in all_text)
    return score + min(KEYWORD_CAP, KEYWORD_WEIGHT * hits), has_title


def classify_page(text: PageText) -> PageClass:
    all_text = "".join(compact(line.text) for line in text.lines)
    if len(all_text) < MIN_TEXT_CHARS:
        return PageClass(DocType.OTHER, 0.5, has_title=False)
    top_text = "".join(compact(line.text) for line in text.lines if line.bbox[1] < HEADING_ZONE)
    scored = {spec.doc_type: _score(spec, top_text, all_text) for spec in REGISTRY.specs()}
    ranking = sorted(scored.items(), key=lambda item: item[1][0], reverse=True)
    best_type, (best, has_title) = ranking[0]
    runner_up = ranking[1][1][0] if len(ranking) > 1 else 0.0
    if best < KEYWORD_WEIGHT * 2 and not has_title:
        return PageClass(DocType.OTHER, 0.4, has_title=False,
                         scores=tuple((t, s) for t, (s, _) in ranking[:3]))
    margin = (best - runner_up) / best
    confidence = min(0.99, 0.5 + 0.5 * margin + (0.1 if has_title else 0.0))
    return PageClass(best_type, round(confidence, 3), has_title,
                     scores=tuple((t, s) for t, (s, _) in ranking[:3]))
