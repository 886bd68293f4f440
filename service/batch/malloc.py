"""glibc's allocator as image work needs it, whatever environment the worker was started in.

Dask's nanny starts every worker with MALLOC_TRIM_THRESHOLD_=65536 (distributed.yaml,
nanny.pre-spawn-environ). Setting any malloc threshold switches off glibc's dynamic mmap
threshold, so every page image (megabytes) is mmap'd on allocation and unmapped on free, and the
page faults of touching fresh memory made a Dask worker spend 2.5× the CPU per page of a local
one (docs/benchmarks.md). Fixed thresholds above a page image's size restore heap reuse; memory
above the trim threshold is still returned to the system.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024   # glibc's largest allowed value; a 300 DPI A4 page is ~26 MB
TRIM_THRESHOLD = 128 * 1024 * 1024

_done = False


def restore_heap_reuse() -> bool:
    """Raise the thresholds when the environment lowered them; True when it did so."""
    global _done
    if _done or not sys.platform.startswith("linux") or "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        ok = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): nothing to undo
        return False
    _done = ok
    return ok
