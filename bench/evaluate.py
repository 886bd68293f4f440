"""Scoring one report against the generator's truth.json: pages, fields and findings."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from schemas.kinds import FieldKind, kind_of
from schemas.report import DocumentEntry, Report
from schemas.vocab import Severity

MONEY_TOLERANCE_YUAN = 0.5
AREA_TOLERANCE_M2 = 0.05


def same_value(name: str, expected: Any, found: Any) -> bool:
    if found is None:
        return False
    kind = kind_of(name)
    if kind in (FieldKind.MONEY, FieldKind.AREA):
        try:
            tolerance = MONEY_TOLERANCE_YUAN if kind is FieldKind.MONEY else AREA_TOLERANCE_M2
            return abs(float(expected) - float(found)) <= tolerance
        except (TypeError, ValueError):
            return False
    if kind is FieldKind.COUNT:
        try:
            return int(expected) == int(found)
        except (TypeError, ValueError):
            return False
    return _compact(expected) == _compact(found)


def _compact(value: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).upper()


@dataclass
class Score:
    pages_total: int = 0
    pages_right: int = 0
    page_confusions: Counter = field(default_factory=Counter)
    field_total: Counter = field(default_factory=Counter)   # per doc_type
    field_right: Counter = field(default_factory=Counter)
    field_misses: Counter = field(default_factory=Counter)  # (doc_type, field)
    findings_planted: Counter = field(default_factory=Counter)  # per code
    findings_found: Counter = field(default_factory=Counter)
    false_alarms: Counter = field(default_factory=Counter)
    # per scan variant of the document's pages (dpi150, phone_photo, seal_over_text, ...): a field
    # counts under every variant its pages had, so the rows overlap and do not sum to the total
    variant_total: Counter = field(default_factory=Counter)
    variant_right: Counter = field(default_factory=Counter)
    variant_misses: Counter = field(default_factory=Counter)  # (variant, "doc_type.field")
    # possible_tampering by page: scanned pages with a pasted edit, and those without one
    tamper: Counter = field(default_factory=Counter)  # edited, edited_flagged, clean, clean_flagged
    clean: bool = False

    def add(self, other: Score) -> None:
        for name in ("pages_total", "pages_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("page_confusions", "field_total", "field_right", "field_misses",
                     "findings_planted", "findings_found", "false_alarms", "variant_total", "variant_right",
                     "variant_misses"):
            getattr(self, name).update(getattr(other, name))
        self.tamper.update(other.tamper)


def _best_document(report: Report, truth_doc: dict[str, Any]) -> DocumentEntry | None:
    wanted = {(p["file"], p["page"]) for p in truth_doc["pages"]}
    candidates = [d for d in report.documents if d.doc_type.value == truth_doc["doc_type"]]
    overlap = [(len(wanted & {(p.file, p.page) for p in d.pages}), d) for d in candidates]
    overlap = [(n, d) for n, d in overlap if n > 0]
    return max(overlap, key=lambda item: item[0])[1] if overlap else None


def score_report(report: Report, truth: dict[str, Any]) -> Score:
    score = Score(clean=not truth.get("findings"))
    found_types = {(p.file, p.page): p.doc_type.value for p in report.pages}
    for page in truth["pages"]:
        score.pages_total += 1
        got = found_types.get((page["file"], page["page"]))
        if got == page["doc_type"]:
            score.pages_right += 1
        else:
            score.page_confusions[(page["doc_type"], got)] += 1
    variants_of = {(p["file"], p["page"]): _variants(p) for p in truth["pages"]}
    for truth_doc in truth["documents"]:
        doc_type = truth_doc["doc_type"]
        document = _best_document(report, truth_doc)
        variants = set().union(*(variants_of.get((p["file"], p["page"]), set()) for p in truth_doc["pages"]))
        for name, expected in truth_doc.get("fields", {}).items():
            got = document.fields.get(name) if document else None
            _count_field(score, doc_type, name, expected, got.value if got else None, variants)
    application = truth.get("application", {})
    if application.get("source", "none") != "none":
        source = {f"editable_{application['source']}"} if application["source"] in ("docx", "xlsx") else set()
        for name, expected in application.get("fields", {}).items():
            got = report.application.fields.get(name)
            _count_field(score, "application_form", name, expected, got.value if got else None, source)
    _score_findings(score, report, truth.get("findings", []))
    _score_tampering_by_page(score, report, truth["pages"])
    return score


def _score_tampering_by_page(score: Score, report: Report, pages: list[dict[str, Any]]) -> None:
    """Each scanned page is edited (the generator pasted a patch on it) or clean; a page is flagged
    when a possible_tampering finding points at it."""
    flagged = {(e.file, e.page) for f in report.findings if f.code.value == "possible_tampering"
               for e in f.evidence}
    for page in pages:
        if page.get("born_digital"):
            continue
        kind = "edited" if "tampered_region" in page.get("variant", []) else "clean"
        score.tamper[kind] += 1
        score.tamper[f"{kind}_flagged"] += (page["file"], page["page"]) in flagged


def _variants(page: dict[str, Any]) -> set[str]:
    return {"born_digital"} if page.get("born_digital") else set(page.get("variant", [])) or {"plain_scan"}


def _count_field(score: Score, doc_type: str, name: str, expected: Any, found: Any,
                 variants: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    right = same_value(name, expected, found)
    score.field_total[doc_type] += 1
    score.field_right[doc_type] += right
    if not right:
        score.field_misses[(doc_type, name)] += 1
    for variant in variants:
        score.variant_total[variant] += 1
        score.variant_right[variant] += right
        if not right:
            score.variant_misses[(variant, f"{doc_type}.{name}")] += 1


def _score_findings(score: Score, report: Report, planted: list[dict[str, Any]]) -> None:
    # A plant is found by a finding of any severity (unreadable_field is info); only errors and
    # warnings left over count as false alarms.
    unmatched = list(report.findings)
    for plant in planted:
        score.findings_planted[plant["code"]] += 1
        match = next((f for f in unmatched if f.code.value == plant["code"]
                      and (plant.get("field") is None or f.field == plant.get("field"))), None)
        match = match or next((f for f in unmatched if f.code.value == plant["code"]), None)
        if match is not None:
            score.findings_found[plant["code"]] += 1
            unmatched.remove(match)
    planted_codes = {plant["code"] for plant in planted}
    for finding in unmatched:
        if finding.severity not in (Severity.ERROR, Severity.WARNING):
            continue
        # a second finding of a planted code (the same plant seen on another field) is a consequence
        if finding.code.value not in planted_codes:
            score.false_alarms[finding.code.value] += 1
