"""A real Dask cluster on 127.0.0.1 — one `dask scheduler` and N `dask worker` processes — for
the cluster test, the benchmark, and trying `--cluster` on one machine before a real cluster."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _dask_command() -> list[str]:
    # the `dask` entry point of the running interpreter's environment, not whatever is on PATH
    return [str(Path(sys.executable).with_name("dask"))]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):  # workers first, the scheduler last
        if process.poll() is None:
            process.terminate()
    for process in reversed(processes):
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def loopback_cluster(workers: int = 2, env: Mapping[str, str] | None = None,
                     log_dir: Path | None = None, timeout: float = 90) -> Iterator[str]:
    """Start the cluster, wait until all workers joined, yield the scheduler address, stop it."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    environment = {**os.environ, **(env or {})}
    processes: list[subprocess.Popen[bytes]] = []

    def start(role: str, arguments: list[str]) -> None:
        log = subprocess.DEVNULL if log_dir is None else (log_dir / f"{role}.log").open("wb")
        processes.append(subprocess.Popen([*_dask_command(), *arguments], env=environment,
                                          stdout=log, stderr=subprocess.STDOUT))

    try:
        start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"])
        for number in range(workers):
            start(f"worker-{number}", ["worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                       "--nworkers", "1", "--no-dashboard", "--name", f"loopback-{number}"])
        with Client(address, timeout=f"{int(timeout)}s") as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield address
    finally:
        _stop(processes)
