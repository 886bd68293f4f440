"""The command line as a person meets it: exit codes, one-line errors, no half-written output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=600)


@pytest.mark.parametrize("content", [b"", b"plain text, no document", b"%PDF-1.7 truncated"])
def test_unusable_input_exits_2_with_one_line_and_no_output(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "binder.pdf"
    bad.write_bytes(content)
    out, page = tmp_path / "report.json", tmp_path / "report.html"
    result = run_cli("analyze", str(bad), "-o", str(out), "--html", str(page))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("packetcheck: error:")
    assert "Traceback" not in result.stderr
    assert not out.exists() and not page.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("analyze", str(tmp_path / "nope.pdf"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_bad_arguments_exit_2() -> None:
    assert run_cli("analyze").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_a_blank_page_still_gives_a_report(tmp_path: Path, png_page: Path) -> None:
    out = tmp_path / "r.json"
    result = run_cli("analyze", str(png_page), "-o", str(out), "--html", str(tmp_path / "r.html"),
                     "--workers", "1")
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema_version"] == "1"
    assert [p["page"] for p in report["pages"]] == [1]
    # no editable and no scanned form: the application is missing and reported as such
    assert report["application"]["source"] == "none"
    assert any(f["code"] == "missing_document" for f in report["findings"])
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")
