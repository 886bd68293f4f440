"""duplicate_across_submissions in the service: a new report against its district's others.

Uses the checks' own `cross_submission_findings` on stored reports. Only the same district is
compared, because a finding names the other submission and an officer must never learn the
names of another district's submissions. New findings are appended to both reports, so the
indices that reviewers' decisions point at never move.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from schemas import Finding, Report, Severity
from service.models import JobStatus, StoredReport, Submission

log = logging.getLogger(__name__)
MAX_COMPARED = 500


def _finding_key(finding: Finding) -> str:
    return json.dumps(finding.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def add_duplicate_findings(session: Session, submission: Submission, report: Report) -> Report:
    """Returns `report` with this submission's duplicate findings; updates the other reports."""
    try:
        from extractor.checks.cross_submission import cross_submission_findings
    except ImportError:
        return report
    others = session.execute(
        select(Submission, StoredReport)
        .join(StoredReport, StoredReport.submission_id == Submission.id)
        .where(
            Submission.district == submission.district,
            Submission.id != submission.id,
            Submission.status == JobStatus.DONE.value,
            # the same files handed in again are a re-submission, not a reuse of documents
            Submission.content_hash != submission.content_hash,
        )
        .order_by(Submission.created_at.desc())
        .limit(MAX_COMPARED)
    ).all()
    if not others:
        return report
    names: dict[str, tuple[Submission, StoredReport | None]] = {_name(submission, set()): (submission, None)}
    reports: dict[str, Report] = {next(iter(names)): report}
    for other, stored in others:
        name = _name(other, set(names))
        names[name] = (other, stored)
        reports[name] = Report.model_validate(json.loads(stored.report_json))
    found = cross_submission_findings(reports)
    result = report
    for name, findings in found.items():
        if not findings:
            continue
        owner, stored = names[name]
        current = reports[name]
        seen = {_finding_key(f) for f in current.findings}
        fresh = [f for f in findings if _finding_key(f) not in seen]
        if not fresh:
            continue
        updated = current.model_copy(update={"findings": [*current.findings, *fresh]})
        if stored is None:
            result = updated
        else:
            stored.report_json = updated.model_dump_json()
            owner.error_count = updated.count(Severity.ERROR)
            owner.warning_count = updated.count(Severity.WARNING)
            log.info("submission %s: %d duplicate findings added", owner.id, len(fresh))
    return result


def _name(submission: Submission, taken: set[str]) -> str:
    """What the other submission is called in a finding's message: its label, made unique."""
    name = submission.label
    return name if name not in taken else f"{name}（{submission.id[:8]}）"
