"""The audit trail: who did what to which submission, and when. Rows are only ever added."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.auth import Principal
from service.models import AuditEvent

SYSTEM_USER = "system"


def record(
    session: Session,
    who: Principal | None,
    action: str,
    submission_id: str | None,
    detail: Mapping[str, object] | None = None,
) -> None:
    session.add(
        AuditEvent(
            submission_id=submission_id,
            user_id=who.user_id if who else None,
            username=who.username if who else SYSTEM_USER,
            action=action,
            detail=json.dumps(dict(detail or {}), ensure_ascii=False, default=str),
        )
    )


def events_of(session: Session, submission_id: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.submission_id == submission_id).order_by(AuditEvent.id)
        )
    )
