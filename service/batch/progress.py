"""What a person sees: a live bar while the batch runs, a table of outcomes at the end.

The bar shows submissions done of the total, pages done, pages per second and the time left;
it is drawn only on a terminal, so logs and CI output hold just the final table.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import StrEnum
from types import TracebackType

from pydantic import BaseModel
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table


class OutcomeStatus(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"  # current report from an earlier run
    FAILED = "failed"


class OutcomeRow(BaseModel):
    name: str
    status: OutcomeStatus
    pages: int = 0
    seconds: float = 0.0
    errors: int = 0
    warnings: int = 0
    message: str = ""
    worker: str = ""  # host:pid that ran it


class BatchProgress:
    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.pages = 0
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._task_id = None
        if console.is_terminal:
            self._progress = Progress(
                TextColumn("[bold]submissions"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[pages]} pages · {task.fields[rate]} pages/s"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=console, transient=False,
            )
            self._task_id = self._progress.add_task("batch", total=total, pages=0, rate="–")

    def __enter__(self) -> BatchProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, pages: int) -> None:
        self.pages += pages
        if self._progress is None or self._task_id is None:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self._progress.update(self._task_id, advance=1, pages=self.pages, rate=f"{self.pages / elapsed:.2f}")

    def log(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text)


def outcome_table(rows: Sequence[OutcomeRow], elapsed: float) -> Table:
    done = sum(row.status is OutcomeStatus.DONE for row in rows)
    skipped = sum(row.status is OutcomeStatus.SKIPPED for row in rows)
    failed = sum(row.status is OutcomeStatus.FAILED for row in rows)
    pages = sum(row.pages for row in rows if row.status is OutcomeStatus.DONE)
    rate = pages / elapsed if elapsed > 0 else 0.0
    table = Table(title=f"batch: {done} done, {skipped} skipped (current), {failed} failed · "
                        f"{pages} pages in {elapsed:.1f} s ({rate:.2f} pages/s)")
    for header, justify in (("submission", "left"), ("status", "left"), ("pages", "right"),
                            ("seconds", "right"), ("errors", "right"), ("warnings", "right"),
                            ("message", "left")):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    style = {OutcomeStatus.DONE: "green", OutcomeStatus.SKIPPED: "dim", OutcomeStatus.FAILED: "bold red"}
    for row in rows:
        table.add_row(row.name, f"[{style[row.status]}]{row.status}[/]", str(row.pages),
                      f"{row.seconds:.1f}", str(row.errors), str(row.warnings), row.message)
    return table
