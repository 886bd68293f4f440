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
