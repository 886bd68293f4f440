"""Every finding code of SPEC.md as one rule table, run over one read submission.

    run_checks(ctx) -> (findings, one CheckRun per rule)

Rules live in theme modules and register themselves in `RULES` (registry.py) on import.
A rule that crashes becomes a skipped CheckRun naming the error: one broken rule must not
cost the reviewer the findings of all the others.
"""

from __future__ import annotations

# isort: off
# The second look's rule registers first: its remarks say why a value was not compared, and a
# rule's own "unreadable" remark on the same value and region is then dropped as a duplicate.
from extractor.checks import second_look  # noqa: F401  (imported for its @rule registration)
# isort: on
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

__all__ = ["RULES", "CheckContext", "Rule", "run_checks", "run_rule"]


def _finding_key(finding: Finding) -> tuple[object, ...]:
    if finding.code is FindingCode.UNREADABLE_FIELD:
        # One remark per field and place, however many rules needed the value.
        return (finding.code, finding.field, tuple(finding.evidence) or finding.message)
    return (finding.code, finding.field, finding.message, tuple(finding.evidence))


def run_rule(rule: Rule, ctx: CheckContext) -> tuple[list[Finding], CheckRun]:
    """One rule's findings and its CheckRun; a crash becomes a skipped run naming the error."""
    try:
        outcome = rule.run(ctx)
    except Exception as exc:  # noqa: BLE001 — a failed rule is reported, not fatal
        outcome = Outcome(detail=f"rule failed: {type(exc).__name__}: {exc}", skipped=True)
    status = CheckStatus.SKIPPED if outcome.skipped else CheckStatus.RAN
    return outcome.findings, CheckRun(check=rule.name, code=rule.code, status=status, detail=outcome.detail)


def run_checks(ctx: CheckContext) -> tuple[list[Finding], list[CheckRun]]:
    findings: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    runs: list[CheckRun] = []
    for rule in RULES:
        found, run = run_rule(rule, ctx)
        runs.append(run)
        for finding in found:
            key = _finding_key(finding)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings, runs
