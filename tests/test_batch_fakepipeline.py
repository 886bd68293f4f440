"""A stand-in pipeline for the batch tests: same signature as extractor.pipeline, no OCR.

Each PNG is one page; its PNG text chunks say what the page is (`doc_type`) and which fields it
carries (`field:<name>`), so tests build submissions whose reports they can predict, including
the same ID number in two submissions. `FAKE_SECONDS_PER_PAGE` slows it down so a test can kill a
batch mid-run; a page whose chunk `die` is set kills its worker process outright.
The batch tests select it with BatchConfig(pipeline_module="test_batch_fakepipeline").
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, PngImagePlugin, UnidentifiedImageError

from extractor.errors import CorruptFileError
from extractor.options import AnalyzeOptions
from extractor.page_sharing import help_read_pages, read_own_pages
from schemas import (
    Application,
    ApplicationSource,
    DocType,
    DocumentEntry,
    ExtractedField,
    Finding,
    FindingCode,
    PageEntry,
    PageRef,
    Report,
    Severity,
)

PIPELINE_VERSION = os.environ.get("FAKE_PIPELINE_VERSION", "fake-1")


def write_page(path: Path, doc_type: str = "other", die: bool = False, **fields: str) -> Path:
    """A small PNG page carrying its fake reading in text chunks."""
    info = PngImagePlugin.PngInfo()
    info.add_text("doc_type", doc_type)
    for name, value in fields.items():
        info.add_text(f"field:{name}", value)
    if die:
        info.add_text("die", "1")
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (60, 80), 255).save(path, pnginfo=info)
    return path


def read_page(path: Path, _images: object = None) -> dict[str, str]:
    """The page's fake reading: its text chunks."""
    try:
        with Image.open(path) as image:
            chunks = dict(image.text)  # type: ignore[attr-defined]
    except (UnidentifiedImageError, OSError) as exc:
        raise CorruptFileError(f"{path.name}: not an image") from exc
    if chunks.get("die"):
        os._exit(3)
    time.sleep(float(os.environ.get("FAKE_SECONDS_PER_PAGE", "0.02")))
    return chunks


def help_read(files: Sequence[Path], options: AnalyzeOptions) -> int:
    """As extractor.pipeline.help_read: pages read for the worker analysing these files."""
    assert options.page_share_dir is not None
    return help_read_pages(list(files), options.page_share_dir, read_page)  # type: ignore[arg-type]


def analyze(files: Sequence[Path], options: AnalyzeOptions = AnalyzeOptions(),
            submission: str | None = None) -> Report:
    pages: list[PageEntry] = []
    documents: list[DocumentEntry] = []
    application: dict[str, ExtractedField] = {}
    if options.page_share_dir is not None:
        readings = read_own_pages(list(files), options.page_share_dir, read_page, None)  # type: ignore[arg-type]
    else:
        readings = [read_page(path) for path in files]
    for path, chunks in zip(files, readings, strict=True):
        doc_type = DocType(chunks.get("doc_type", "other"))
        fields = {key.removeprefix("field:"): ExtractedField(value=value, confidence=0.9, file=path.name, page=1)
                  for key, value in chunks.items() if key.startswith("field:")}
        if doc_type is DocType.APPLICATION_FORM:
            application.update(fields)
            index = None
        else:
            documents.append(DocumentEntry(index=len(documents) + 1, doc_type=doc_type,
                                           pages=[PageRef(file=path.name, page=1)], fields=fields))
            index = len(documents)
        pages.append(PageEntry(file=path.name, page=1, doc_type=doc_type, confidence=0.9, document=index))
    findings = []
    if "entity_name" not in application:
        findings.append(Finding(code=FindingCode.UNREADABLE_FIELD, severity=Severity.INFO,
                                field="entity_name", message="申请表名称无法识别"))
    return Report(
        submission=submission or "unnamed", pages=pages, documents=documents,
        application=Application(source=ApplicationSource.SCAN if application else ApplicationSource.NONE,
                                fields=application),
        findings=findings, pipeline_version=PIPELINE_VERSION,
    )
