"""premises_not_covered: the lease (or property certificate) must cover the station and today."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from extractor.checks.compare import address_substance
from extractor.checks.context import CheckContext
from extractor.checks.facts import Reader, as_date, make_finding
from extractor.checks.labels import doc_label
from extractor.checks.registry import Outcome, ran, rule, skipped
from extractor.normalize.gazetteer import GUANGZHOU_DISTRICTS
from schemas.findings import Finding
from schemas.vocab import DocType, FindingCode

CODE = FindingCode.PREMISES_NOT_COVERED
_DIGITS = re.compile(r"\d+")
SIMILAR_ENOUGH = 0.8  # of the characters once both share every house/room number


def _without_district(address: str) -> str:
    substance = address_substance(address)
    for district in GUANGZHOU_DISTRICTS:
        if substance.startswith(district):
            return substance[len(district):]
    return substance


def covers(premises: str, station: str) -> bool:
    """Does the premises address name the station's place? Formatting may differ, numbers may not."""
    whole, part = _without_district(premises), _without_district(station)
    if not part or not whole:
        return True  # nothing below the district to compare: undecidable, not a breach
    if part in whole or whole in part:
        return True
    if _DIGITS.findall(whole) != _DIGITS.findall(part):
        return False
    return SequenceMatcher(None, whole, part).ratio() >= SIMILAR_ENOUGH


@rule("premises_cover_station_address", CODE)
def premises_cover_station_address(ctx: CheckContext) -> Outcome:
    premises = ctx.documents_of(DocType.LEASE_CONTRACT) or ctx.documents_of(DocType.PROPERTY_CERTIFICATE)
    if not premises:
        return skipped("no lease contract or property certificate found")
    reader = Reader()
    station = reader.need(ctx.application.fields, "station_address", "申请表")
    if station is None:
        return skipped("form states no readable station address", reader.remarks)
    where = doc_label(premises[0].doc_type)
    addresses = [a for a in (reader.need(doc.fields, "premises_address", where) for doc in premises) if a]
    if not addresses:
        return skipped(f"{where} address unreadable", reader.remarks)
    findings: list[Finding] = []
    if not any(covers(str(a.value), str(station.value)) for a in addresses):
        findings.append(make_finding(
            CODE, "station_address",
            f"申请表服务站具体位置 {station.value} 与{where}房屋地址 {addresses[0].value} 不符，场所证明未覆盖服务站",
            expected=station.value, found=addresses[0].value, sources=[*addresses, station]))
    return ran(findings + reader.remarks, f"station address vs {len(addresses)} {where} address(es)")


@rule("lease_covers_submission_date", CODE)
def lease_covers_submission_date(ctx: CheckContext) -> Outcome:
    leases = ctx.documents_of(DocType.LEASE_CONTRACT)
    if not leases:
        return skipped("no lease contract (a property certificate has no term)")
    reader, findings = Reader(), []
    ends = [(doc, reader.need(doc.fields, "term_end", doc_label(doc.doc_type))) for doc in leases]
    readable = [(doc, end, as_date(end)) for doc, end in ends if end is not None and as_date(end)]
    if not readable:
        return skipped("lease term end unreadable", reader.remarks)
    # Several leases (renewals): the premises are covered when any of them still runs.
    latest = max(readable, key=lambda item: item[2])  # type: ignore[arg-type, return-value]
    _, end, end_date = latest
    assert end is not None and end_date is not None
    if end_date < ctx.submission_date:
        findings.append(make_finding(
            CODE, "term_end",
            f"租赁合同租赁期限至 {end.value}，早于申报日期 {ctx.submission_date.isoformat()}，场所证明已过期",
            expected=f">= {ctx.submission_date.isoformat()}", found=end.value, sources=[end]))
    return ran(findings + reader.remarks, f"lease ends {end.value}, submission {ctx.submission_date}")
