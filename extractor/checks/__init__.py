"""Every finding code of SPEC.md as one rule table, run over one read submission.

    run_checks(ctx) -> (findings, one CheckRun per rule)

Rules live in theme modules and register themselves in `RULES` (registry.py) on import.
A rule that crashes becomes a skipped CheckRun naming the error: one broken rule must not
cost the reviewer the findings of all the others.
"""

from __future__ import annotations

from extractor.checks import (  # noqa: F401  (imported for their @rule registrations)
    call_rules,
    completeness,
    dates,
    form_vs_documents,
    image_forensics,
    premises,
    statements,
    validity,
)
from extractor.checks.context import CheckContext
from extractor.checks.registry import RULES, Outcome, Rule
from schemas.findings import CheckRun, CheckStatus, Finding
from schemas.vocab import FindingCode

__all__ = ["RULES", "CheckContext", "Rule", "run_checks"]


def _finding_key(finding: Finding) -> tuple[object, ...]:
    if finding.code is FindingCode.UNREADABLE_FIELD:
        # One remark per field and place, however many rules needed the value.
        return (finding.code, finding.field, tuple(finding.evidence) or finding.message)
    return (finding.code, finding.field, finding.message, tuple(finding.evidence))


def run_checks(ctx: CheckContext) -> tuple[list[Finding], list[CheckRun]]:
    findings: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    runs: list[CheckRun] = []
    for rule in RULES:
        try:
            outcome = rule.run(ctx)
        except Exception as exc:  # noqa: BLE001 — a failed rule is reported, not fatal
            outcome = Outcome(detail=f"rule failed: {type(exc).__name__}: {exc}", skipped=True)
        status = CheckStatus.SKIPPED if outcome.skipped else CheckStatus.RAN
        runs.append(CheckRun(check=rule.name, code=rule.code, status=status, detail=outcome.detail))
        for finding in outcome.findings:
            key = _finding_key(finding)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings, runs
