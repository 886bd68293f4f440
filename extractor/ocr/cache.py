"""An OCR cache keyed by content: sha256(image bytes + shape + engine name + engine version).

Off by default. Batch reruns and the fast test suite replay recorded PageText JSON from a
directory instead of running the engine again; a new engine version misses the cache by design.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from extractor.ocr.base import OcrEngine
from extractor.pages import PageText, TextLine

CACHE_ENV = "PACKETCHECK_OCR_CACHE"


def cache_key(
    image: NDArray[Any], engine_name: str, engine_version: str, quads: list[NDArray[Any]] | None = None
) -> str:
    """`quads`: the line boxes read (when given rather than detected), rounded to a tenth of a pixel."""
    digest = hashlib.sha256()
    digest.update(f"{engine_name}\0{engine_version}\0{image.shape}\0{image.dtype}\0".encode())
    digest.update(np.ascontiguousarray(image).tobytes())
    if quads is not None:
        digest.update(f"\0lines{len(quads)}\0".encode())
        for quad in quads:
            digest.update(np.round(np.asarray(quad, dtype=np.float64), 1).tobytes())
    return digest.hexdigest()


def page_text_to_json(page_text: PageText) -> dict[str, object]:
    return {
        "engine": page_text.engine,
        "lines": [
            {"text": line.text, "bbox": list(line.bbox), "confidence": line.confidence}
            for line in page_text.lines
        ],
    }


def page_text_from_json(data: dict[str, object]) -> PageText:
    raw_lines = data["lines"]
    assert isinstance(raw_lines, list)
    lines = [
        TextLine(
            text=str(item["text"]),
            bbox=(
                float(item["bbox"][0]),
                float(item["bbox"][1]),
                float(item["bbox"][2]),
                float(item["bbox"][3]),
            ),
            confidence=float(item["confidence"]),
        )
        for item in raw_lines
    ]
    return PageText(lines=lines, engine=str(data["engine"]))


class OcrCache:
    """PageText JSON files under `directory/<first two hex digits>/<key>.json`."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> PageText | None:
        path = self._path(key)
        try:
            return page_text_from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, IndexError, AssertionError):
            return None  # a truncated or foreign file is a miss; the next put overwrites it

    def put(self, key: str, page_text: PageText) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: parallel batch workers never see a half-written file.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
        ) as handle:
            json.dump(page_text_to_json(page_text), handle, ensure_ascii=False)
        os.replace(handle.name, path)


class CachedEngine:
    """An OcrEngine that answers from the cache when it can and records what the engine reads."""

    def __init__(self, engine: OcrEngine, cache: OcrCache) -> None:
        self.engine = engine
        self.cache = cache
        self.name = engine.name
        self.version = engine.version
        self.hits = 0
        self.misses = 0

    def read(self, image: NDArray[Any]) -> PageText:
        return self._cached(cache_key(image, self.name, self.version), lambda: self.engine.read(image))

    def read_lines(self, image: NDArray[Any], quads: list[NDArray[Any]]) -> PageText:
        key = cache_key(image, self.name, self.version, quads)
        return self._cached(key, lambda: self.engine.read_lines(image, quads))  # type: ignore[attr-defined]

    def _cached(self, key: str, produce: Callable[[], PageText]) -> PageText:
        cached = self.cache.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        page_text = produce()
        self.cache.put(key, page_text)
        return page_text

    def __getattr__(self, attribute: str) -> object:
        # Engine-specific extras (detect_lines, detect_rotation) pass through uncached.
        return getattr(self.engine, attribute)


def cache_directory_from_env() -> Path | None:
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value) if value else None
