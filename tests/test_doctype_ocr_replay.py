"""Recorded RapidOCR output of generated documents, replayed through the doc-type extractors.

tests/data/ocr/<doc_type>-<submission>.json holds the OCR lines of every page of one document
and the generator's truth for it (see each file's "source"), so the fast suite exercises real
OCR text, its slips and its reading order without running the engine.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from extractor.doctypes import REGISTRY
from extractor.normalize import compact_text
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine
from schemas.vocab import DocType

DATA = Path(__file__).parent / "data" / "ocr"
MINE = {"diploma", "title_certificate", "qualification_certificate", "id_card", "lease_contract",
        "property_certificate", "balance_sheet", "income_statement"}
RECORDS = sorted(p for p in DATA.glob("*.json") if p.stem.split("-")[0] in MINE)


def _pages(record: dict) -> list[ReadPage]:
    image = np.zeros((4, 4, 3), np.uint8)
    pages = []
    for page in record["pages"]:
        source = SourcePage(file=page["file"], page=page["page"], image=image, dpi=200)
        lines = [TextLine(line["text"], tuple(line["bbox"]), line["confidence"]) for line in page["lines"]]
        pages.append(ReadPage(NormalizedPage(source, image, image, 0, 0.0), PageText(lines, page["engine"])))
    return pages


def _same(got: object, want: object) -> bool:
    if isinstance(want, float):
        return isinstance(got, int | float) and math.isclose(got, want, abs_tol=0.005)
    return compact_text(str(got)) == compact_text(str(want))


def test_records_exist_for_every_extracting_type() -> None:
    assert {json.loads(p.read_text())["doc_type"] for p in RECORDS} >= MINE


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_recorded_document_matches_truth(path: Path) -> None:
    record = json.loads(path.read_text())
    pages = _pages(record)
    fields = REGISTRY[DocType(record["doc_type"])].extract(pages).present()
    wrong = {name: (want, fields[name].value if name in fields else None)
             for name, want in record["truth"].items()
             if name not in fields or not _same(fields[name].value, want)}
    assert wrong == {}
    for field in fields.values():
        assert field.file == pages[0].file and field.bbox is not None and 0 < field.confidence <= 1


@pytest.mark.slow
def test_generated_submission_through_the_real_engine(tmp_path: Path) -> None:
    """A clean generated binder, OCR'd for real: nearly every field of my types matches truth."""
    from extractor.ingest import ingest
    from extractor.options import AnalyzeOptions
    from extractor.page_read import read_page
    from samples.generator import generate_submission

    folder = generate_submission(tmp_path, 12, problems=[], scan_profile="clean")
    truth = json.loads((folder / "truth.json").read_text())
    options = AnalyzeOptions()
    wanted = {(p["file"], p["page"]) for p in truth["pages"] if p["doc_type"] in MINE}
    handles = [h for h in ingest([folder / f for f in truth["files"]], options.limits).pages
               if (h.name, h.page) in wanted]
    read = {(h.name, h.page): read_page(h, options)[0] for h in handles}
    total = right = 0
    for document in truth["documents"]:
        if document["doc_type"] not in MINE:
            continue
        pages = [read[(ref["file"], ref["page"])] for ref in document["pages"]]
        fields = REGISTRY[DocType(document["doc_type"])].extract(pages).present()
        for name, want in document["fields"].items():
            total += 1
            right += name in fields and _same(fields[name].value, want)
    assert total > 20 and right / total >= 0.9
