"""Red-seal suppression and light flattening for the OCR image.

OCR-NOTES: taking the red channel as grey is the largest measured gain (RapidOCR on sealed
pages 84 → 100 % fields): red ink is bright in the red channel and nearly vanishes, while black
and blue ink stay dark, including black text printed under a seal.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.page_normalise.images import downscale


def red_channel(bgr: NDArray[Any]) -> NDArray[Any]:
    return np.ascontiguousarray(bgr[:, :, 2])


def flatten_illumination(gray: NDArray[Any]) -> NDArray[Any]:
    """Divide by a heavily blurred, text-free copy: shadows and uneven phone light become white paper.

    The background is estimated on a ≤ 600 px copy (a grey closing removes strokes, a blur smooths
    it) and scaled back, so the cost stays ~30 ms whatever the page size.
    """
    small, scale = downscale(gray, 600)
    kernel_side = max(3, int(max(small.shape) / 40) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (kernel_side, kernel_side))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), sigmaX=kernel_side)
    if scale < 1.0:
        background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(background, 1), scale=255)


def ocr_grey(bgr: NDArray[Any]) -> NDArray[Any]:
    """The single-channel OCR image: red channel (seals gone), evenly lit, light grey pushed to white."""
    flat = flatten_illumination(red_channel(bgr))
    # Seal remnants and paper texture sit just below white after flattening; stretch them away
    # without touching the dark strokes the recogniser needs.
    return cv2.LUT(flat, _WHITEN)


_WHITEN = np.clip(np.arange(256, dtype=np.float32) * (255.0 / 225.0), 0, 255).astype(np.uint8)
