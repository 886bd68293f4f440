"""Reading one page: load → normalise → OCR. The unit of work a worker process runs."""

from __future__ import annotations

import os

import cv2
import imagehash
from PIL import Image

from extractor.ingest import PageHandle
from extractor.ocr import get_engine, read_safely
from extractor.ocr.base import OcrEngine
from extractor.options import AnalyzeOptions
from extractor.page_load import load_page
from extractor.page_normalise import normalise_page
from extractor.page_normalise.orientation import RapidOrientationDetector
from extractor.pages import PageText, ReadPage
from extractor.seal_text import read_seals

_ENGINES: dict[tuple[str, str | None, int], OcrEngine] = {}


def _engine(options: AnalyzeOptions) -> OcrEngine:
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
    try:
        page.seals = read_seals(page.normalized.upright, _engine(options))
    except Exception as exc:  # noqa: BLE001 — a seal that cannot be read must not lose the page
        return f"seal text: {type(exc).__name__}: {exc}"
    return None


def read_page(handle: PageHandle, options: AnalyzeOptions) -> tuple[ReadPage, str | None]:
    """The page with its text, and an OCR error message when the engine failed on it."""
    source = load_page(handle, options.raster_dpi, options.limits)
    engine = _engine(options)
    # The orientation vote reads a few lines with the same loaded models, not a second copy.
    osd = RapidOrientationDetector(engine) if options.ocr_engine == "rapidocr" else None
    normalized = normalise_page(source, osd)
    ocr_image, normalized.ocr_image = normalized.ocr_image, None  # nothing after OCR needs it
    if source.text_layer is not None or ocr_image is None:
        return ReadPage(normalized, source.text_layer or PageText([], "none")), None
    text, error = read_safely(engine, ocr_image)
    return ReadPage(normalized, PageText(lines=text.lines, engine=text.engine)), error
