"""The only place that knows how OCR engines are called. Everything else uses these names."""

from extractor.errors import OcrError
from extractor.ocr.base import OcrEngine, reading_order
from extractor.ocr.cache import CACHE_ENV, CachedEngine, OcrCache, cache_key
from extractor.ocr.rapid import RapidOcrEngine
from extractor.ocr.registry import DEFAULT_ENGINE, ENGINES, get_engine, read_fast, read_safely
from extractor.ocr.tesseract import TesseractEngine

__all__ = [
    "CACHE_ENV",
    "DEFAULT_ENGINE",
    "ENGINES",
    "CachedEngine",
    "OcrCache",
    "OcrEngine",
    "OcrError",
    "RapidOcrEngine",
    "TesseractEngine",
    "cache_key",
    "get_engine",
    "read_fast",
    "read_safely",
    "reading_order",
]
