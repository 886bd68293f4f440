"""The one rule table: every rule is a small function registered here with its finding code.

A rule returns an `Outcome`: its findings (any `unreadable_field` remarks included) and a
detail for its CheckRun, or a skip with the reason, so "no finding" never means "not checked".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.checks.context import CheckContext
from schemas.findings import Finding
from schemas.vocab import FindingCode


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    detail: str = ""
    skipped: bool = False


def ran(findings: list[Finding] | None = None, detail: str = "") -> Outcome:
    return Outcome(findings=list(findings or []), detail=detail)


def skipped(reason: str, findings: list[Finding] | None = None) -> Outcome:
    """Could not check; `findings` may still carry unreadable_field remarks explaining why."""
    return Outcome(findings=list(findings or []), detail=reason, skipped=True)


RuleFunction = Callable[[CheckContext], Outcome]


@dataclass(frozen=True)
class Rule:
    name: str
    code: FindingCode
    run: RuleFunction


RULES: list[Rule] = []


def rule(name: str, code: FindingCode) -> Callable[[RuleFunction], RuleFunction]:
    """Register `function` as the rule `name`; a name registered twice is a programming error."""

    def register(function: RuleFunction) -> RuleFunction:
        if any(existing.name == name for existing in RULES):
            raise ValueError(f"rule {name!r} registered twice")
        RULES.append(Rule(name=name, code=code, run=function))
        return function

    return register
