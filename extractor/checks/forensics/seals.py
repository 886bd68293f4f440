"""Red round seals (圆形红章): HSV red segmentation, then a roughly circular blob of seal size."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.checks.forensics.regions import Box

# OpenCV hue runs 0..180; red wraps around 0.
RED_HUE_LOW, RED_HUE_HIGH = 12, 165
MIN_SATURATION, MIN_VALUE = 70, 60
# A seal is 38–58 mm across on a 210 mm wide page; accept photocopies scaled down or up.
MIN_DIAMETER, MAX_DIAMETER = 0.08, 0.40  # of the page's shorter side
MIN_ROUNDNESS = 0.55   # filled area / area of the enclosing ellipse
MAX_ASPECT = 1.6       # an oblique photo squashes a circle into an ellipse, not into a bar
MAX_TOUCHING = 3.2     # up to three seals stamped touching one another in a row
MIN_RING_INK = 0.6     # of a touching seal's rim: the ring is inked most of the way round
MIN_INK = 0.08         # of a seal's box: a stamp's ring, star and words
# Of a faded seal's rim: measured 0.78 on a blurred, faded applicant seal whose words were gone,
# 0.96 on a clear one, 0.19 for the best chance circle through the text beside them.
MIN_FADED_RING = 0.7
MAX_CIRCLES = 20
MAX_OUTSIDE_RING = 0.3  # a seal stands alone in red: a circle drawn through a block of red text does not
WORK_SIDE = 900        # seals are big: analyse a downscaled page
GREY_SPREAD = 24       # channel differences below this on (nearly) every pixel: a grey page


@dataclass(frozen=True)
class SealMark:
    box: Box          # in pixels of the page given
    bbox: tuple[float, float, float, float]  # fractions of the page
    diameter: float   # fraction of the shorter page side
    roundness: float


def is_greyscale(image: np.ndarray) -> bool:
    """A page scanned or saved without colour cannot show a red seal, present or not."""
    if image.ndim == 2 or image.shape[2] == 1:
        return True
    step = max(1, max(image.shape[:2]) // 600)
    sample = image[::step, ::step, :3].astype(np.int16)
    spread = np.abs(sample[:, :, 0] - sample[:, :, 1]) + np.abs(sample[:, :, 1] - sample[:, :, 2])
    return float(np.percentile(spread, 99.9)) < GREY_SPREAD


def red_mask(image: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((hue <= RED_HUE_LOW) | (hue >= RED_HUE_HIGH)) & (sat >= MIN_SATURATION) & (val >= MIN_VALUE)
    return red.astype(np.uint8) * 255


def find_seals(image: np.ndarray) -> list[SealMark]:
    """Every red blob on the page that looks like a round or oval seal."""
    if image.ndim != 3 or image.shape[2] < 3:
        return []  # a grey page cannot show a red seal
    height, width = image.shape[:2]
    scale = min(1.0, WORK_SIDE / max(height, width))
    small = cv2.resize(image[:, :, :3], (max(1, int(width * scale)), max(1, int(height * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1.0 else image[:, :, :3]
    mask = red_mask(small)
    short_side = min(small.shape[:2])
    # Close the gaps between the ring, the star and the curved characters into one disc.
    size = max(3, int(short_side * 0.025)) | 1
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    # Every contour, not only the outermost: a certificate's red frame round the page would hide
    # the seals inside it.
    contours, _ = cv2.findContours(closed, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    marks: list[SealMark] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        diameter = max(w, h) / short_side
        if MAX_ASPECT * min(w, h) < max(w, h) <= MAX_TOUCHING * min(w, h) \
                and MIN_DIAMETER <= min(w, h) / short_side <= MAX_DIAMETER:
            marks.extend(_touching_seals(mask, (x, y, w, h), scale, image.shape))
            continue
        if not MIN_DIAMETER <= diameter <= MAX_DIAMETER or max(w, h) > MAX_ASPECT * min(w, h):
            continue
        if len(contour) < 5:
            continue
        (_, _), (axis_a, axis_b), _ = cv2.fitEllipse(contour)
        ellipse_area = np.pi * axis_a * axis_b / 4
        hull_area = cv2.contourArea(cv2.convexHull(contour))
        roundness = hull_area / ellipse_area if ellipse_area else 0.0
        ink = mask[y:y + h, x:x + w].mean() / 255
        if roundness < MIN_ROUNDNESS or roundness > 1.25 or ink < MIN_INK:
            continue
        box = Box(int(x / scale), int(y / scale), int((x + w) / scale), int((y + h) / scale))
        marks.append(SealMark(box=box, bbox=box.fraction(image.shape), diameter=round(diameter, 3),
                              roundness=round(roundness, 2)))
    return _outermost(marks + _faded_seals(mask, scale, image.shape))


def _faded_seals(mask: np.ndarray, scale: float, shape: tuple[int, ...]) -> list[SealMark]:
    """Seals faded or blurred into broken arcs, which no closing joins into one blob: circles of a
    seal's size whose ring is inked most of the way round (text, frames and chance arcs are not)."""
    short_side = min(mask.shape[:2])
    found = cv2.HoughCircles(cv2.GaussianBlur(mask, (5, 5), 1.5), cv2.HOUGH_GRADIENT, dp=1.2,
                             minDist=short_side * MIN_DIAMETER, param1=100, param2=20,
                             minRadius=int(short_side * MIN_DIAMETER / 2),
                             maxRadius=int(short_side * MAX_DIAMETER / 2))
    marks: list[SealMark] = []
    for cx, cy, radius in (found[0][:MAX_CIRCLES] if found is not None else []):
        coverage = ring_coverage(mask > 0, cx, cy, radius, (0.9, 0.95, 1.0, 1.05, 1.1), samples=120)
        outside = ring_coverage(mask > 0, cx, cy, radius, (1.25, 1.35), samples=120)
        if coverage < MIN_FADED_RING or outside > MAX_OUTSIDE_RING:
            continue
        box = Box(max(0, int((cx - radius) / scale)), max(0, int((cy - radius) / scale)),
                  min(shape[1], int((cx + radius) / scale)), min(shape[0], int((cy + radius) / scale)))
        marks.append(SealMark(box=box, bbox=box.fraction(shape), diameter=round(float(2 * radius / short_side), 3),
                              roundness=round(coverage, 2)))
    return marks


