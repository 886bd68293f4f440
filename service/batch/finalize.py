"""After the submissions: cross-submission findings over ALL reports of OUT_DIR, then 汇总表.

Duplicates are a property of the whole archive, so they are recomputed from every stored report
on every run (a resumed batch included) and replace whatever an earlier run merged in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path

from schemas import CheckRun, CheckStatus, Finding, FindingCode, Report
from service.batch.store import SubmissionStore, dump_report
from service.summary import SummaryRow, failed_row, summary_row, write_summary_xlsx

CROSS_MODULE = "extractor.checks.cross_submission"
CROSS_CHECK_NAME = "cross_submission"
SUMMARY_NAME = "summary.xlsx"
REVIEW_STATUS_PENDING = "待审核"

CrossFinder = Callable[[Mapping[str, Report]], dict[str, list[Finding]]]


def load_cross_finder() -> tuple[CrossFinder | None, str]:
    """The checker, or None and why not (the reports then record the check as skipped)."""
    try:
        module = importlib.import_module(CROSS_MODULE)
    except ImportError as exc:
        return None, f"{CROSS_MODULE} cannot be imported ({' '.join(str(exc).split())[:200]})"
    finder: CrossFinder = module.cross_submission_findings
    return finder, ""


def merge_cross_findings(report: Report, findings: list[Finding], compared: int) -> Report:
    """The report with earlier duplicate findings and check records replaced by this run's."""
    code = FindingCode.DUPLICATE_ACROSS_SUBMISSIONS
    kept = [finding for finding in report.findings if finding.code is not code]
    checks = [check for check in report.checks if check.code is not code]
    checks.append(CheckRun(check=CROSS_CHECK_NAME, code=code, status=CheckStatus.RAN,
                           detail=f"compared with {compared} other submissions of the batch"))
    return report.model_copy(update={"findings": kept + findings, "checks": checks})


def apply_cross_findings(store: SubmissionStore, reports: dict[str, Report],
                         finder: CrossFinder | None, unavailable: str = "") -> int:
    """Merge into every stored report, rewriting only those that change; returns the number of
    duplicate findings. Without the checker the reports say the check was skipped, not clean."""
    code = FindingCode.DUPLICATE_ACROSS_SUBMISSIONS
    found = finder(reports) if finder is not None else {}
    total = 0
    for name, report in reports.items():
        if finder is None:
            updated = report.model_copy(update={"checks": [
                *(check for check in report.checks if check.code is not code),
                CheckRun(check=CROSS_CHECK_NAME, code=code, status=CheckStatus.SKIPPED,
                         detail=unavailable or f"{CROSS_MODULE} is not available"),
            ]})
        else:
            updated = merge_cross_findings(report, found.get(name, []), len(reports) - 1)
        total += sum(finding.code is code for finding in updated.findings)
        if dump_report(updated) != dump_report(report):
            store.rewrite_report(updated)
            reports[name] = updated
    return total


def write_summary(store: SubmissionStore, reports: Mapping[str, Report], path: Path | None = None) -> Path:
    rows: list[SummaryRow] = []
    for name in store.names():
        report = reports.get(name)
        if report is not None:
            rows.append(summary_row(report, district=None, status=REVIEW_STATUS_PENDING))
        else:
            rows.append(failed_row(name))
    return write_summary_xlsx(rows, path or store.out_dir / SUMMARY_NAME)


def load_reports(store: SubmissionStore) -> dict[str, Report]:
    reports: dict[str, Report] = {}
    for name in store.names():
        report = store.read_report(name)
        if report is not None:
            reports[name] = report
    return reports
