"""The one table of OCR engines, `get_engine`, and the cheap `read_fast` path for classification."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
from numpy.typing import NDArray

from extractor.errors import OcrError
from extractor.ocr.base import OcrEngine, as_bgr, empty_page_text
from extractor.ocr.cache import CachedEngine, OcrCache, cache_directory_from_env
from extractor.ocr.rapid import RapidOcrEngine
from extractor.ocr.tesseract import TesseractEngine
from extractor.pages import PageText, TextLine

DEFAULT_ENGINE = "rapidocr"  # chosen by bench/ocr_engines.py: best field hits and CER (see docs)

ENGINES: dict[str, Callable[[int], OcrEngine]] = {
    "rapidocr": lambda threads: RapidOcrEngine(threads=threads),
    "tesseract": lambda threads: TesseractEngine(),
}


def get_engine(
    name: str = DEFAULT_ENGINE, *, threads: int = 1, cache_dir: Path | str | None = None
) -> OcrEngine:
    """The engine called `name`, wrapped in the OCR cache when `cache_dir` or
    PACKETCHECK_OCR_CACHE names a directory. `threads` is the onnxruntime intra-op thread count
    (1 per worker process in batch runs; the core count for a lone process)."""
    if name not in ENGINES:
        raise OcrError(f"unknown OCR engine {name!r}; known engines: {', '.join(sorted(ENGINES))}")
    engine = ENGINES[name](threads)
    directory = Path(cache_dir) if cache_dir is not None else cache_directory_from_env()
    return CachedEngine(engine, OcrCache(directory)) if directory is not None else engine


def read_safely(engine: OcrEngine, image: NDArray[Any]) -> tuple[PageText, str | None]:
    """Read, turning an engine failure into an empty PageText plus the error message to record."""
    try:
        return engine.read(image), None
    except OcrError as exc:
        return empty_page_text(engine.name), str(exc)


def read_fast(
    image: NDArray[Any],
    engine: OcrEngine | None = None,
    *,
    top_fraction: float = 0.4,
    max_side: int = 1400,
) -> PageText:
    """A quick read of the top of the page (titles, issuers, certificate headings) for classifying it.

    Reads only the top `top_fraction` of the page, downscaled so its longer side is at most
    `max_side` px. Bboxes stay fractions of the whole page. Cost measured in bench/ocr_engines.py.
    """
    # Default: share the process's RapidOCR models rather than load a second copy.
    engine = engine if engine is not None else RapidOcrEngine(threads=None)
    bgr = as_bgr(image)
    height = bgr.shape[0]
    fraction = min(max(top_fraction, 0.05), 1.0)
    band = bgr[: max(1, int(round(height * fraction)))]
    scale = max_side / max(band.shape[:2])
    if scale < 1.0:
        band = cv2.resize(band, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    band_text = engine.read(band)
    lines = [
        TextLine(
            text=line.text,
            bbox=(line.bbox[0], line.bbox[1] * fraction, line.bbox[2], line.bbox[3] * fraction),
            confidence=line.confidence,
        )
        for line in band_text.lines
    ]
    return PageText(lines=lines, engine=band_text.engine)
