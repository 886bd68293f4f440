"""Where tasks run: a local process pool, or an existing Dask distributed scheduler.

Both yield TaskOutcomes as submissions finish, in completion order, holding no more than the
in-flight reports; page images never leave the worker that rendered them.
"""

from __future__ import annotations

import uuid

from collections import deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from service.batch.task import SubmissionTask, TaskOutcome, run_task

# A fresh worker process after this many submissions returns whatever memory the OCR engines
# and image libraries kept, so a long batch stays as small as its first hour. A new process costs
# about 2 CPU s (imports, compiling the models, their first input shapes); one process's peak
# stayed at 921 MiB from its 7th to its 16th submission and at 955 MiB over 30 (2026-12-06).
MAX_TASKS_PER_CHILD = 24
# A submission whose worker process died is retried alone this often before it is an error entry.
ISOLATED_ATTEMPTS = 2
CLUSTER_CONNECT_TIMEOUT = "20s"


def _crashed(task: SubmissionTask, message: str) -> TaskOutcome:
    return TaskOutcome(name=task.name, ok=False, error_type="WorkerDied", message=message)


def _pool(workers: int) -> ProcessPoolExecutor:
    # max_tasks_per_child makes the pool use 'spawn': workers start clean, without a copy of
    # whatever the coordinating process holds
    return ProcessPoolExecutor(max_workers=workers, max_tasks_per_child=MAX_TASKS_PER_CHILD)


def _run_pool(queue: deque[SubmissionTask], workers: int) -> Generator[TaskOutcome, None, list[SubmissionTask]]:
    """Run from `queue`, never more in flight than workers, so when a worker dies the suspects
    are the few tasks that were running, not the whole queue. Returns those suspects."""
    with _pool(workers) as pool:
        futures: dict[Future[TaskOutcome], SubmissionTask] = {}
        try:
            while queue or futures:
                while queue and len(futures) < workers:
                    task = queue.popleft()
                    try:
                        futures[pool.submit(run_task, task)] = task
                    except BrokenProcessPool:  # broke since the last wait; this one never ran
                        queue.appendleft(task)
                        if not futures:
                            return []  # an idle worker died: carry on with a fresh pool
                        break
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                    return (yield from _drain_broken(futures))
                for future in done:
                    futures.pop(future)
                    yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return []


def _drain_broken(futures: dict[Future[TaskOutcome], SubmissionTask]
                  ) -> Generator[TaskOutcome, None, list[SubmissionTask]]:
    """After a worker died: the finished tasks' outcomes, and the tasks that were running."""
    wait(futures)  # every in-flight future now ends, with a result or broken
    suspects = []
    for future, task in futures.items():
        if isinstance(future.exception(), BrokenProcessPool):
            suspects.append(task)
        else:
            yield future.result()
    return suspects


def _run_isolated(task: SubmissionTask) -> TaskOutcome:
    """One suspect alone in a fresh process: a death now is its own, not a neighbour's."""
    for _ in range(ISOLATED_ATTEMPTS):
        with _pool(1) as pool:
            try:
                return pool.submit(run_task, task).result()
            except BrokenProcessPool:
                continue
    return _crashed(task, f"its worker process died {ISOLATED_ATTEMPTS} times running it alone "
                          "(out of memory? a crash in a native library?)")


def run_local(tasks: Sequence[SubmissionTask], workers: int) -> Iterator[TaskOutcome]:
    queue = deque(tasks)
    while queue:
        suspects = yield from _run_pool(queue, workers)
        for task in suspects:
            yield _run_isolated(task)


def run_dask(tasks: Sequence[SubmissionTask], address: str) -> Iterator[TaskOutcome]:
    """The same run_task on a Dask cluster. Workers need this code installed and the archive,
    OUT_DIR and OCR cache at the same paths (a shared file system)."""
    from distributed import Client, as_completed

    with Client(address, timeout=CLUSTER_CONNECT_TIMEOUT) as client:
        futures = {
            client.submit(run_task, task, key=f"packetcheck-{task.name}-{uuid.uuid4().hex[:8]}",
                          pure=False, retries=ISOLATED_ATTEMPTS): task
            for task in tasks
        }
        try:
            for future in as_completed(futures):
                task = futures.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 — e.g. KilledWorker: the task killed workers
                    outcome = _crashed(task, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
                future.release()
                yield outcome
        except BaseException:
            client.cancel(list(futures))
            raise
