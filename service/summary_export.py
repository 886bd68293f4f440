"""The district's 汇总表 from the stored reports, written by the batch's own writer (service.summary)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from schemas import Report
from service.auth import Principal
from service.districts import district_name
from service.models import JobStatus, ReviewStatus, StoredReport, Submission
from service.summary import SummaryRow, failed_row, summary_row, write_summary_xlsx

REVIEW_LABEL = {
    ReviewStatus.PENDING.value: "待审核",
    ReviewStatus.RECOMMENDED.value: "推荐",
    ReviewStatus.RETURNED.value: "退回",
}
JOB_LABEL = {
    JobStatus.QUEUED.value: "排队中",
    JobStatus.RUNNING.value: "处理中",
    JobStatus.FAILED.value: "处理失败",
}


def summary_rows(session: Session, principal: Principal, district: str | None) -> list[SummaryRow]:
    query = select(Submission).order_by(Submission.district, Submission.created_at, Submission.id)
    if not principal.city_wide:
        query = query.where(Submission.district == principal.district)
    if district is not None:
        query = query.where(Submission.district == district)
    rows: list[SummaryRow] = []
    for position, submission in enumerate(session.scalars(query), start=1):
        name = district_name(submission.district)
        stored = session.get(StoredReport, submission.id)
        if stored is None:
            rows.append(
                failed_row(
                    submission.entity_name or submission.label,
                    name,
                    JOB_LABEL.get(submission.status, submission.status),
                ).model_copy(update={"index": position})
            )
            continue
        report = Report.model_validate(json.loads(stored.report_json))
        rows.append(
            summary_row(
                report, name, REVIEW_LABEL.get(submission.review_status, submission.review_status), position
            )
        )
    return rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Text read from a scan must stay text in Excel: openpyxl writes '=...' as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _defused(row: SummaryRow) -> SummaryRow:
    texts = {name: defuse(value) for name, value in row if isinstance(value, str)}
    return row.model_copy(update=texts)


def summary_xlsx_bytes(rows: list[SummaryRow], title: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="summary-") as folder:
        path = write_summary_xlsx([_defused(row) for row in rows], Path(folder) / "summary.xlsx", title=title)
        return path.read_bytes()
