"""A worker process: claim a job, keep its lease alive, run the pipeline, store the report.

Started by `packetcheck serve` (`python -m service.worker`); settings come from the same
PACKETCHECK_* environment. Killing it at any moment loses nothing: the job's lease runs out and
the next worker takes the job again.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import traceback
from types import FrameType

from sqlalchemy.exc import SQLAlchemyError

from extractor.errors import InputError
from schemas import Report
from service import jobs
from service.audit import record
from service.batch.malloc import give_back_free_memory
from service.context import ServiceContext
from service.db import transaction
from service.jobs import ClaimedJob
from service.models import JobStatus, Submission
from service.processing import run_pipeline, store_report, warm_page_images
from service.settings import ServiceSettings

log = logging.getLogger("packetcheck.worker")


class Worker:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}"
        self.stopping = threading.Event()
        self.parent_pid = os.getppid()

    def parent_alive(self) -> bool:
        """A worker whose `serve` is gone stops between jobs instead of living on unwatched."""
        return os.getppid() == self.parent_pid

    def run_forever(self) -> None:
        settings = self.ctx.settings
        while not self.stopping.is_set() and self.parent_alive():
            try:
                job = jobs.claim(
                    self.ctx.sessions, self.worker_id, settings.job_lease_seconds, settings.job_max_attempts
                )
            except SQLAlchemyError as error:  # the database is away for a moment: try again later
                log.warning("cannot claim a job: %s", error)
                job = None
            if job is None:
                self.stopping.wait(settings.job_poll_seconds)
                continue
            self.run_one(job)

    def run_one(self, job: ClaimedJob) -> None:
        log.info("job %s (submission %s) attempt %s", job.job_id, job.submission_id, job.attempt)
        lease_lost = threading.Event()
        done = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(job, done, lease_lost), daemon=True)
        beat.start()
        try:
            report = run_pipeline(self.ctx, job.submission_id)
        except InputError as error:  # the input itself is unusable: retrying cannot help
            self._end(job, JobStatus.FAILED, str(error))
        except Exception as error:  # noqa: BLE001 - any crash of the pipeline becomes the job's reason
            log.error("job %s failed: %s", job.job_id, traceback.format_exc())
            retry = job.attempt < self.ctx.settings.job_max_attempts
            self._end(
                job, JobStatus.QUEUED if retry else JobStatus.FAILED, f"{type(error).__name__}: {error}"
            )
        else:
            if not lease_lost.is_set() and self._complete(job, report):
                warm_page_images(self.ctx, job.submission_id, report)
        finally:
            done.set()
            beat.join()
            give_back_free_memory()  # a worker lives for many jobs: their freed heap goes back

    def _heartbeat(self, job: ClaimedJob, done: threading.Event, lease_lost: threading.Event) -> None:
        settings = self.ctx.settings
        while not done.wait(settings.job_heartbeat_seconds):
            if not jobs.renew_lease(self.ctx.sessions, job, self.worker_id, settings.job_lease_seconds):
                lease_lost.set()
                return

    def _complete(self, job: ClaimedJob, report: Report) -> bool:
        with transaction(self.ctx.sessions) as session:
            row = jobs.owned_job(session, job, self.worker_id)
            submission = session.get(Submission, job.submission_id)
            if row is None or submission is None:
                log.warning(
                    "job %s: lease lost before the report was stored; another worker has it", job.job_id
                )
                return False
            store_report(session, submission, report)
            jobs.finish(session, row, JobStatus.DONE)
            record(session, None, "processed", submission.id, {"job": job.job_id, "attempt": job.attempt})
        return True

    def _end(self, job: ClaimedJob, status: JobStatus, reason: str) -> None:
        with transaction(self.ctx.sessions) as session:
            row = jobs.owned_job(session, job, self.worker_id)
            if row is None:
                return
            if status is JobStatus.QUEUED:
                jobs.release_for_retry(session, row, reason[:2000])
            else:
                jobs.finish(session, row, JobStatus.FAILED, reason[:2000])
                record(session, None, "processing_failed", job.submission_id, {"reason": reason[:500]})


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(process)d %(levelname)s %(message)s")
    ctx = ServiceContext.open(ServiceSettings())
    worker = Worker(ctx)

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        worker.stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        worker.run_forever()
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
