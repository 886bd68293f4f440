"""Reading one page: load → normalise → OCR. The unit of work a worker process runs."""

from __future__ import annotations

import os
from typing import Any

import cv2
import imagehash
from numpy.typing import NDArray
from PIL import Image

from extractor.classify import HEADING_ZONE, TITLE_TOP_WEIGHT, PageClass, classify_page
from extractor.doctypes import REGISTRY
from extractor.errors import OcrError
from extractor.ingest import PageHandle
from extractor.ocr import get_engine
from extractor.ocr.base import OcrEngine, empty_page_text, quad_size, reading_order
from extractor.options import AnalyzeOptions
from extractor.page_images import ImageFolder
from extractor.page_load import load_page
from extractor.page_normalise import normalise_page
from extractor.page_normalise.orientation import RapidOrientationDetector
from extractor.pages import PageText, ReadPage
from extractor.seal_text import read_seals

_ENGINES: dict[tuple[str, str | None, int], OcrEngine] = {}

HEADING_LINES = 8  # the tallest lines of the heading zone, read first to know what the page is


def page_engine(options: AnalyzeOptions) -> OcrEngine:
    """One engine per process and setting: loading the models costs more than reading a page."""
    threads = options.ocr_threads or max(1, (os.cpu_count() or 1) // options.page_workers)
    key = (options.ocr_engine, str(options.ocr_cache_dir) if options.ocr_cache_dir else None, threads)
    if key not in _ENGINES:
        _ENGINES[key] = get_engine(options.ocr_engine, threads=threads, cache_dir=options.ocr_cache_dir)
    return _ENGINES[key]


def page_hash(read: ReadPage) -> str:
    """A perceptual hash of the upright page, to recognise the same page in another submission."""
    small = cv2.resize(read.normalized.upright, (256, 362), interpolation=cv2.INTER_AREA)
    return str(imagehash.phash(Image.fromarray(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))))


def read_page_seals(page: ReadPage, options: AnalyzeOptions) -> str | None:
    """Fill `page.seals` from its upright colour image; an error message when that failed."""
    page.seals_read = True
    try:
        page.seals = read_seals(page.normalized.upright, page_engine(options))
    except Exception as exc:  # noqa: BLE001 — a seal that cannot be read must not lose the page
        return f"seal text: {type(exc).__name__}: {exc}"
    return None


def read_page(handle: PageHandle, options: AnalyzeOptions,
              images: ImageFolder | None = None) -> tuple[ReadPage, str | None]:
    """The page with its text, its hash and, when the page reads as a type whose fields are printed
    in seals, its seals' words, with the first error message of the engine on it; its images kept
    in `images` when given.

    Hash and seals are taken here, in the page worker, so that they run in parallel with the
    other pages; the pipeline reads the seals of the pages only their document shows to need them.
    """
    read, message = read_page_text(handle, options)
    read.phash = page_hash(read)
    if REGISTRY[classify_page(read.text).doc_type].reads_seals:
        message = message or read_page_seals(read, options)
    if images is not None:
        source, normalized = read.normalized.source, read.normalized
        same = normalized.upright is source.image
        source.image = images.keep(source.image)
        normalized.upright = source.image if same else images.keep(normalized.upright)
    return read, message


def read_page_text(handle: PageHandle, options: AnalyzeOptions) -> tuple[ReadPage, str | None]:
    """The page with its text, and an OCR error message when the engine failed on it."""
    source = load_page(handle, options.raster_dpi, options.limits)
    engine = page_engine(options)
    # The orientation vote reads a few lines with the same loaded models, not a second copy.
    osd = RapidOrientationDetector(engine) if options.ocr_engine == "rapidocr" else None
    normalized = normalise_page(source, osd)
    # Nothing after OCR needs the OCR image or the line boxes.
    ocr_image, normalized.ocr_image = normalized.ocr_image, None
    line_quads, normalized.line_quads = normalized.line_quads, None
    if source.text_layer is not None or ocr_image is None:
        return ReadPage(normalized, source.text_layer or PageText([], "none")), None
    try:
        if options.ocr_engine != "rapidocr":  # Tesseract lays out the page its own way
            return ReadPage(normalized, engine.read(ocr_image)), None
        if line_quads is None:  # a turned page: its lines are found again, upright
            line_quads = engine.find_lines(ocr_image)  # type: ignore[attr-defined]
        return ReadPage(normalized, read_headings_first(engine, ocr_image, line_quads)), None
    except OcrError as exc:  # a failed engine costs the page's text, not the page
        return ReadPage(normalized, empty_page_text(engine.name)), str(exc)


def surely_without_fields(guess: PageClass) -> bool:
    """Is the page of a type with no fields: its own title heads it, and no other type has as much
    evidence as a title? Statements share their column words (本期金额, 上期金额), so a rival's
    keywords alone do not put the page in doubt; a rival's title does."""
    if REGISTRY[guess.doc_type].reads_fields or not guess.has_title:
        return False
    return all(score < TITLE_TOP_WEIGHT for doc_type, score in guess.scores if doc_type != guess.doc_type)


def read_headings_first(engine: OcrEngine, image: NDArray[Any], quads: list[NDArray[Any]]) -> PageText:
    """Read the page's likely headings, and the rest of its lines only when fields may be on it.

    A page whose headings make it confidently a type with no fields (a sign-in sheet, a cash-flow
    statement) keeps just those lines: reading the other lines is most of a page's cost, and
    nothing downstream uses them.
    """
    zone = HEADING_ZONE * image.shape[0]
    in_zone = sorted((i for i, quad in enumerate(quads) if quad[:, 1].min() < zone),
                     key=lambda i: -min(quad_size(quads[i])))
    first = set(in_zone[:HEADING_LINES])
    headings = engine.read_lines(image, [quads[i] for i in sorted(first)])  # type: ignore[attr-defined]
    if surely_without_fields(classify_page(headings)):
        return PageText(lines=headings.lines, engine=headings.engine, complete=False)
    rest = engine.read_lines(image, [quad for i, quad in enumerate(quads) if i not in first])  # type: ignore[attr-defined]
    return PageText(lines=reading_order(headings.lines + rest.lines), engine=headings.engine)
