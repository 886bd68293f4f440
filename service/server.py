"""`packetcheck serve`: migrate the database, start the worker processes, run uvicorn.

Workers are separate processes (`python -m service.worker`) watched by a supervisor thread that
restarts any that die; their jobs are safe in the database whatever happens to them.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading

import uvicorn

from service.app import create_app
from service.context import ServiceContext
from service.db import migrate
from service.settings import ServiceSettings

log = logging.getLogger("packetcheck.serve")


def _die_with_parent() -> None:
    """Runs in the worker before exec: Linux sends it SIGTERM when `serve` dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass  # not Linux: the worker notices its parent is gone by itself (Worker.parent_alive)


PR_SET_PDEATHSIG = 1


class WorkerSupervisor:
    def __init__(self, count: int, restart_delay: float = 1.0) -> None:
        self.count = count
        self.restart_delay = restart_delay
        self.processes: list[subprocess.Popen[bytes]] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # no respawn can slip in between stop() and the kills
        self._thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> None:
        self.processes = [self._spawn() for _ in range(self.count)]
        self._thread.start()

    def _spawn(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.worker"], env=os.environ.copy(), preexec_fn=_die_with_parent
        )
        log.info("worker process %s started", process.pid)
        return process

    def _watch(self) -> None:
        while not self._stopping.wait(self.restart_delay):
            with self._lock:
                for slot, process in enumerate(self.processes):
                    if process.poll() is not None and not self._stopping.is_set():
                        log.warning(
                            "worker %s exited with %s; starting another", process.pid, process.returncode
                        )
                        self.processes[slot] = self._spawn()

    def stop(self, timeout: float = 10.0) -> None:
        with self._lock:
            self._stopping.set()
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()  # its job's lease runs out and another worker redoes it
                process.wait()


def serve(settings: ServiceSettings, host: str, port: int) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    migrate(settings.resolved_database_url)
    ctx = ServiceContext.open(settings)
    supervisor = WorkerSupervisor(settings.workers)
    supervisor.start()
    app = create_app(ctx)
    # uvicorn re-raises SIGTERM/SIGINT once it has shut down, so a `finally` below may never run:
    # stop the workers during the shutdown itself.
    app.router.on_shutdown.append(supervisor.stop)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
    finally:
        supervisor.stop()
        ctx.close()
    return 0
