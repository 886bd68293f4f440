"""The hand-made evaluation packets (samples/handmade/packets) have valid truth files.

Only the truth is tested here; the pipeline's accuracy on these packets is a benchmark
(`python -m bench --data samples/handmade/packets`), not a test.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from PIL import Image

from extractor.normalize import is_valid_credit_code, is_valid_id_number
from samples.handmade.render import document_html
from samples.handmade.specs import all_packets
from schemas import DocType, FindingCode, SEVERITY_OF, field_names

PACKETS = Path(__file__).resolve().parents[1] / "samples" / "handmade" / "packets"
NAMES = sorted(p.name for p in PACKETS.iterdir() if (p / "truth.json").exists())
TOP_KEYS = {"submission", "seed", "submission_date", "district", "files", "pages", "documents", "application",
            "findings", "planted"}
PAGE_KEYS = {"file", "page", "doc_type", "document", "rotation", "variant", "font", "born_digital"}


def load(name: str) -> dict[str, Any]:
    return json.loads((PACKETS / name / "truth.json").read_text(encoding="utf-8"))


def page_count(path: Path) -> int:
    if path.suffix == ".pdf":
        document = pypdfium2.PdfDocument(str(path))
        try:
            return len(document)
        finally:
            document.close()
    with Image.open(path) as image:
        return getattr(image, "n_frames", 1)


def test_four_packets_two_clean_two_with_problems() -> None:
    assert len(NAMES) == 4
    truths = [load(n) for n in NAMES]
    assert sum(1 for t in truths if not t["findings"]) == 2
    assert sum(1 for t in truths if t["findings"]) == 2


@pytest.mark.parametrize("name", NAMES)
def test_truth_shape_and_files(name: str) -> None:
    truth = load(name)
    assert set(truth) == TOP_KEYS and truth["submission"] == name
    folder = PACKETS / name
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"truth.json"}
    assert set(truth["files"]) == on_disk
    assert sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) < 2.5e6
    scanned = [f for f in truth["files"] if not f.endswith((".docx", ".xlsx"))]
    listed = {(p["file"], p["page"]) for p in truth["pages"]}
    assert len(listed) == len(truth["pages"])
    # Every page of every scanned file is listed, and nothing else is.
    assert listed == {(f, n) for f in scanned for n in range(1, page_count(folder / f) + 1)}
    for page in truth["pages"]:
        assert set(page) == PAGE_KEYS
        assert page["rotation"] in (0, 90, 180, 270)
        assert (page["rotation"] != 0) == any(v.startswith("rotated") for v in page["variant"])
        DocType(page["doc_type"])


@pytest.mark.parametrize("name", NAMES)
def test_documents_and_field_names(name: str) -> None:
    truth = load(name)
    pages = {(p["file"], p["page"]): p for p in truth["pages"]}
    seen: list[tuple[str, int]] = []
    for index, doc in enumerate(truth["documents"], start=1):
        assert doc["index"] == index
        doc_type = DocType(doc["doc_type"])
        assert set(doc["fields"]) <= set(field_names(doc_type)), doc["fields"].keys()
        for ref in doc["pages"]:
            key = (ref["file"], ref["page"])
            assert pages[key]["document"] == index and pages[key]["doc_type"] == doc["doc_type"]
            seen.append(key)
        if doc_type is DocType.APPLICATION_FORM:
            assert doc["fields"] == {}
    assert sorted(seen) == sorted(pages)
    application = truth["application"]
    assert application["source"] in ("docx", "xlsx", "scan", "none")
    assert set(application["fields"]) <= set(field_names(DocType.APPLICATION_FORM))
    if application["source"] in ("docx", "xlsx"):
        assert f"申请表.{application['source']}" in truth["files"]


@pytest.mark.parametrize("name", NAMES)
def test_findings_and_codes(name: str) -> None:
    truth = load(name)
    codes = {f["code"] for f in truth["findings"]}
    for finding in truth["findings"]:
        assert SEVERITY_OF[FindingCode(finding["code"])].value == finding["severity"]
    # Credit codes and ID numbers carry valid check characters unless a plant says otherwise.
    for doc in truth["documents"]:
        if "credit_code" in doc["fields"]:
            assert is_valid_credit_code(doc["fields"]["credit_code"]) == ("invalid_credit_code" not in codes)
        if "id_number" in doc["fields"]:
            assert is_valid_id_number(doc["fields"]["id_number"]) == ("invalid_id_number" not in codes)
    assert len(truth["planted"]) == len(truth["findings"])


def test_templates_match_the_specs_page_counts() -> None:
    """Every document's template renders (no Chromium needed) with one page per planned scan."""
    for packet in all_packets():
        for doc in packet.documents:
            assert document_html(doc).count('<section class="page') == len(doc.scans)


@pytest.mark.slow
@pytest.mark.browser
def test_rebuild_is_deterministic(tmp_path: Path) -> None:
    from samples.handmade.__main__ import main

    main(["--out", str(tmp_path), "--only", "hm-problems-haizhu"])
    for path in (PACKETS / "hm-problems-haizhu").rglob("*"):
        if path.is_file() and path.suffix != ".docx":
            rebuilt = tmp_path / "hm-problems-haizhu" / path.relative_to(PACKETS / "hm-problems-haizhu")
            assert hashlib.sha256(rebuilt.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest(), path
