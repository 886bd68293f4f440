"""Reading values for rules: confidence gating, unreadable remarks, findings with evidence.

Rules never compare a value read with low confidence: they say the field was unreadable
(`unreadable_field`, info) instead of raising a false error.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping

from extractor.checks.labels import field_label
from schemas.fields import Evidence, ExtractedField, FieldValue
from schemas.findings import Finding
from schemas.vocab import SEVERITY_OF, FindingCode

MIN_CONFIDENCE = 0.6
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def evidence_of(sources: Iterable[ExtractedField | None]) -> list[Evidence]:
    found: list[Evidence] = []
    for source in sources:
        item = source.evidence() if source is not None else None
        if item is not None and item not in found:
            found.append(item)
    return found


def make_finding(
    code: FindingCode,
    field: str | None,
    message: str,
    *,
    expected: FieldValue | None = None,
    found: FieldValue | None = None,
    sources: Iterable[ExtractedField | None] = (),
    extra_evidence: Iterable[Evidence] = (),
) -> Finding:
    evidence = evidence_of(sources)
    evidence.extend(item for item in extra_evidence if item not in evidence)
    return Finding(code=code, severity=SEVERITY_OF[code], field=field, expected=expected,
                   found=found, message=message, evidence=evidence)


class Reader:
    """Hands rules the values they may trust and remembers which ones it had to refuse."""

    def __init__(self) -> None:
        self.remarks: list[Finding] = []

    def need(self, fields: Mapping[str, ExtractedField], name: str, where: str,
             *, required: bool = True) -> ExtractedField | None:
        """`fields[name]` when read with confidence; else None, remarking on it when `required`."""
        value = fields.get(name)
        if value is not None and value.confidence >= MIN_CONFIDENCE and value.value != "":
            return value
        if value is not None:
            self._remark(name, f"{where}的{field_label(name)}识别置信度低（{value.confidence:.2f}），未能核对",
                         value)
        elif required:
            self._remark(name, f"未能读取{where}的{field_label(name)}，无法核对", None)
        return None

    def adopt(self, other: Reader) -> None:
        """Take on the remarks another reader made (one used to probe values that might be replaced)."""
        for remark in other.remarks:
            self._keep(remark)

    def _remark(self, name: str, message: str, source: ExtractedField | None) -> None:
        self._keep(make_finding(FindingCode.UNREADABLE_FIELD, name, message,
                                found=source.value if source is not None else None, sources=[source]))

    def _keep(self, remark: Finding) -> None:
        if all((r.field, r.message) != (remark.field, remark.message) for r in self.remarks):
            self.remarks.append(remark)


def as_date(field: ExtractedField | None) -> datetime.date | None:
    """'YYYY-MM-DD' as a date; a month-only 'YYYY-MM' as that month's first day."""
    if field is None:
        return None
    match = _DATE.match(str(field.value).strip())
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def is_month_only(field: ExtractedField) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}", str(field.value).strip()) is not None


def as_number(field: ExtractedField | None) -> float | None:
    if field is None:
        return None
    value = field.value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return None


def show_money(value: float) -> str:
    return f"{value:,.2f}元"
