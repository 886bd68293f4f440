"""possible_tampering and missing_seal: what the page images themselves say.

Both need the page images, so both skip when a stored report is re-checked (ctx.pages empty),
and tampering skips born-digital pages, whose pixels were never scanned. Tampering reads the
source pixels under each upright box (NormalizedPage.upright_to_source): resampling by deskew or
warp would erase the cues; regions a phone photo's perspective distorts are skipped and counted.
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.checks.context import CheckContext
from extractor.checks.facts import make_finding
from extractor.checks.forensics.regions import Box, source_region
from extractor.checks.forensics.seals import SealMark
from extractor.checks.forensics.tamper import RegionVerdict
from extractor.checks.labels import doc_label, field_label
from extractor.checks.registry import Outcome, ran, rule, skipped
from extractor.fieldfind import compact
from extractor.normalize.authority import read_authority
from extractor.pages import BBox, ReadPage
from schemas.fields import Evidence, ExtractedField
from schemas.findings import Finding
from schemas.report import DocumentEntry
from schemas.vocab import DocType, FindingCode

MIN_REGION_HEIGHT = 8  # pixels: smaller boxes hold too few flat pixels to judge
# A lone glyph (a row number, a tick) is mostly a bright cell: its noise says nothing of an edit.
MIN_LINE_CHARS = 2


def is_born_digital(page: ReadPage) -> bool:
    return page.text.engine == "text_layer"


def _fields_with_regions(ctx: CheckContext) -> Iterable[tuple[str, str, ExtractedField]]:
    """(where, field name, field) for every value read from a known region of a page."""
    for doc in ctx.documents:
        for name, value in doc.fields.items():
            if value.bbox is not None and value.file is not None and value.page is not None:
                yield doc_label(doc.doc_type), name, value
    for name, value in ctx.application.fields.items():
        if value.bbox is not None and value.file is not None and value.page is not None:
            yield "申请表", name, value


# Pages whose other text lines are scanned too: photos and notices of services are not evidence
# anyone would edit, and their pictures are the busiest textures of a binder.
LINE_SCAN_EXCLUDED = (DocType.SERVICE_RECORD, DocType.OTHER)


class _Skips:
    """Why regions were not examined, counted for the CheckRun detail."""

    def __init__(self) -> None:
        self.reasons: dict[str, int] = {}

    def add(self, reason: str) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def describe(self) -> str:
        return "; ".join(f"{count} region(s) skipped: {reason}" for reason, count in sorted(self.reasons.items()))


def _region_of(page: ReadPage, bbox: BBox, skips: _Skips) -> Box | None:
    """The source-image box under an upright bbox; None (with the reason counted) if unusable."""
    normalized = page.normalized
    mapped = source_region(bbox, normalized.upright.shape, normalized.source.image.shape,
                           normalized.upright_to_source)
    region = mapped.box
    if region is None:
        skips.add(mapped.reason)
        return None
    if region.height < MIN_REGION_HEIGHT or region.width < 2 * MIN_REGION_HEIGHT:
        return None
    return region


def _verdict_on(ctx: CheckContext, page: ReadPage, bbox: BBox, skips: _Skips) -> RegionVerdict | None:
    """The region's verdict, or None when the region could not be examined."""
    region = _region_of(page, bbox, skips)
    return None if region is None else ctx.image_memo.region_verdict(page, region)


def _contains_centre(outer: BBox, inner: BBox) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _field_findings(ctx: CheckContext, page: ReadPage, on_page: list[tuple[str, str, ExtractedField]],
                    skips: _Skips) -> tuple[list[Finding], int]:
    """The regions of the values read on the page."""
    findings: list[Finding] = []
    examined = 0
    for where, name, value in on_page:
        verdict = _verdict_on(ctx, page, value.bbox, skips) if value.bbox is not None else None
        if verdict is None:
            continue
        examined += 1
        if verdict.suspicious:
            findings.append(make_finding(
                FindingCode.POSSIBLE_TAMPERING, name,
                f"{where}“{field_label(name)}”所在区域疑似经过涂改或粘贴：{'；'.join(verdict.reasons)}",
                found=value.value, sources=[value]))
    return findings, examined