def _outermost(marks: list[SealMark]) -> list[SealMark]:
    """One mark per seal: a contour mostly inside a bigger seal's box (a hole in its ring, the
    inner edge of a ring) is that seal again."""
    def shared(a: Box, b: Box) -> float:
        width = min(a.x1, b.x1) - max(a.x0, b.x0)
        height = min(a.y1, b.y1) - max(a.y0, b.y0)
        area = max(1, a.width * a.height)
        return max(0, width) * max(0, height) / area

    kept: list[SealMark] = []
    for mark in sorted(marks, key=lambda m: m.box.width * m.box.height, reverse=True):
        if all(shared(mark.box, other.box) < 0.5 for other in kept):
            kept.append(mark)
    return kept



def ring_coverage(inked: np.ndarray, cx: float, cy: float, radius: float,
                  factors: tuple[float, ...], samples: int) -> float:
    """Share of the circle's angles where some pixel of `inked` lies on one of the radii `factors`
    × radius: a seal's ring is inked nearly all the way round, a chance circle in text is not."""
    angles = np.linspace(0, 2 * np.pi, samples, endpoint=False)
    hit = np.zeros(samples, bool)
    for factor in factors:
        xs = np.clip((cx + factor * radius * np.cos(angles)).astype(int), 0, inked.shape[1] - 1)
        ys = np.clip((cy + factor * radius * np.sin(angles)).astype(int), 0, inked.shape[0] - 1)
        hit |= inked[ys, xs]
    return float(hit.mean())


def _touching_seals(mask: np.ndarray, rect: tuple[int, int, int, int], scale: float,
                    shape: tuple[int, ...]) -> list[SealMark]:
    """Two or three seals stamped touching (a copy's seal over the issuer's) make one long blob:
    the circles inside it, found by their rings, each inked nearly all the way round."""
    x, y, w, h = rect
    crop = mask[y:y + h, x:x + w]
    side = min(w, h)
    found = cv2.HoughCircles(cv2.GaussianBlur(crop, (5, 5), 1.5), cv2.HOUGH_GRADIENT, dp=1.2,
                             minDist=side * 0.7, param1=100, param2=20,
                             minRadius=int(side * 0.4), maxRadius=int(side * 0.6))
    if found is None:
        return []
    marks: list[SealMark] = []
    short_side = min(mask.shape[:2])
    for cx, cy, radius in found[0][:3]:
        coverage = ring_coverage(crop > 0, cx, cy, radius, (0.9, 0.95, 1.0, 1.05, 1.1), samples=120)
        if coverage < MIN_RING_INK:
            continue
        x0, y0 = (x + cx - radius) / scale, (y + cy - radius) / scale
        x1, y1 = (x + cx + radius) / scale, (y + cy + radius) / scale
        box = Box(max(0, int(x0)), max(0, int(y0)), min(shape[1], int(x1)), min(shape[0], int(y1)))
        marks.append(SealMark(box=box, bbox=box.fraction(shape), diameter=round(2 * radius / short_side, 3),
                              roundness=round(coverage, 2)))
    return marks
