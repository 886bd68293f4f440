"""Page orientation (0/90/180/270) without paying Tesseract OSD's ~2 s per page.

The default detector asks RapidOCR's text detector for line boxes on a small copy of the page
(the same boxes the page's OCR then reads): wide boxes mean the lines run across (0 or 180), tall boxes mean they run down
(90 or 270). To settle the direction it reads the longest lines both ways with the recogniser
and keeps the way that reads with higher confidence (upside-down Chinese reads as low-confidence
garbage). Tesseract OSD remains available as a detector of its own and as a fallback when the
cheap vote is too close to call.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.ocr import RapidOcrEngine, TesseractEngine
from extractor.ocr.base import quad_size
from extractor.ocr.rapid import crop_quad
from extractor.page_normalise.images import downscale, rotate_quarter

_LINES_TO_READ = 5
_CONFIDENT_READ = 0.9  # upright Chinese reads at ~0.98, upside-down at 0.0–0.55 (measured)
_LINE_CHARS = 8  # ~8 characters of a line (4 from each end) are enough to tell its direction


def _line_start(crop: NDArray[Any], is_vertical: bool) -> NDArray[Any]:
    """The crop shrunk to the recogniser's 48 px line height, keeping both ends of the line.

    We do not know yet which end the line starts at, so keep ~4 characters from each end.
    """
    thickness = crop.shape[1] if is_vertical else crop.shape[0]
    scale = min(1.0, 48.0 / max(thickness, 1))
    small = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else crop
    keep = int(_LINE_CHARS * 48 / 2)
    length = small.shape[0] if is_vertical else small.shape[1]
    if length <= 2 * keep:
        return small
    if is_vertical:
        return np.concatenate([small[:keep], small[-keep:]], axis=0)
    return np.concatenate([small[:, :keep], small[:, -keep:]], axis=1)


@dataclass(frozen=True)
class Orientation:
    rotation: int  # clockwise degrees to apply so the page reads upright
    confidence: float  # 0..1
    method: str
    # The text-line quadrilaterals the vote was taken on, in pixels of the image it was given
    # (before turning): the page's OCR reads these instead of detecting lines a second time.
    lines: tuple[NDArray[Any], ...] | None = field(default=None, compare=False, repr=False)


class OrientationDetector(Protocol):
    def detect(self, gray: NDArray[Any]) -> Orientation: ...


class LineReader(Protocol):
    """What the line-box detector needs from an engine: RapidOcrEngine, or a CachedEngine around one."""

    def find_lines(self, image: NDArray[Any]) -> list[NDArray[Any]]: ...

    def recognise(self, crops: list[NDArray[Any]]) -> list[tuple[str, float]]: ...


def _mean_confidence(reads: list[tuple[str, float]]) -> float:
    # Weight by length: a one-character read of a symmetric glyph says little either way.
    weights = [max(len(text), 1) for text, _ in reads]
    return sum(conf * w for (_, conf), w in zip(reads, weights, strict=True)) / max(sum(weights), 1)


class RapidOrientationDetector:
    """Line-box shapes for the axis, recogniser confidence both ways for the direction.

    Pass the process's OCR engine (`get_engine("rapidocr", threads=...)`) to share its models;
    the default takes whichever RapidOCR instance the process already has, else a 1-thread one.
    """

    def __init__(
        self,
        engine: LineReader | None = None,
        fallback: OrientationDetector | None = None,
        min_margin: float = 0.15,
    ) -> None:
        self.engine = engine if engine is not None else RapidOcrEngine(threads=None)
        self.fallback = fallback
        self.min_margin = min_margin

    def detect(self, gray: NDArray[Any]) -> Orientation:
        quads = self.engine.find_lines(gray)
        lines = tuple(quads)
        horizontal = vertical = 0.0
        elongated: list[tuple[float, NDArray[Any], bool]] = []
        for quad in quads:
            width, height = quad_size(quad)
            if width > 1.5 * height:
                horizontal += width
                elongated.append((width, quad, False))
            elif height > 1.5 * width:
                vertical += height
                elongated.append((height, quad, True))
        if not elongated:
            return self._fallback_or(Orientation(0, 0.0, "rapid-lines:none", lines), gray)
        is_vertical = vertical > horizontal
        longest = sorted((e for e in elongated if e[2] == is_vertical), key=lambda e: -e[0])[:_LINES_TO_READ]
        crops = [_line_start(crop_quad(gray, quad), is_vertical) for _, quad, _ in longest]
        first, second = (270, 90) if is_vertical else (0, 180)
        axis_share = max(horizontal, vertical) / (horizontal + vertical)
        # Most pages arrive upright: when the first direction reads confidently, skip the second.
        first_score = _mean_confidence(self.engine.recognise([rotate_quarter(c, first) for c in crops]))
        if first_score >= _CONFIDENT_READ and axis_share >= 0.7:
            return Orientation(first, round(first_score * axis_share, 3), "rapid-lines", lines)
        second_score = _mean_confidence(self.engine.recognise([rotate_quarter(c, second) for c in crops]))
        best = first if first_score >= second_score else second
        margin = abs(first_score - second_score)
        result = Orientation(best, round(min(1.0, margin / self.min_margin) * axis_share, 3), "rapid-lines", lines)
        if margin < self.min_margin or axis_share < 0.7:
            return self._fallback_or(result, gray)
        return result

    def _fallback_or(self, result: Orientation, gray: NDArray[Any]) -> Orientation:
        if self.fallback is None:
            return result
        second = self.fallback.detect(gray)
        return replace(second, lines=result.lines) if second.confidence > result.confidence else result


class TesseractOsdDetector:
    """Tesseract OSD (psm 0): 9 of 9 rotated pages right in OCR-NOTES, ~2 s a page."""

    def __init__(self, engine: TesseractEngine | None = None, max_side: int = 2000) -> None:
        self.engine = engine if engine is not None else TesseractEngine()
        self.max_side = max_side

    def detect(self, gray: NDArray[Any]) -> Orientation:
        small, _ = downscale(gray, self.max_side)
        rotation, confidence = self.engine.detect_rotation(small)
        # OSD's orientation_conf is open-ended; ~2 is "fairly sure", >10 "certain".
        return Orientation(rotation, round(min(1.0, confidence / 10.0), 3), "tesseract-osd")
