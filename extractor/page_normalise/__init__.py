"""Page normalisation: from a page as scanned or photographed to an upright page and an OCR image.

    photo → flat A4 quad │ OCR grey (red channel, flattened light) │ orientation │ deskew

`upright` keeps colour (reviewers and the seal check need the red seals); `ocr_image` is the
seal-suppressed, evenly lit grey every OCR engine reads. Nothing here raises on odd input: a
blank, tiny, 1-channel or RGBA page comes back with rotation 0 and a note saying why.
"""

from __future__ import annotations

import threading
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.errors import OcrError
from extractor.page_normalise import geometry
from extractor.page_normalise.deskew import estimate_skew, rotate_small, small_rotation
from extractor.page_normalise.images import MIN_SIDE, downscale, is_blank, rotate_quarter, to_bgr
from extractor.page_normalise.orientation import (
    Orientation,
    OrientationDetector,
    RapidOrientationDetector,
    TesseractOsdDetector,
)
from extractor.page_normalise.photo import find_page_quad, page_warp
from extractor.page_normalise.seal import ocr_grey, red_channel
from extractor.pages import NormalizedPage, SourcePage

__all__ = [
    "Orientation",
    "OrientationDetector",
    "RapidOrientationDetector",
    "TesseractOsdDetector",
    "default_orientation_detector",
    "normalise_page",
]

MAX_LONG_SIDE = 4200  # ≈ A4 at 360 DPI; bigger pages are shrunk before any other work
A4_LONG_SIDE_300_DPI = 3508

_default_detector: OrientationDetector | None = None
_default_lock = threading.Lock()


def default_orientation_detector() -> OrientationDetector:
    """The process-wide cheap detector (RapidOCR line boxes + recogniser vote), built on first use."""
    global _default_detector
    with _default_lock:
        if _default_detector is None:
            _default_detector = RapidOrientationDetector()
        return _default_detector


def normalise_page(page: SourcePage, osd: OrientationDetector | None = None) -> NormalizedPage:
    """Upright, deskewed, perspective-corrected page plus its OCR image.

    `osd` decides 0/90/180/270; None means the default cheap detector. Born-digital pages (with a
    text layer) skip photo, orientation and deskew work: their geometry is already right.
    """
    notes: list[str] = []
    if np.asarray(page.image).size == 0:
        blank = np.full((1, 1, 3), 255, dtype=np.uint8)
        return NormalizedPage(page, blank, blank[:, :, 0].copy(), 0, 0.0, ["empty image"])
    bgr = to_bgr(page.image)
    if min(bgr.shape[:2]) < MIN_SIDE:
        notes.append(f"image too small to normalise ({bgr.shape[1]}x{bgr.shape[0]} px)")
        return NormalizedPage(page, bgr, red_channel(bgr), 0, 0.0, notes)
    if page.text_layer is not None:
        return NormalizedPage(page, bgr, ocr_grey(bgr), 0, 0.0, ["born-digital: geometry kept"])

    # Every geometric step below updates `to_source` (upright → source pixel coordinates).
    to_source = geometry.identity()
    corners = find_page_quad(bgr)
    if corners is not None:
        matrix, size = page_warp(corners)
        bgr = cv2.warpPerspective(bgr, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        to_source = geometry.then(to_source, geometry.from_centre_matrix(matrix))
        notes.append("phone photo: page quadrilateral warped flat")
    if max(bgr.shape[:2]) > MAX_LONG_SIDE:
        # 600-DPI scans and 12-MP photos: 300 DPI holds all the detail OCR uses, at a quarter the cost.
        before = bgr.shape
        bgr, _ = downscale(bgr, A4_LONG_SIDE_300_DPI)
        to_source = geometry.then(to_source, geometry.scaling(before, bgr.shape))
        notes.append("downscaled to 300 DPI")
    grey = ocr_grey(bgr)
    if is_blank(grey):
        notes.append("blank page")
        return NormalizedPage(page, bgr, grey, 0, 0.0, notes, to_source)

    detector = osd if osd is not None else default_orientation_detector()
    try:
        orientation = detector.detect(grey)
    except OcrError as exc:  # a broken engine costs the rotation, not the page
        notes.append(f"orientation not detected: {exc}")
        orientation = Orientation(0, 0.0, "failed")
    if orientation.rotation:
        to_source = geometry.then(to_source, geometry.quarter_turn(bgr.shape, orientation.rotation))
        bgr, grey = rotate_quarter(bgr, orientation.rotation), rotate_quarter(grey, orientation.rotation)
        notes.append(
            f"rotated {orientation.rotation}° clockwise ({orientation.method}, {orientation.confidence:.2f})"
        )

    skew = estimate_skew(grey)
    to_deskewed = geometry.identity()
    if skew:
        to_deskewed = geometry.from_centre_matrix(small_rotation(bgr.shape, -skew))
        to_source = geometry.then(to_source, to_deskewed)
        bgr = rotate_small(bgr, -skew, _paper_colour(bgr))
        grey = rotate_small(grey, -skew, 255)
    # The vote's line boxes are the page's own when it was already upright (the deskew moves them).
    # On a turned page the detector saw the text on end or upside down: its boxes, turned back,
    # sit a pixel off and read worse than boxes found on the upright page, so OCR finds them anew.
    lines = None
    if orientation.lines is not None and not orientation.rotation:
        lines = [geometry.map_points(to_deskewed, quad).astype(np.float32) for quad in orientation.lines]
    return NormalizedPage(page, bgr, grey, orientation.rotation, skew, notes, to_source, lines)


def _paper_colour(bgr: NDArray[Any]) -> tuple[int, int, int]:
    """The brightest common colour, to fill the corners a deskew rotation uncovers."""
    sample = bgr[:: max(1, bgr.shape[0] // 200), :: max(1, bgr.shape[1] // 200)].reshape(-1, 3)
    return tuple(int(v) for v in np.percentile(sample, 90, axis=0))  # type: ignore[return-value]
