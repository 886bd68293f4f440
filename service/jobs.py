"""The job queue, kept in the database so that nothing is lost when a process dies.

A worker claims a job by taking a lease (owner + expiry) in one conditional UPDATE, which is
atomic on SQLite and PostgreSQL alike; it renews the lease while it works. A job whose lease
ran out — its worker was SIGKILLed, the machine restarted — is claimable again, until it has
been tried `max_attempts` times; then it fails with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from service.db import transaction
from service.models import Job, JobStatus, Submission, utcnow


@dataclass(frozen=True)
class ClaimedJob:
    job_id: int
    submission_id: str
    attempt: int


def enqueue(session: Session, submission_id: str) -> Job:
    job = Job(submission_id=submission_id, status=JobStatus.QUEUED.value)
    session.add(job)
    return job


def _claimable(now: dt.datetime) -> ColumnElement[bool]:
    return or_(
        Job.status == JobStatus.QUEUED.value,
        and_(Job.status == JobStatus.RUNNING.value, Job.lease_expires_at < now),
    )


def fail_exhausted(factory: sessionmaker[Session], max_attempts: int) -> int:
    """Jobs whose last worker died on their final attempt: failed, with the reason."""
    now = utcnow()
    with transaction(factory) as session:
        exhausted = session.scalars(
            select(Job).where(
                Job.status == JobStatus.RUNNING.value,
                Job.lease_expires_at < now,
                Job.attempts >= max_attempts,
            )
        ).all()
        for job in exhausted:
            _finish(
                session, job, JobStatus.FAILED, f"the worker stopped during each of {job.attempts} attempts"
            )
        return len(exhausted)


def claim(
    factory: sessionmaker[Session], worker_id: str, lease_seconds: float, max_attempts: int
) -> ClaimedJob | None:
    fail_exhausted(factory, max_attempts)
    now = utcnow()
    with transaction(factory) as session:
        candidates = session.scalars(
            select(Job.id).where(_claimable(now), Job.attempts < max_attempts).order_by(Job.id).limit(5)
        ).all()
        for job_id in candidates:
            taken = session.execute(
                update(Job)
                .where(Job.id == job_id, _claimable(now))
                .values(
                    status=JobStatus.RUNNING.value,
                    lease_owner=worker_id,
                    lease_expires_at=now + dt.timedelta(seconds=lease_seconds),
                    attempts=Job.attempts + 1,
                    started_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount == 1:
                job = session.get(Job, job_id, populate_existing=True)
                assert job is not None
                _set_submission_status(session, job.submission_id, JobStatus.RUNNING)
                return ClaimedJob(job.id, job.submission_id, job.attempts)
    return None


def renew_lease(
    factory: sessionmaker[Session], job: ClaimedJob, worker_id: str, lease_seconds: float
) -> bool:
    """False when the lease was lost (taken over after expiry): the worker must drop the job."""
    with transaction(factory) as session:
        result = session.execute(
            update(Job)
            .where(Job.id == job.job_id, Job.lease_owner == worker_id, Job.status == JobStatus.RUNNING.value)
            .values(lease_expires_at=utcnow() + dt.timedelta(seconds=lease_seconds))
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1


def owned_job(session: Session, job: ClaimedJob, worker_id: str) -> Job | None:
    row = session.get(Job, job.job_id, populate_existing=True)
    if row is None or row.lease_owner != worker_id or row.status != JobStatus.RUNNING.value:
        return None
    return row


def finish(session: Session, job: Job, status: JobStatus, error: str | None = None) -> None:
    _finish(session, job, status, error)


def release_for_retry(session: Session, job: Job, error: str) -> None:
    """A transient failure: back to the queue, keeping the reason for whoever looks."""
    job.status = JobStatus.QUEUED.value
    job.lease_owner = None
    job.lease_expires_at = None
    job.error = error
    _set_submission_status(session, job.submission_id, JobStatus.QUEUED)


def _finish(session: Session, job: Job, status: JobStatus, error: str | None) -> None:
    job.status = status.value
    job.error = error
    job.lease_owner = None
    job.lease_expires_at = None
    job.finished_at = utcnow()
    _set_submission_status(session, job.submission_id, status)


def _set_submission_status(session: Session, submission_id: str, status: JobStatus) -> None:
    submission = session.get(Submission, submission_id)
    if submission is not None:
        submission.status = status.value


def latest_job(session: Session, submission_id: str) -> Job | None:
    return session.scalar(
        select(Job).where(Job.submission_id == submission_id).order_by(Job.id.desc()).limit(1)
    )
