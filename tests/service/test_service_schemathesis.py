"""schemathesis against /openapi.json of a live server: no request it generates gets a 5xx, and
every answer matches the documented status codes, content types and schemas."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ServiceProcess, make_pdf, start_service, upload, wait_processed

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory) -> Iterator[ServiceProcess]:
    # A server of its own: the fuzzer changes users and tokens.
    server = start_service(tmp_path_factory.mktemp("fuzz"))
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("user", ["admin", "tianhe"])
def test_no_server_errors_and_answers_match_the_schema(fuzzed, tmp_path: Path, user: str) -> None:
    client = fuzzed.client("tianhe")
    wait_processed(client, upload(client, [make_pdf(tmp_path / "f.pdf", ["模糊测试"])]).json()["id"])
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        fuzzed.url + "/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        "10",
        "--seed",
        "20191",
        "--workers",
        "1",
        "--phases",
        "examples,fuzzing",
        "--no-shrink",
        "--request-timeout",
        "20",
        "--suppress-health-check",
        "all",
        "--warnings",
        "off",
        "--exclude-path",
        "/api/users/{user_id}",  # would deactivate the fuzzer's own user midway
        "-H",
        f"Authorization: Bearer {fuzzed.tokens[user]}",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=170, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_schemathesis_is_available() -> None:
    assert shutil.which(sys.executable) and __import__("schemathesis")
