"""Does a region carry other noise, or another paper tone, than the page around it?

A value pasted over a scan comes from another image: a clean patch lacks the scan's sensor
noise, and its paper grey rarely matches the scan's lighting. Both are measured on *flat* pixels only (paper, or ink interiors), where
the residual of a 3×3 median is noise and not text, so text, seals and photos do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.checks.forensics.regions import Box, gray_of, inside

FLAT_GRADIENT = 14      # grey levels of morphological gradient under which a pixel is "flat"
MIN_FLAT_PIXELS = 120   # fewer and a noise estimate is not worth comparing
NOISE_RATIO = 2.2       # the band around this many times noisier than the region ...
NOISE_DIFFERENCE = 1.2  # ... and by this many grey levels at least
NOISE_FLOOR = 0.35      # quantisation alone gives about this much
PAPER_STEP = 9.0        # grey levels between the region's paper and the surrounding paper
PAPER_MIN = 150         # only pixels this bright count as paper


@dataclass(frozen=True)
class RegionNoise:
    inner_sigma: float
    outer_sigma: float
    inner_paper: float
    outer_paper: float
    inner_pixels: int
    outer_pixels: int

    @property
    def comparable(self) -> bool:
        return min(self.inner_pixels, self.outer_pixels) >= MIN_FLAT_PIXELS

    @property
    def noise_ratio(self) -> float:
        low = max(min(self.inner_sigma, self.outer_sigma), NOISE_FLOOR)
        return max(self.inner_sigma, self.outer_sigma) / low

    @property
    def quieter_inside(self) -> bool:
        """A clean patch on a noisy scan. Only this direction counts: JPEG ringing between the
        strokes of a value makes genuine text regions look *noisier* than their margins."""
        return (self.comparable and self.inner_sigma < self.outer_sigma and self.noise_ratio >= NOISE_RATIO
                and self.outer_sigma - self.inner_sigma >= NOISE_DIFFERENCE)

    @property
    def paper_differs(self) -> bool:
        return self.comparable and abs(self.inner_paper - self.outer_paper) >= PAPER_STEP


@dataclass(frozen=True)
class NoiseMaps:
    """Per-pixel residual and flatness of a page, computed once and cut for every region."""

    gray: np.ndarray
    residual: np.ndarray
    flat: np.ndarray


def noise_maps(image: np.ndarray) -> NoiseMaps:
    gray = gray_of(image)
    median = cv2.medianBlur(gray, 3)
    residual = gray.astype(np.float32) - median.astype(np.float32)
    smooth = cv2.medianBlur(gray, 5)
    kernel = np.ones((5, 5), np.uint8)
    gradient = cv2.morphologyEx(smooth, cv2.MORPH_GRADIENT, kernel)
    return NoiseMaps(gray=gray, residual=residual, flat=gradient < FLAT_GRADIENT)


def _sigma(values: np.ndarray) -> float:
    """Robust standard deviation (MAD), insensitive to the few text pixels that pass as flat."""
    if values.size == 0:
        return 0.0
    return float(1.4826 * np.median(np.abs(values - np.median(values))))


def _paper(values: np.ndarray) -> float:
    bright = values[values >= PAPER_MIN]
    return float(np.median(bright)) if bright.size else 0.0


def compare_region(maps: NoiseMaps, region: Box) -> RegionNoise:
    """The region against the band around it (its own row band widened, and above and below)."""
    pad_x = max(region.width // 2, 3 * region.height)
    pad_y = max(region.height, 24)
    outer = region.grow(pad_x, pad_y, maps.gray.shape)
    core, ring = inside(maps.gray.shape, region, outer)
    flat = maps.flat[outer.y0:outer.y1, outer.x0:outer.x1]
    residual = maps.residual[outer.y0:outer.y1, outer.x0:outer.x1]
    gray = maps.gray[outer.y0:outer.y1, outer.x0:outer.x1]
    inner_mask, outer_mask = core & flat, ring & flat
    return RegionNoise(
        inner_sigma=_residual_sigma(residual[inner_mask]),
        outer_sigma=_residual_sigma(residual[outer_mask]),
        inner_paper=_paper(gray[inner_mask]),
        outer_paper=_paper(gray[outer_mask]),
        inner_pixels=int(inner_mask.sum()),
        outer_pixels=int(outer_mask.sum()),
    )


def _residual_sigma(values: np.ndarray) -> float:
    """MAD collapses to 0 on integer residuals of weak noise: blend in the clipped RMS."""
    if values.size == 0:
        return 0.0
    clipped = np.clip(values, -12, 12)
    return max(_sigma(values), float(np.sqrt(np.mean(clipped * clipped))))
