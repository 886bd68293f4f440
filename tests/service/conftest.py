"""A real `packetcheck serve` in a subprocess on a free loopback port, with users and tokens.

The server runs the fake pipeline (service_fake_pipeline.py) unless a test asks for the real one.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FONT = next(
    (
        p
        for p in (
            Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        )
        if p.exists()
    ),
    None,
)
PASSWORD = "correct horse battery"
USERS = {  # username: (role, district)
    "admin": ("admin", None),
    "reviewer": ("reviewer", None),
    "tianhe": ("officer", "tianhe"),
    "haizhu": ("officer", "haizhu"),
}


def _die_with_test_run() -> None:
    """A test run killed before its teardown must not leave servers behind (Linux only)."""
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def service_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACKETCHECK_")}
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)]),
            "PACKETCHECK_DATA_DIR": str(data_dir),
            "PACKETCHECK_PIPELINE": "service_fake_pipeline:analyze",
            "PACKETCHECK_WORKERS": "1",
            "PACKETCHECK_JOB_LEASE_SECONDS": "3",
            "PACKETCHECK_JOB_HEARTBEAT_SECONDS": "0.5",
            "PACKETCHECK_JOB_POLL_SECONDS": "0.2",
            "PACKETCHECK_SECRET_KEY": "test-secret-" + "x" * 32,
            # Small limits so the hostile-input tests stay small and fast.
            "PACKETCHECK_MAX_FILE_BYTES": str(2 * 1024 * 1024),
            "PACKETCHECK_MAX_REQUEST_BYTES": str(6 * 1024 * 1024),
            "PACKETCHECK_MAX_PAGES": "40",
            "PACKETCHECK_MAX_IMAGE_PIXELS": str(30_000_000),
            "PACKETCHECK_MAX_UNZIPPED_BYTES": str(20 * 1024 * 1024),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def create_users(env: dict[str, str]) -> dict[str, str]:
    """Users and one API token each, written straight into the service's database."""
    saved = dict(os.environ)
    os.environ.update({k: v for k, v in env.items() if k.startswith("PACKETCHECK_")})
    try:
        from service.auth import new_api_token
        from service.context import ServiceContext
        from service.db import migrate, transaction
        from service.models import Role
        from service.settings import ServiceSettings
        from service.users import create_user

        settings = ServiceSettings()
        migrate(settings.resolved_database_url)
        ctx = ServiceContext.open(settings)
        tokens = {}
        with transaction(ctx.sessions) as session:
            for name, (role, district) in USERS.items():
                user = create_user(session, name, PASSWORD, Role(role), district)
                tokens[name] = new_api_token(session, user, "tests")
        ctx.close()
        return tokens
    finally:
        os.environ.clear()
        os.environ.update(saved)


@dataclass
class ServiceProcess:
    data_dir: Path
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 40.0) -> None:
        log = (self.data_dir / "serve.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_test_run,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited with {self.process.returncode}: {self.log_tail()}")
            try:
                if httpx.get(self.url + "/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("serve did not answer in time: " + self.log_tail())

    def log_tail(self) -> str:
        path = self.data_dir / "serve.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def kill_all(self) -> None:
        """SIGKILL the server and its workers at once: a power cut as far as they can tell."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def client(self, user: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def start_service(tmp: Path, **overrides: str) -> ServiceProcess:
    env = service_env(tmp, **overrides)
    tmp.mkdir(parents=True, exist_ok=True)
    server = ServiceProcess(tmp, env)
    server.tokens = create_users(env)
    server.start()
    return server


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    server = start_service(tmp_path_factory.mktemp("service"))
    try:
        yield server
    finally:
        server.stop()


def make_pdf(path: Path, texts: list[str]) -> Path:
    """A PDF whose pages carry `texts` in a text layer (what the fake pipeline reads as OCR)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    if FONT is not None:
        pdfmetrics.registerFont(TTFont("CJK", str(FONT), subfontIndex=0))
        font = "CJK"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in texts:
        pdf.setFont(font, 20)
        pdf.drawString(80, 760, text)
        pdf.rect(60, 300, 470, 120)
        pdf.showPage()
    pdf.save()
    return path


def upload(
    client: httpx.Client,
    paths: list[Path],
    district: str = "tianhe",
    date: str = "2019-06-10",
    label: str | None = None,
) -> httpx.Response:
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    data = {"district": district, "submission_date": date}
    if label:
        data["label"] = label
    return client.post("/api/submissions", files=files, data=data)


def wait_processed(client: httpx.Client, submission_id: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/submissions/{submission_id}").json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"submission {submission_id} still {body['status']} after {timeout}s")


def wait_started(markers: Path, known: set[str], timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fresh = {p.name for p in markers.glob("started-*")} - known if markers.exists() else set()
        if fresh:
            name = fresh.pop()
            known.add(name)
            return int(name.split("-")[1])
        time.sleep(0.05)
    raise AssertionError("no worker started the job")


def known_markers(server) -> set[str]:
    return {p.name for p in server.markers.glob("started-*")} if server.markers.exists() else set()
