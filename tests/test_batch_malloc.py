"""A Dask worker's allocator settings are put back to what image work needs (service/batch/malloc.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = "from service.batch.malloc import restore_heap_reuse as r; print(r(), r())"


def _probe(env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return result.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc mallopt")
def test_thresholds_are_raised_once_when_the_environment_lowered_them() -> None:
    base = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    assert _probe({**base, "MALLOC_TRIM_THRESHOLD_": "65536"}) == "True False"  # done once, then no-op
    assert _probe(base) == "False False"  # a plain process keeps glibc's dynamic thresholds


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc_trim")
def test_freed_heap_goes_back_to_the_system() -> None:
    probe = ("import numpy as np\n"
             "from service.batch.malloc import give_back_free_memory\n"
             "def rss():\n"
             "    return int(open('/proc/self/statm').read().split()[1])\n"
             "held = [np.ones(1024, dtype=np.uint8) for _ in range(200_000)]  # small blocks: heap, not mmap\n"
             "keep = held[::1000]; del held\n"
             "before = rss(); trimmed = give_back_free_memory(); after = rss()\n"
             "print(trimmed, before - after > 10_000)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert result.stdout.split() == ["True", "True"]  # over 40 MB given back


def test_a_batch_worker_keeps_opencv_to_its_cores() -> None:
    probe = ("import cv2\n"
             "from service.batch.task import keep_to_cores\n"
             "cv2.setNumThreads(4); keep_to_cores(1); print(cv2.getNumThreads())\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert result.stdout.split()[-1] == "1"
