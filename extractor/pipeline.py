"""The whole job in one place: ingest → normalise → OCR → classify → group → (seals) → extract → check
(with a second look at the values behind findings) → report."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractor.application import read_application
from extractor.checks import CheckContext
from extractor.classify import PageClass, classify_page
from extractor.errors import PacketcheckError
from extractor.extraction import extract_documents
from extractor.grouping import PageGroup, group_pages
from extractor.ingest import PageHandle, ingest
from extractor.options import AnalyzeOptions
from extractor.doctypes import REGISTRY
from extractor.page_images import ImageFolder
from extractor.page_read import page_engine, page_hash, read_page, read_page_seals
from extractor.page_sharing import ReadOne, help_read_pages, read_own_pages
from extractor.pages import ReadPage
from extractor.second_look.stage import check_with_second_look
from schemas.report import PageEntry, PageError, Report
from schemas.vocab import DocType

PIPELINE_VERSION = "0.3.1"
"""Bump when the same input would give a different report: batch runs redo older reports."""

CALL_DEADLINE = dt.date(2019, 6, 18)
"""The call's closing date (seed): the submission date when none is given."""


def analyze(
    files: Sequence[Path], options: AnalyzeOptions = AnalyzeOptions(), submission: str | None = None
) -> Report:
    ingested = ingest([Path(f) for f in files], options.limits)
    # The page images live in files while the binder is analysed (page_images: bounded memory).
    with tempfile.TemporaryDirectory(prefix="packetcheck-pages-") as image_dir:
        pages, errors = read_pages(ingested.pages, options, ImageFolder(Path(image_dir)))
        classes, page_errors = classify_pages(pages)
        groups, classes = group_pages(classes)
        here = in_this_process(options)
        seal_errors = read_seal_text(pages, groups, here)
        documents, extract_errors = extract_documents(pages, groups)
        application = read_application(ingested.forms, documents, options.limits)
        entries = page_entries(pages, classes, groups)
        checked = check_with_second_look(CheckContext(
            application=application,
            documents=documents,
            page_entries=entries,
            pages=pages,
            submission_date=options.submission_date or CALL_DEADLINE,
        ), engine=lambda: page_engine(here))
    return Report(
        submission=submission or _default_name(files),
        pages=entries,
        documents=checked.documents,
        application=checked.application,
        findings=checked.findings,
        checks=checked.checks,
        errors=errors + page_errors + seal_errors + extract_errors,
        pipeline_version=PIPELINE_VERSION,
    )


MIN_PAGES_PER_WORKER = 3
"""A page worker loads its own OCR models (~2 s): fewer pages than this each, and one process
giving the engine all the workers' threads reads the binder sooner."""


def in_this_process(options: AnalyzeOptions) -> AnalyzeOptions:
    """The options for OCR in this process, which has the page workers' threads when they are idle."""
    threads = options.ocr_threads * options.page_workers if options.ocr_threads else None
    return options.model_copy(update={"page_workers": 1, "ocr_threads": threads})


def read_pages(handles: Sequence[PageHandle], options: AnalyzeOptions,
               images: ImageFolder | None = None) -> tuple[list[ReadPage], list[PageError]]:
    """Every page read, in binder order; pages of a long binder spread over `page_workers` processes."""
    workers = min(options.page_workers, len(handles) // MIN_PAGES_PER_WORKER)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(read_page, handles, [options] * len(handles), [images] * len(handles)))
    else:
        read_one = _reader_here(options)
        if options.page_share_dir is not None:  # other processes may help (extractor/page_sharing)
            results = read_own_pages(handles, options.page_share_dir, read_one, images)
        else:
            results = [read_one(handle, images) for handle in handles]
    errors = [PageError(file=h.name, page=h.page, stage="ocr", message=message)
              for h, (_, message) in zip(handles, results, strict=True) if message]
    return [read for read, _ in results], errors


def help_read(files: Sequence[Path], options: AnalyzeOptions) -> int:
    """Read pages of a binder that another process is analysing, from the last one back, into its
    `options.page_share_dir` (extractor/page_sharing); the number of pages read here."""
    if options.page_share_dir is None:
        return 0
    ingested = ingest([Path(f) for f in files], options.limits)
    return help_read_pages(ingested.pages, options.page_share_dir, _reader_here(options))


def _reader_here(options: AnalyzeOptions) -> ReadOne:
    """read_page in this process, with the threads of the page workers it stands for."""
    alone = in_this_process(options)
    return lambda handle, images: read_page(handle, alone, images)


def classify_pages(pages: Sequence[ReadPage]) -> tuple[list[PageClass], list[PageError]]:
    return [classify_page(page.text) for page in pages], []


def read_seal_text(pages: Sequence[ReadPage], groups: Sequence[PageGroup],
                   options: AnalyzeOptions) -> list[PageError]:
    """The seals' words on the pages of documents that print a field only inside a seal (a page
    that read as such a document on its own had them read with its text)."""
    errors: list[PageError] = []
    for group in groups:
        if not REGISTRY[group.doc_type].reads_seals:
            continue
        for index in group.page_indices:
            if pages[index].seals_read:
                continue
            message = read_page_seals(pages[index], options)
            if message:
                errors.append(PageError(file=pages[index].file, page=pages[index].page, stage="ocr",
                                        message=message))
    return errors


def page_entries(
    pages: Sequence[ReadPage], classes: Sequence[PageClass], groups: Sequence[PageGroup]
) -> list[PageEntry]:
    document_of = {index: number for number, group in enumerate(groups, start=1) for index in group.page_indices}
    return [
        PageEntry(file=page.file, page=page.page, doc_type=page_class.doc_type,
                  confidence=page_class.confidence, document=document_of.get(index),
                  rotation=page.normalized.rotation, phash=page.phash or page_hash(page))
        for index, (page, page_class) in enumerate(zip(pages, classes, strict=True))
    ]


def _default_name(files: Sequence[Path]) -> str:
    first = Path(files[0])
    return first.parent.name if len(files) > 1 and first.parent.name else first.stem


__all__ = ["CALL_DEADLINE", "PIPELINE_VERSION", "AnalyzeOptions", "PacketcheckError", "analyze", "DocType"]