def _line_findings(ctx: CheckContext, page: ReadPage, field_boxes: list[BBox],
                   skips: _Skips) -> tuple[list[Finding], int]:
    """Text lines holding no read field: an edit where the extractor found no value still shows."""
    findings: list[Finding] = []
    examined = 0
    for line in page.text.lines:
        if len(compact(line.text)) < MIN_LINE_CHARS:
            continue
        if any(_contains_centre(line.bbox, box) for box in field_boxes):
            continue
        verdict = _verdict_on(ctx, page, line.bbox, skips)
        if verdict is None:
            continue
        examined += 1
        if verdict.suspicious:
            findings.append(make_finding(
                FindingCode.POSSIBLE_TAMPERING, None,
                f"第 {page.page} 页文字“{line.text[:20]}”所在区域疑似经过涂改或粘贴：{'；'.join(verdict.reasons)}",
                found=line.text, extra_evidence=[Evidence(file=page.file, page=page.page, bbox=line.bbox)]))
    return findings, examined


@rule("regions_untampered", FindingCode.POSSIBLE_TAMPERING)
def regions_untampered(ctx: CheckContext) -> Outcome:
    if not ctx.pages:
        return skipped("no page images (re-checking a stored report)")
    all_pages = {(page.file, page.page): page for page in ctx.pages}
    pages = {key: page for key, page in all_pages.items() if not is_born_digital(page)}
    if not pages:
        return skipped("every page is born-digital")
    fields_on: dict[tuple[str, int], list[tuple[str, str, ExtractedField]]] = {}
    for where, name, value in _fields_with_regions(ctx):
        fields_on.setdefault((value.file or "", value.page or 0), []).append((where, name, value))
    excluded = {(e.file, e.page) for e in ctx.page_entries if e.doc_type in LINE_SCAN_EXCLUDED}
    skips = _Skips()
    findings: list[Finding] = []
    line_findings: list[Finding] = []
    examined = lines = judged_pages = 0
    # Page by page: one page's noise maps in memory at a time.
    for key, page in pages.items():
        on_page = fields_on.get(key, [])
        if not on_page and key in excluded:
            continue
        judged_pages += 1
        found, count = _field_findings(ctx, page, on_page, skips)
        findings += found
        examined += count
        if key not in excluded:
            found, count = _line_findings(ctx, page, [value.bbox for _, _, value in on_page if value.bbox], skips)
            line_findings += found
            lines += count
    detail = f"{examined} field region(s) and {lines} other text line(s) on {judged_pages} scanned page(s)"
    if len(all_pages) > len(pages):
        detail += f"; {len(all_pages) - len(pages)} born-digital page(s) skipped"
    if partly_read := sum(1 for page in pages.values() if not page.text.complete):
        detail += f"; {partly_read} page(s) without fields read only to their headings"
    if skips.reasons:
        detail += "; " + skips.describe()
    return ran(findings + line_findings, detail)


ISSUER_LABELS = ("登记机关", "登记管理机关", "发证机关")
NEAR_SEAL = 0.3  # an anchor this far (in seal sizes) outside the seal's box still lies under it


def _near(seal: SealMark, anchor: BBox) -> bool:
    """Does the seal cover the anchor's centre: is it the issuer's seal over 登记机关 / the date?"""
    cx, cy = (anchor[0] + anchor[2]) / 2, (anchor[1] + anchor[3]) / 2
    x0, y0, x1, y1 = seal.bbox
    reach_x, reach_y = (x1 - x0) * NEAR_SEAL, (y1 - y0) * NEAR_SEAL
    return x0 - reach_x <= cx <= x1 + reach_x and y0 - reach_y <= cy <= y1 + reach_y


