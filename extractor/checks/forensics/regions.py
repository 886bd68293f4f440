"""Pixel regions around a field: the field's own box and the band of page around it."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.pages import BBox


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def grow(self, dx: int, dy: int, shape: tuple[int, ...]) -> Box:
        return Box(max(0, self.x0 - dx), max(0, self.y0 - dy),
                   min(shape[1], self.x1 + dx), min(shape[0], self.y1 + dy))

    def fraction(self, shape: tuple[int, ...]) -> BBox:
        h, w = shape[0], shape[1]
        return (round(self.x0 / w, 4), round(self.y0 / h, 4), round(self.x1 / w, 4), round(self.y1 / h, 4))


def to_pixels(bbox: BBox, shape: tuple[int, ...]) -> Box:
    h, w = shape[0], shape[1]
    x0, y0, x1, y1 = bbox
    return Box(int(max(0.0, x0) * w), int(max(0.0, y0) * h), int(min(1.0, x1) * w + 0.999),
               int(min(1.0, y1) * h + 0.999))


def gray_of(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def inside(mask_shape: tuple[int, ...], inner: Box, outer: Box) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks (over `outer`) of the inner box and of the ring around it."""
    ring = np.ones((outer.height, outer.width), dtype=bool)
    core = np.zeros_like(ring)
    core[inner.y0 - outer.y0:inner.y1 - outer.y0, inner.x0 - outer.x0:inner.x1 - outer.x0] = True
    ring &= ~core
    return core, ring


# A region whose upright box maps onto the source this far from a (turned, slightly skewed)
# rectangle was perspective-warped (phone photo): its source pixels are not comparable.
MAX_CORNER_ANGLE_DEVIATION = 8.0   # degrees
MAX_SIDE_RATIO_CHANGE = 0.15       # opposite sides' length ratio beyond 1 ± this
MIN_SOURCE_SCALE = 0.6             # source pixels per upright pixel: fewer and the cues are gone


@dataclass(frozen=True)
class SourceRegion:
    box: Box | None      # axis-aligned crop of the source image, None when degenerate
    reason: str = ""     # why it is None


def source_region(bbox: BBox, upright_shape: tuple[int, ...], source_shape: tuple[int, ...],
                  upright_to_source: np.ndarray | None) -> SourceRegion:
    """The axis-aligned source-image box under an upright bbox (fractions of the upright page)."""
    h, w = upright_shape[0], upright_shape[1]
    x0, y0, x1, y1 = max(0.0, bbox[0]) * w, max(0.0, bbox[1]) * h, min(1.0, bbox[2]) * w, min(1.0, bbox[3]) * h
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)
    if upright_to_source is None:
        mapped = corners
    else:
        homogeneous = np.hstack([corners, np.ones((4, 1))]) @ np.asarray(upright_to_source, np.float64).T
        if np.any(np.abs(homogeneous[:, 2]) < 1e-9):
            return SourceRegion(None, "region maps to infinity")
        mapped = homogeneous[:, :2] / homogeneous[:, 2:3]
        problem = _warp_problem(corners, mapped)
        if problem:
            return SourceRegion(None, problem)
    sh, sw = source_shape[0], source_shape[1]
    box = Box(int(max(0.0, mapped[:, 0].min())), int(max(0.0, mapped[:, 1].min())),
              int(min(float(sw), mapped[:, 0].max()) + 0.999), int(min(float(sh), mapped[:, 1].max()) + 0.999))
    if box.width <= 0 or box.height <= 0:
        return SourceRegion(None, "region lies outside the source image")
    return SourceRegion(box)


def _warp_problem(upright: np.ndarray, mapped: np.ndarray) -> str:
    if not np.all(np.isfinite(mapped)):
        return "region maps to infinity"
    sides = np.roll(mapped, -1, axis=0) - mapped
    lengths = np.linalg.norm(sides, axis=1)
    upright_lengths = np.linalg.norm(np.roll(upright, -1, axis=0) - upright, axis=1)
    if np.any(lengths < 1e-6) or np.any(upright_lengths < 1e-6):
        return "region collapses to a line"
    for i in range(4):
        a, b = -sides[i - 1], sides[i]
        cosine = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
        if abs(90.0 - np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))) > MAX_CORNER_ANGLE_DEVIATION:
            return "region is perspective-warped (phone photo)"
    if (abs(lengths[0] / lengths[2] - 1.0) > MAX_SIDE_RATIO_CHANGE
            or abs(lengths[1] / lengths[3] - 1.0) > MAX_SIDE_RATIO_CHANGE):
        return "region is perspective-warped (phone photo)"
    scales = lengths / upright_lengths
    # A turn, a skew and a uniform resize keep the box's two axes equally scaled; a keystone does not.
    if abs(float(scales[0] + scales[2]) / float(scales[1] + scales[3]) - 1.0) > MAX_SIDE_RATIO_CHANGE:
        return "region is perspective-warped (phone photo)"
    if float(np.min(scales)) < MIN_SOURCE_SCALE:
        return "region is shrunk in the source image"
    return ""
