"""Coercion of whatever a scanner or decoder produced into the arrays the steps expect."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

MIN_SIDE = 32  # below this nothing is legible; such pages pass through untouched


def to_bgr(image: NDArray[Any]) -> NDArray[Any]:
    """uint8 BGR from grey (2-D or 1-channel), BGR, BGRA, or other integer/float depths."""
    array = np.asarray(image)
    if array.dtype != np.uint8:
        if array.dtype == np.uint16:
            array = (array >> 8).astype(np.uint8)
        elif np.issubdtype(array.dtype, np.floating) and array.size and float(np.nanmax(array)) <= 1.0:
            array = np.clip(np.nan_to_num(array) * 255.0, 0, 255).astype(np.uint8)
        else:
            array = np.clip(np.nan_to_num(array), 0, 255).astype(np.uint8)
    if array.ndim == 2:
        return cv2.cvtColor(array, cv2.COLOR_GRAY2BGR)
    if array.ndim == 3 and array.shape[2] == 1:
        return cv2.cvtColor(array[:, :, 0], cv2.COLOR_GRAY2BGR)
    if array.ndim == 3 and array.shape[2] == 4:
        # Transparent areas of a PNG are paper, not black: composite over white.
        alpha = array[:, :, 3:4].astype(np.float32) / 255.0
        rgb: NDArray[Any] = array[:, :, :3].astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
        return rgb.astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 3:
        return np.ascontiguousarray(array)
    raise ValueError(f"unsupported image shape {array.shape}")


def downscale(image: NDArray[Any], max_side: int) -> tuple[NDArray[Any], float]:
    """The image shrunk so its longer side is at most max_side, and the factor applied (≤ 1)."""
    scale = min(1.0, max_side / max(image.shape[:2]))
    if scale >= 1.0:
        return image, 1.0
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def is_blank(gray: NDArray[Any]) -> bool:
    """No ink worth reading: almost no dark pixels after a contrast-independent threshold."""
    small, _ = downscale(gray, 800)
    if int(small.max()) - int(small.min()) < 40:
        return True
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return float(np.count_nonzero(ink)) / ink.size < 0.001


def rotate_quarter(image: NDArray[Any], clockwise_degrees: int) -> NDArray[Any]:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    degrees = clockwise_degrees % 360
    return image if degrees == 0 else cv2.rotate(image, codes[degrees])