def _issuer_anchors(doc: DocumentEntry, page: ReadPage) -> list[BBox]:
    """Where the issuer's own seal sits: over the issue date and the 登记机关 label."""
    anchors = [f.bbox for f in (doc.fields.get("issue_date"), doc.fields.get("issuing_authority"))
               if f is not None and f.bbox is not None and (f.file, f.page) == (page.file, page.page)]
    anchors.extend(line.bbox for line in page.text.lines
                   if any(label in compact(line.text) for label in ISSUER_LABELS))
    return anchors


def _applicant_seals(doc: DocumentEntry, page: ReadPage, seals: list[SealMark]) -> list[SealMark]:
    """The seals that are not the issuer's: by their words where they were read, else by place."""
    if doc.doc_type is DocType.APPLICATION_FORM:
        return seals
    anchors = _issuer_anchors(doc, page)
    applicant: list[SealMark] = []
    for seal in seals:
        words = _words_of(seal, page)
        if words is not None:
            if read_authority(words) is None:
                applicant.append(seal)
        elif not any(_near(seal, anchor) for anchor in anchors):
            applicant.append(seal)
    return applicant


def _words_of(seal: SealMark, page: ReadPage) -> str | None:
    """The words read around this seal (the seals stage ran on the page), or None."""
    for read in page.seals:
        if _overlap(seal.bbox, read.bbox) >= 0.5:
            return read.text
    return None


def _overlap(a: BBox, b: BBox) -> float:
    """Intersection over the smaller box."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller if smaller > 0 else 0.0


def _seal_groups(ctx: CheckContext) -> list[tuple[DocType, list[DocumentEntry]]]:
    """The copies that must bear the applicant's seal: the scanned form (all its pages together,
    however they were grouped) and the first licence or legal-person certificate."""
    groups: list[tuple[DocType, list[DocumentEntry]]] = []
    forms = ctx.documents_of(DocType.APPLICATION_FORM)
    if forms:
        groups.append((DocType.APPLICATION_FORM, forms))
    licences = ctx.documents_of(DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE)
    if licences:
        groups.append((licences[0].doc_type, licences[:1]))
    return groups


@rule("copies_bear_seal", FindingCode.MISSING_SEAL)
def copies_bear_seal(ctx: CheckContext) -> Outcome:
    if not ctx.pages:
        return skipped("no page images (re-checking a stored report)")
    findings: list[Finding] = []
    notes: list[str] = []
    for doc_type, docs in _seal_groups(ctx):
        pages = [(doc, p) for doc in docs for p in ctx.pages_of(doc) if not is_born_digital(p)]
        colour = [(doc, p) for doc, p in pages if not ctx.image_memo.greyscale(p)]
        # On a grey scan a seal cannot be told by its colour, but one whose words were read can
        # be told by them: the issuer's names an office, the applicant's its company.
        grey_read = [(doc, p) for doc, p in pages if ctx.image_memo.greyscale(p) and p.seals]
        judged = colour + grey_read
        if not judged:
            notes.append(f"{doc_type}: " + ("scanned in greyscale, a red seal cannot show" if pages
                                            else "no scanned page"))
            continue
        found = [(p, seal.bbox) for doc, p in colour
                 for seal in _applicant_seals(doc, p, ctx.image_memo.seals(p))]
        found += [(p, seal.bbox) for _, p in grey_read for seal in p.seals if read_authority(seal.text) is None]
        if found:
            notes.append(f"{doc_type}: seal on " + "; ".join(
                f"{p.file} p{p.page} at {list(bbox)}" for p, bbox in found))
            continue
        notes.append(f"{doc_type}: no applicant seal")
        findings.append(make_finding(
            FindingCode.MISSING_SEAL, None,
            f"{doc_label(doc_type)}{'扫描件' if doc_type is DocType.APPLICATION_FORM else '复印件'}"
            f"未见申请单位红色公章",
            extra_evidence=[Evidence(file=p.file, page=p.page) for _, p in judged]))
    if not notes:
        return skipped("no scanned application form or licence copy")
    return ran(findings, " | ".join(notes))
