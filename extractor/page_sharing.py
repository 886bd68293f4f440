"""One binder's pages read by several processes at once, each page exactly once.

A batch ends with one worker reading the last submission while the others have nothing left to
do. The idle ones then help it (service/batch): the binder's own process claims its pages from
the first on, each helper from the last one back, and whoever claims a page reads it and hands
the result over in a shared folder. The claims are files created exclusively, so two processes
never read the same page, whichever host they run on (the folder lies in OUT_DIR).

The folder (`AnalyzeOptions.page_share_dir`) is created and removed by whoever dispatches the
work, never by a reader: a helper that comes too late finds it gone and stops. Pages are handed
over as pickles, so the folder is trusted as OUT_DIR itself is (the batch's own, locked while
it runs).
"""

from __future__ import annotations

import os
import pickle
import socket
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from extractor.ingest import PageHandle
from extractor.page_images import ImageFolder
from extractor.pages import ReadPage

PageResult = tuple[ReadPage, str | None]

POLL_SECONDS = 0.02
# A page a helper claimed and has not handed over after this long is read by the binder's own
# process (a helper on another host may have died unseen); a page takes seconds, not minutes.
CLAIM_PATIENCE_SECONDS = 300.0


OWNER, HELPER = "owner", "helper"


class SharedPages:
    """The claims, results and page images of one binder's shared reading, as seen by its owner
    (the process analysing the binder) or by a helper."""

    def __init__(self, directory: Path, role: str = OWNER) -> None:
        self.directory = directory
        self.images = ImageFolder(directory)
        self.signature = f"{role}:{socket.gethostname()}:{os.getpid()}"

    def exists(self) -> bool:
        return self.directory.is_dir()

    def claim(self, index: int) -> bool:
        """True when this process may read page `index`: no one claimed it before.
        Raises FileNotFoundError when the folder is gone (the binder is finished)."""
        try:
            descriptor = os.open(self._claim_path(index), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(descriptor, "w") as handle:
            handle.write(self.signature)
        return True

    def hand_over(self, index: int, result: PageResult) -> None:
        """Publish a page read here (its images already kept in this folder), atomically."""
        with tempfile.NamedTemporaryFile(dir=self.directory, suffix=".tmp", delete=False) as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, self._result_path(index))

    def give_up(self, index: int) -> None:
        """A claimed page this process could not read: its owner reads it itself."""
        self._failed_path(index).touch()

    def wait_for(self, index: int, patience: float = CLAIM_PATIENCE_SECONDS) -> PageResult | None:
        """The page another process claimed, once handed over; None when that process gave it up,
        died or took longer than `patience` (the caller then reads it itself)."""
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            try:
                with self._result_path(index).open("rb") as handle:
                    result: PageResult = pickle.load(handle)
                return result
            except FileNotFoundError:
                pass
            if self._failed_path(index).exists() or self._abandoned(index):
                return None
            time.sleep(POLL_SECONDS)
        return None

    def _abandoned(self, index: int) -> bool:
        """Claimed by an earlier run of the owner (its worker died, the cluster ran it again), by a
        process of this host that is gone, or the folder itself is gone."""
        try:
            role, whom = self._claim_path(index).read_text().split(":", 1)
            host, pid = whom.rsplit(":", 1)
        except FileNotFoundError:
            return not self.exists()  # the folder went: whoever dispatched the work gave it up
        except (OSError, ValueError):
            return False  # being written this instant
        if role == OWNER:
            return True
        if host != socket.gethostname():
            return False  # a helper on another machine: only the patience limit tells
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except (PermissionError, ValueError):
            return False
        return False

    def _claim_path(self, index: int) -> Path:
        return self.directory / f"claim-{index}"

    def _result_path(self, index: int) -> Path:
        return self.directory / f"page-{index}.pickle"

    def _failed_path(self, index: int) -> Path:
        return self.directory / f"failed-{index}"


ReadOne = Callable[[PageHandle, ImageFolder | None], PageResult]


def read_own_pages(handles: Sequence[PageHandle], directory: Path, read: ReadOne,
                   images: ImageFolder | None) -> list[PageResult]:
    """The binder's own process: every page it can claim, front to back; then the helpers' pages,
    reading any that a helper gave up or left unfinished."""
    shared = SharedPages(directory, OWNER)
    results: dict[int, PageResult] = {}
    theirs: list[int] = []
    for index, handle in enumerate(handles):
        if _mine(shared, index):
            results[index] = read(handle, images)
        else:
            theirs.append(index)
    for index in theirs:
        handed = shared.wait_for(index)
        results[index] = handed if handed is not None else read(handles[index], images)
    return [results[index] for index in range(len(handles))]


def _mine(shared: SharedPages, index: int) -> bool:
    try:
        return shared.claim(index)
    except FileNotFoundError:
        return True  # no folder, no helpers: the binder is read alone


def help_read_pages(handles: Sequence[PageHandle], directory: Path, read: ReadOne) -> int:
    """A helper: every page it can claim, back to front, handed over; the number it read.
    Stops quietly when the binder is finished and its folder gone."""
    shared = SharedPages(directory, HELPER)
    done = 0
    for index in reversed(range(len(handles))):
        try:
            if not shared.claim(index):
                continue
        except FileNotFoundError:
            return done
        try:
            result = read(handles[index], shared.images)
            shared.hand_over(index, result)
        except FileNotFoundError:
            return done  # the folder went while the page was read
        except Exception:
            try:
                shared.give_up(index)  # the owner reads it and meets the same error itself
            except OSError:
                pass
            raise
        done += 1
    return done
