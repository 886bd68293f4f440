"""Where an upright pixel came from: the homography from the upright page back to the source image.

Coordinates here are continuous *edge* coordinates — pixel (i, j) spans [j, j+1) × [i, i+1) — so
a bbox given as page fractions maps by multiplying with the image size. OpenCV's warp matrices use
pixel-centre coordinates; `from_centre_matrix` converts them.

Each normalisation step is a map old → new; the page keeps upright → source, so a step composes as
    upright_to_source_new = upright_to_source_old @ inverse(step).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

_HALF_PIXEL = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.0, 0.0, 1.0]])
_MINUS_HALF_PIXEL = np.array([[1.0, 0.0, -0.5], [0.0, 1.0, -0.5], [0.0, 0.0, 1.0]])


def identity() -> NDArray[Any]:
    return np.eye(3)


def from_centre_matrix(matrix: NDArray[Any]) -> NDArray[Any]:
    """A 2×3 or 3×3 OpenCV (pixel-centre) matrix as a 3×3 map of edge coordinates."""
    full = np.eye(3)
    full[: matrix.shape[0], :] = np.asarray(matrix, dtype=np.float64)
    return _HALF_PIXEL @ full @ _MINUS_HALF_PIXEL


def scaling(old_shape: tuple[int, ...], new_shape: tuple[int, ...]) -> NDArray[Any]:
    """A resize from old_shape to new_shape (edge coordinates scale exactly by the size ratio)."""
    return np.diag([new_shape[1] / old_shape[1], new_shape[0] / old_shape[0], 1.0])


def quarter_turn(old_shape: tuple[int, ...], clockwise_degrees: int) -> NDArray[Any]:
    """The map of images.rotate_quarter: old coordinates → coordinates in the turned image."""
    height, width = old_shape[:2]
    degrees = clockwise_degrees % 360
    if degrees == 90:  # the left column becomes the top row
        return np.array([[0.0, -1.0, height], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    if degrees == 180:
        return np.array([[-1.0, 0.0, width], [0.0, -1.0, height], [0.0, 0.0, 1.0]])
    if degrees == 270:
        return np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, width], [0.0, 0.0, 1.0]])
    return np.eye(3)


def then(upright_to_source: NDArray[Any], step: NDArray[Any]) -> NDArray[Any]:
    """The upright → source map after one more step (old → new) was applied to the page."""
    return upright_to_source @ np.linalg.inv(step)


def map_points(homography: NDArray[Any] | None, points: NDArray[Any]) -> NDArray[Any]:
    """(n, 2) points through a 3×3 homography (None = identity); NaN where a point maps to infinity."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if homography is None:
        return points.copy()
    ones = np.ones((len(points), 1))
    mapped = np.hstack([points, ones]) @ np.asarray(homography, dtype=np.float64).T
    with np.errstate(divide="ignore", invalid="ignore"):
        out = mapped[:, :2] / mapped[:, 2:3]
    out[np.abs(mapped[:, 2]) < 1e-9] = np.nan
    return out
