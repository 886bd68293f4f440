"""duplicate_across_submissions: one person's or one document's identity seen in two binders.

Used by batch and by the service on stored reports, so it reads only `Report`s: certificate
numbers of staff certificates, ID numbers, and the perceptual hash of certificate pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from extractor.checks.compare import canonical_name, canonical_text
from extractor.checks.facts import make_finding
from extractor.checks.labels import doc_label, field_label
from schemas.fields import Evidence
from schemas.findings import Finding
from schemas.report import DocumentEntry, Report
from schemas.vocab import DocType, FindingCode

CERTIFICATE_TYPES = (DocType.DIPLOMA, DocType.TITLE_CERTIFICATE, DocType.QUALIFICATION_CERTIFICATE)
PHASH_TYPES = (*CERTIFICATE_TYPES, DocType.ID_CARD)
PHASH_MAX_DISTANCE = 4   # of 64 bits: a rescan of the same paper ...
# ... but pages of one certificate template with different holders measured 2–8 bits apart on
# generated binders, so an image match counts only for the same holder's certificate.
MIN_CODE_LENGTH = 6      # shorter "numbers" are OCR fragments, not identities
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class IdentityKey:
    kind: str             # "certificate_no" | "id_number" | "phash"
    value: str            # canonical number, or the hex phash
    doc_type: DocType
    document: int | None  # index of the document in its report
    evidence: tuple[Evidence, ...]
    holder: str | None = None  # canonical holder name of the document, when read

    @property
    def field(self) -> str:
        return self.kind if self.kind != "phash" else str(self.doc_type)


def identity_keys(report: Report) -> list[IdentityKey]:
    keys: list[IdentityKey] = []
    numbered = [(t, "certificate_no") for t in CERTIFICATE_TYPES] + [(DocType.ID_CARD, "id_number")]
    for doc_type, name in numbered:
        for doc in report.documents_of(doc_type):
            value = doc.fields.get(name)
            if value is None or value.confidence < MIN_CONFIDENCE:
                continue
            number = canonical_text(str(value.value))
            if len(number) < MIN_CODE_LENGTH:
                continue
            evidence = value.evidence()
            keys.append(IdentityKey(name, number, doc_type, doc.index, (evidence,) if evidence else ()))
    holders = {doc.index: _holder(doc) for doc in report.documents}
    for page in report.pages:
        if page.doc_type not in PHASH_TYPES or not page.phash or not _informative(page.phash):
            continue
        keys.append(IdentityKey("phash", page.phash.lower(), page.doc_type, page.document,
                                (Evidence(file=page.file, page=page.page),),
                                holders.get(page.document) if page.document is not None else None))
    return keys


def _holder(doc: DocumentEntry) -> str | None:
    holder = doc.fields.get("holder_name")
    if holder is None or holder.confidence < MIN_CONFIDENCE:
        return None
    return canonical_name(str(holder.value)) or None


def _bits(hex_hash: str) -> int | None:
    try:
        return int(hex_hash, 16)
    except ValueError:
        return None


def _informative(hex_hash: str) -> bool:
    """A blank or uniform page hashes to nearly all-0/all-1 bits and would match every other."""
    bits = _bits(hex_hash)
    if bits is None:
        return False
    ones = bits.bit_count()
    return 8 <= ones <= len(hex_hash) * 4 - 8


def _same(a: IdentityKey, b: IdentityKey) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind != "phash":
        return a.value == b.value
    bits_a, bits_b = _bits(a.value), _bits(b.value)
    return (a.doc_type == b.doc_type and a.holder is not None and a.holder == b.holder
            and bits_a is not None and bits_b is not None
            and (bits_a ^ bits_b).bit_count() <= PHASH_MAX_DISTANCE)


def _finding(key: IdentityKey, other_name: str, other: IdentityKey) -> Finding:
    what = doc_label(key.doc_type)
    if key.kind == "phash":
        message = (f"{what}（持证人 {key.holder}）页面与申报材料“{other_name}”中同一持证人的{doc_label(other.doc_type)}"
                   f"页面图像几乎相同，疑似重复使用")
        found: str | None = other_name
    else:
        message = f"{what}{field_label(key.kind)} {key.value} 同时出现在申报材料“{other_name}”中，疑似重复使用"
        found = key.value
    # Evidence points into this submission's own files; the message names the other submission.
    return make_finding(FindingCode.DUPLICATE_ACROSS_SUBMISSIONS, key.field, message, found=found,
                        expected=None, extra_evidence=key.evidence)


def cross_submission_findings(reports: Mapping[str, Report]) -> dict[str, list[Finding]]:
    """Findings per submission name; every duplicate is reported in both submissions."""
    keys = {name: identity_keys(report) for name, report in reports.items()}
    findings: dict[str, list[Finding]] = defaultdict(list)
    for name_a, name_b in combinations(sorted(keys), 2):
        # A document already matched by its number is not reported again for its image.
        numbered: dict[str, set[int | None]] = {name_a: set(), name_b: set()}
        pairs = [(a, b) for a in keys[name_a] for b in keys[name_b] if _same(a, b)]
        pairs.sort(key=lambda pair: pair[0].kind == "phash")
        for a, b in pairs:
            if a.kind == "phash" and (a.document in numbered[name_a] or b.document in numbered[name_b]):
                continue
            if a.kind != "phash":
                numbered[name_a].add(a.document)
                numbered[name_b].add(b.document)
            findings[name_a].append(_finding(a, name_b, b))
            findings[name_b].append(_finding(b, name_a, a))
    return {name: findings.get(name, []) for name in reports}
