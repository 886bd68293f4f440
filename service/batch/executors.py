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
from typing import Any

from service.batch.safezip import remove_tree
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
    return TaskOutcome(name=task.name, ok=False, error_type="WorkerDied", message=message, helper=task.helper)


def _pool(workers: int) -> ProcessPoolExecutor:
    # max_tasks_per_child makes the pool use 'spawn': workers start clean, without a copy of
    # whatever the coordinating process holds
    return ProcessPoolExecutor(max_workers=workers, max_tasks_per_child=MAX_TASKS_PER_CHILD)


def _run_pool(queue: deque[SubmissionTask], workers: int) -> Generator[TaskOutcome, None, list[SubmissionTask]]:
    """Run from `queue`, never more in flight than workers, so when a worker dies the suspects
    are the few tasks that were running, not the whole queue. Returns those suspects.

    Once the queue is empty, an idle worker helps read the pages of a submission still running
    (extractor/page_sharing) instead of waiting for the batch's last binder."""
    with _pool(workers) as pool:
        futures: dict[Future[TaskOutcome], SubmissionTask] = {}
        helping = _Helping()
        try:
            while queue or futures:
                while queue and len(futures) < workers:
                    task = helping.started(queue.popleft())
                    try:
                        futures[pool.submit(run_task, task)] = task
                    except BrokenProcessPool:  # broke since the last wait; this one never ran
                        helping.finished(task)
                        queue.appendleft(task)
                        if not futures:
                            return []  # an idle worker died: carry on with a fresh pool
                        break
                for helper in helping.helpers(0 if queue else workers - len(futures)):
                    try:
                        futures[pool.submit(run_task, helper)] = helper
                    except BrokenProcessPool:  # the next wait finds the broken tasks
                        break
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                    return (yield from _drain_broken(futures, helping))
                for future in done:
                    helping.finished(futures.pop(future))
                    yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            helping.close()
    return []


class _Helping:
    """The submissions in flight that share their pages, and which of them may use a helper.

    A submission gets helpers one at a time, fewest first, the latest started first (it has the
    most pages left); once one of its helpers has finished, every page was claimed and more help
    is of no use."""

    def __init__(self) -> None:
        # in the order started: the task and its helpers sent, None once one has finished
        self._running: dict[str, tuple[SubmissionTask, int | None]] = {}

    def started(self, task: SubmissionTask) -> SubmissionTask:
        """The task as it runs: with its shared-page folder made, or alone when it cannot be."""
        share = task.options.page_share_dir
        if share is None:
            return task
        remove_tree(share)  # a folder left by a killed run must not hand over stale pages
        try:
            share.mkdir(parents=True)
        except OSError:
            return task.alone()
        self._running[task.name] = (task, 0)
        return task

    def helpers(self, idle: int) -> Iterator[SubmissionTask]:
        """Up to `idle` helper tasks for the submissions running."""
        for _ in range(idle):
            open_to_help = [(sent, name) for name, (_, sent) in reversed(self._running.items()) if sent is not None]
            if not open_to_help:
                return
            sent, name = min(open_to_help, key=lambda item: item[0])
            task = self._running[name][0]
            self._running[name] = (task, sent + 1)
            yield task.as_helper()

    def finished(self, task: SubmissionTask) -> None:
        if task.helper:
            if task.name in self._running:  # it claimed what was left: no more helpers
                self._running[task.name] = (self._running[task.name][0], None)
            return
        self._running.pop(task.name, None)
        if task.options.page_share_dir is not None:
            remove_tree(task.options.page_share_dir)

    def close(self) -> None:
        for task, _ in list(self._running.values()):
            self.finished(task)


def _drain_broken(futures: dict[Future[TaskOutcome], SubmissionTask], helping: _Helping
                  ) -> Generator[TaskOutcome, None, list[SubmissionTask]]:
    """After a worker died: the finished tasks' outcomes, and the submissions that were running
    (a helper that died is not retried: its submission's own worker reads the pages it left)."""
    wait(futures)  # every in-flight future now ends, with a result or broken
    suspects = []
    for future, task in futures.items():
        helping.finished(task)
        if isinstance(future.exception(), BrokenProcessPool):
            if not task.helper:
                suspects.append(task.alone())
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
    OUT_DIR and OCR cache at the same paths (a shared file system). Every submission is handed
    to the scheduler at once; once fewer are left than the cluster has threads, the idle ones
    help read their pages, as local workers do."""
    from distributed import Client, as_completed

    with Client(address, timeout=CLUSTER_CONNECT_TIMEOUT) as client:
        helping = _Helping()
        futures = {}
        for task in map(helping.started, tasks):
            futures[_submit(client, task, retries=ISOLATED_ATTEMPTS)] = task
        finished = as_completed(futures)
        try:
            for future in finished:
                task = futures.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 — e.g. KilledWorker: the task killed workers
                    outcome = _crashed(task, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
                helping.finished(task)
                future.release()
                yield outcome
                idle = sum(client.nthreads().values()) - len(futures)
                for helper in helping.helpers(idle):
                    helper_future = _submit(client, helper, retries=0)
                    futures[helper_future] = helper
                    finished.add(helper_future)
        except BaseException:
            client.cancel(list(futures))
            raise
        finally:
            helping.close()


def _submit(client: Any, task: SubmissionTask, retries: int) -> Any:
    role = "help-" if task.helper else ""
    return client.submit(run_task, task, key=f"packetcheck-{role}{task.name}-{uuid.uuid4().hex[:8]}",
                         pure=False, retries=retries)
