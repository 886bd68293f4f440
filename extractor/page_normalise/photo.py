"""Phone photos: find the page quadrilateral on a contrasting background and warp it flat.

A scan fills its frame with paper; a photo shows a bright page on a darker table or floor. We
look for the largest convex four-cornered bright region that covers 20–97 % of the frame and is
clearly brighter than what surrounds it, then warp it to A4 proportions (portrait or landscape
by the quad's own shape). Quads far from A4 (a receipt, an ID card) keep their measured aspect.
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.page_normalise.images import downscale

A4_ASPECT = 297.0 / 210.0
_MIN_AREA, _MAX_AREA = 0.20, 0.97
_MIN_CONTRAST = 35.0  # mean grey inside minus outside the quad


def _order_corners(points: NDArray[Any]) -> NDArray[Any]:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array(
        [
            points[np.argmin(sums)],
            points[np.argmin(diffs)],
            points[np.argmax(sums)],
            points[np.argmax(diffs)],
        ],
        dtype=np.float32,
    )


def find_page_quad(bgr: NDArray[Any]) -> NDArray[Any] | None:
    """The page's four corners in full-resolution pixels, or None when this is not a photo of a page."""
    small, scale = downscale(bgr, 800)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Close the page's own text and rulings so the page is one blob.
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    frame_area = float(gray.shape[0] * gray.shape[1])
    area = cv2.contourArea(contour)
    if not _MIN_AREA <= area / frame_area <= _MAX_AREA:
        return None
    hull = cv2.convexHull(contour)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    mask = np.zeros_like(gray)
    cv2.fillConvexPoly(mask, quad.reshape(-1, 2), 255)
    outside = gray[mask == 0]
    if outside.size < 0.02 * frame_area:
        return None
    if float(gray[mask > 0].mean()) - float(outside.mean()) < _MIN_CONTRAST:
        return None
    return _order_corners(quad.reshape(4, 2).astype(np.float32) / scale)


def warp_page(bgr: NDArray[Any], corners: NDArray[Any]) -> NDArray[Any]:
    """The quad warped to a rectangle: A4 proportions when the quad is near A4, else its own."""
    matrix, (out_w, out_h) = page_warp(corners)
    return cv2.warpPerspective(
        bgr, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def page_warp(corners: NDArray[Any]) -> tuple[NDArray[Any], tuple[int, int]]:
    """The perspective matrix (OpenCV pixel-centre coordinates) taking the quad to its flat
    rectangle, and that rectangle's (width, height)."""
    top_left, top_right, bottom_right, bottom_left = corners
    width = float(np.linalg.norm(top_right - top_left) + np.linalg.norm(bottom_right - bottom_left)) / 2
    height = float(np.linalg.norm(bottom_left - top_left) + np.linalg.norm(bottom_right - top_right)) / 2
    long_side, short_side = max(width, height), max(min(width, height), 1.0)
    # Perspective shortens one side by up to ~25 %; within that, the page is taken to be A4.
    if abs(math.log((long_side / short_side) / A4_ASPECT)) < math.log(1.25):
        short_side = long_side / A4_ASPECT
    out_w, out_h = (long_side, short_side) if width >= height else (short_side, long_side)
    out_w, out_h = int(round(out_w)), int(round(out_h))
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    return cv2.getPerspectiveTransform(corners.astype(np.float32), target), (out_w, out_h)
