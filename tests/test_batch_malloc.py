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
