"""unreadable_field for values a second look could not confirm (extractor.second_look).

When OCR read a value one way and the re-reads of its region another, the value is doubtful: the
rules no longer compare it, and this remark tells the reviewer what each reading saw.
"""

from __future__ import annotations

from extractor.checks.context import CheckContext
from extractor.checks.facts import make_finding
from extractor.checks.labels import field_label
from extractor.checks.registry import Outcome, ran, rule
from extractor.second_look.verdict import SecondLook, Verdict
from schemas.findings import Finding
from schemas.vocab import FindingCode

SECOND_LOOK_RULE = "second_look"


def _remark(look: SecondLook) -> Finding:
    again = "、".join(reading.text for reading in look.readings if reading.text) or "无"
    return make_finding(
        FindingCode.UNREADABLE_FIELD, look.name,
        f"{look.where}{field_label(look.name)}两次识别不一致（初读 {look.first.raw}，复读 {again}），"
        f"未能核对，请人工核对", found=look.first.value, sources=[look.first])


@rule(SECOND_LOOK_RULE, FindingCode.UNREADABLE_FIELD)
def second_look_doubts(ctx: CheckContext) -> Outcome:
    if not ctx.second_looks:
        return ran(detail="no value behind a finding was read again")
    counts = {verdict: sum(look.verdict is verdict for look in ctx.second_looks) for verdict in Verdict}
    corrected = [f"{look.name} {look.first.value} → {look.value}" for look in ctx.second_looks
                 if look.verdict is Verdict.CORRECTED]
    detail = ", ".join(f"{count} {verdict}" for verdict, count in counts.items() if count)
    if corrected:
        detail += f"; corrected: {', '.join(corrected)}"
    return ran([_remark(look) for look in ctx.second_looks if look.verdict is Verdict.DOUBTFUL],
               f"values behind findings read again: {detail}")
