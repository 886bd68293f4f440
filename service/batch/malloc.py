"""glibc's allocator as image work needs it, whatever environment the worker was started in.

Dask's nanny starts every worker with MALLOC_TRIM_THRESHOLD_=65536 (distributed.yaml,
nanny.pre-spawn-environ). Setting any malloc threshold switches off glibc's dynamic mmap
threshold, so every page image (megabytes) is mmap'd on allocation and unmapped on free, and the
page faults of touching fresh memory made a Dask worker spend 2.5× the CPU per page of a local
one (docs/benchmarks.md). Fixed thresholds above a page image's size restore heap reuse; memory
above the trim threshold is still returned to the system. Between submissions every long-lived
worker (batch or service) gives its freed heap back (`give_back_free_memory`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024   # glibc's largest allowed value; a 300 DPI A4 page is ~26 MB
TRIM_THRESHOLD = 128 * 1024 * 1024

_done = False


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library, looked up once (find_library runs ldconfig)."""
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name is not None else None
    except OSError:
        return None


def restore_heap_reuse() -> bool:
    """Raise the thresholds when the environment lowered them; True when it did so."""
    global _done
    if _done or "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    libc = _libc()
    if libc is None:
        return False
    try:
        ok = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except AttributeError:  # not glibc (musl has no mallopt): nothing to undo
        return False
    _done = ok
    return ok


def give_back_free_memory() -> bool:
    """Hand the heap a finished submission freed back to the system; True when glibc did so.

    glibc keeps freed memory inside the heap for reuse: between submissions a worker held 100-170
    MiB it no longer used, on top of which the next submission's peak came (ten submissions in one
    process peaked at 922 MiB, 885 MiB when trimmed after each; 2026-12-06).
    """
    libc = _libc()
    if libc is None:
        return False
    try:
        return bool(libc.malloc_trim(0))
    except AttributeError:  # not glibc
        return False
