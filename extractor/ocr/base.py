"""What every OCR engine shares: the protocol, image coercion, reading order and box fractions.

Engines differ in how they are called; what they hand back does not: lines in reading order, each
with a bbox as fractions of the image they were given and a confidence in 0..1.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.errors import OcrError
from extractor.pages import BBox, PageText, TextLine


@runtime_checkable
class OcrEngine(Protocol):
    name: str
    version: str  # part of the cache key: a new engine or model version must not replay old output

    def read(self, image: NDArray[Any]) -> PageText: ...


def as_bgr(image: NDArray[Any]) -> NDArray[Any]:
    """A uint8 3-channel BGR copy of any grey, grey+1, BGR or BGRA array; refuses anything else."""
    if not isinstance(image, np.ndarray) or image.size == 0:
        raise OcrError("OCR input is not a non-empty image array")
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.ndim == 3 and image.shape[2] == 1:
        return cv2.cvtColor(image[:, :, 0], cv2.COLOR_GRAY2BGR)
    if image.ndim == 3 and image.shape[2] == 3:
        return image
    if image.ndim == 3 and image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    raise OcrError(f"OCR input has unsupported shape {image.shape}")


def as_gray(image: NDArray[Any]) -> NDArray[Any]:
    bgr = as_bgr(image) if not (image.ndim == 2 and image.dtype == np.uint8) else image
    return bgr if bgr.ndim == 2 else cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def fraction_bbox(xs: Iterable[float], ys: Iterable[float], width: int, height: int) -> BBox:
    """Axis-aligned bbox around points, as fractions of width/height, clipped to the page."""
    xs, ys = [float(x) for x in xs], [float(y) for y in ys]  # numpy scalars do not serialise

    def clip(value: float) -> float:
        return round(min(max(value, 0.0), 1.0), 4)

    return (clip(min(xs) / width), clip(min(ys) / height), clip(max(xs) / width), clip(max(ys) / height))


def quad_size(quad: NDArray[Any]) -> tuple[float, float]:
    """(width, height) of a line quadrilateral, corners top-left first: opposite edges averaged."""
    width = float(np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    height = float(np.linalg.norm(quad[3] - quad[0]) + np.linalg.norm(quad[2] - quad[1])) / 2
    return width, height


def make_line(text: str, bbox: BBox, confidence: float) -> TextLine | None:
    """A TextLine with NFC text, or None when nothing readable is left after stripping."""
    cleaned = unicodedata.normalize("NFC", text).strip()
    if not cleaned:
        return None
    return TextLine(text=cleaned, bbox=bbox, confidence=round(min(max(confidence, 0.0), 1.0), 4))


def reading_order(lines: Iterable[TextLine]) -> list[TextLine]:
    """Top-to-bottom rows, left-to-right within a row.

    A line joins the current row when its vertical centre lies inside the row's first line's
    vertical extent: table cells on one row stay together even when their boxes differ in height.
    """
    remaining = sorted(lines, key=lambda line: (line.bbox[1], line.bbox[0]))
    ordered: list[TextLine] = []
    while remaining:
        anchor = remaining[0]
        top, bottom = anchor.bbox[1], anchor.bbox[3]
        row = [ln for ln in remaining if top <= (ln.bbox[1] + ln.bbox[3]) / 2 <= bottom]
        if anchor not in row:
            row.append(anchor)
        row_ids = {id(ln) for ln in row}
        ordered.extend(sorted(row, key=lambda line: line.bbox[0]))
        remaining = [ln for ln in remaining if id(ln) not in row_ids]
    return ordered


def empty_page_text(engine: str) -> PageText:
    """What a failed or blank read looks like: no lines, so every field downstream is unread."""
    return PageText(lines=[], engine=engine)
