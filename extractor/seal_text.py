"""The words printed around a round red seal (圆形印章), read by unrolling the seal into a strip.

Registration authorities print their own name only inside their seal (登记机关 on a licence is a
label with the seal stamped over it), and the red-channel suppression before OCR erases exactly
that ink. Here the seal is found on the colour page, its redness is unrolled in polar coordinates
(angle → x, radius → y, outer edge up) so the curved characters stand upright in one line, and
that line is read by the same OCR engine as the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.checks.forensics.seals import MAX_DIAMETER, MIN_DIAMETER, find_seals, is_greyscale, ring_coverage
from extractor.errors import OcrError
from extractor.ocr.base import OcrEngine
from extractor.pages import SealText

# Where the characters sit, as fractions of the seal's radius: inside the outer ring, outside the
# star. Seals of every authority are cut to the same standard (GA 241), so fixed fractions hold.
BAND_INNER, BAND_OUTER = 0.48, 0.93
MIN_RADIUS_PX = 40     # a seal smaller than this on the page carries no readable characters
STRIP_CHAR_PX = 48     # the recogniser's line height
BLACK_PRINT = 70       # grey level below which a grey scan's pixel is printed text, not seal ink
MIN_RING_COVERAGE = 0.75
FIT_FROM_COVERAGE = 0.5  # a circle ringed this far round is worth fitting to its ring
MAX_INK_INSIDE = 0.6     # measured: seals 0.17-0.25 of their disk inked, a photo's filled head 0.99
FIT_STEPS = 6            # of 2 work pixels each: enough for the Hough error, not to wander off
MAX_GREY_SEALS = 4     # more "rings" than this on one page are a pattern (a grid, a shadow), not seals
RING_ROW = 0.6         # a strip row inked along more than this share of its length is the ring
WORK_SIDE = 900
GAP_SMOOTH = 0.04      # of the circumference: the smoothing before looking for the unprinted gap
_NOT_SEAL_TEXT = re.compile(r"[^\u4e00-\u9fff()（）]")


@dataclass(frozen=True)
class SealCircle:
    cx: float
    cy: float
    radius: float      # page pixels, to the outside of the ring


def read_seals(page_image: NDArray[np.uint8], engine: OcrEngine) -> list[SealText]:
    """The arc text of every round seal on an upright page, red or (on a grey scan) grey."""
    if page_image.ndim == 3 and not is_greyscale(page_image):
        ink = redness(page_image)
        circles = _red_circles(page_image, ink)
    else:
        circles = _grey_circles(page_image)  # the whole-page ink map only when there is a seal to unroll
        ink = darkness(page_image) if circles else np.zeros((1, 1), np.float32)
    height, width = page_image.shape[:2]
    found: list[SealText] = []
    for circle in circles:
        strip = unrolled_seal(ink, circle)
        if strip is None:
            continue
        read = _read_line(engine, strip)
        if read is None:
            continue
        text, confidence = read
        r = circle.radius
        bbox = (max(0.0, (circle.cx - r) / width), max(0.0, (circle.cy - r) / height),
                min(1.0, (circle.cx + r) / width), min(1.0, (circle.cy + r) / height))
        found.append(SealText(text=text, confidence=round(confidence, 3),
                              bbox=tuple(round(v, 4) for v in bbox)))  # type: ignore[arg-type]
    return found


def _read_line(engine: OcrEngine, strip: NDArray[np.uint8]) -> tuple[str, float] | None:
    """One line of text: the recogniser alone when the engine has one (no detector needed)."""
    try:
        recognise = getattr(engine, "recognise", None)
        if recognise is not None:
            results = recognise([strip])
            text, confidence = results[0] if results else ("", 0.0)
        else:
            lines = sorted(engine.read(strip).lines, key=lambda line: line.bbox[0])
            text = "".join(line.text for line in lines)
            confidence = min((line.confidence for line in lines), default=0.0)
    except OcrError:
        return None
    text = _NOT_SEAL_TEXT.sub("", text)
    return (text, float(confidence)) if text else None


def redness(image: NDArray[np.uint8]) -> NDArray[np.float32]:
    """How red each pixel is, 0..1: red minus the mean of green and blue; black text scores 0."""
    bgr = image[:, :, :3].astype(np.float32)
    red = bgr[:, :, 2] - (bgr[:, :, 0] + bgr[:, :, 1]) / 2
    return np.clip(red / 120.0, 0.0, 1.0)


def darkness(image: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Seal ink on a grey scan, 0..1: mid-grey strokes; black print (and its edge) scores 0.

    A red seal turns mid-grey in a greyscale scan while printed text stays near black, so the
    black strokes that cross the seal (登记机关, the date) are cut out of its characters.
    """
    grey = image if image.ndim == 2 else cv2.cvtColor(image[:, :, :3], cv2.COLOR_BGR2GRAY)
    background = float(np.percentile(grey, 90))
    ink = np.clip((background - grey.astype(np.float32) - 25) / 70.0, 0.0, 1.0)
    black = cv2.dilate((grey < BLACK_PRINT).astype(np.uint8), np.ones((5, 5), np.uint8))
    ink[black > 0] = 0.0
    return ink


def _red_circles(image: NDArray[np.uint8], ink: NDArray[np.float32]) -> list[SealCircle]:
    """Seals found by their red blob; each centred on the smallest circle around its red ink."""
    height, width = image.shape[:2]
    circles: list[SealCircle] = []
    for mark in find_seals(image):
        box = mark.box
        margin = int(0.08 * max(box.x1 - box.x0, box.y1 - box.y0))
        x0, y0 = max(0, box.x0 - margin), max(0, box.y0 - margin)
        x1, y1 = min(width, box.x1 + margin), min(height, box.y1 + margin)
        mask = (ink[y0:y1, x0:x1] > 0.25).astype(np.uint8)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # specks are noise
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
        keep = np.zeros(count, bool)
        keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= 12
        points = cv2.findNonZero(keep[labels].astype(np.uint8))
        if points is None:
            continue
        # The smallest circle around the points is the one around their hull, found in a fraction
        # of the time (a seal holds tens of thousands of red pixels, its hull a few hundred).
        (cx, cy), radius = cv2.minEnclosingCircle(cv2.convexHull(points))
        circles.append(SealCircle(cx + x0, cy + y0, float(radius)))
    return circles


def _grey_circles(image: NDArray[np.uint8]) -> list[SealCircle]:
    """Seals on a grey scan: circles of seal size whose ring is inked nearly all the way round."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image[:, :, :3], cv2.COLOR_BGR2GRAY)
    scale = min(1.0, WORK_SIDE / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    short = min(small.shape)
    found = cv2.HoughCircles(cv2.GaussianBlur(small, (5, 5), 1.5), cv2.HOUGH_GRADIENT, dp=1.5,
                             minDist=short * MIN_DIAMETER, param1=120, param2=45,
                             minRadius=int(short * MIN_DIAMETER / 2), maxRadius=int(short * MAX_DIAMETER / 2))
    if found is None:
        return []
    background = float(np.percentile(small, 90))
    inked = small < background - 35
    seal_ink = inked & (small >= BLACK_PRINT)  # inked, but not black print
    scored = sorted((_fitted_ring(seal_ink, float(cx), float(cy), float(radius)) for cx, cy, radius in found[0]),
                    reverse=True)
    kept: list[tuple[float, float, float]] = []
    for coverage, cx, cy, radius in scored:
        if coverage < MIN_RING_COVERAGE:
            break
        # The Hough transform answers a ring with several near-concentric circles: one seal, once.
        if any(np.hypot(cx - x, cy - y) < 0.5 * max(radius, r) for x, y, r in kept):
            continue
        if _inked_inside(inked, cx, cy, radius) > MAX_INK_INSIDE:
            continue  # a filled disk (the head of an ID photo's silhouette), not a ring of characters
        kept.append((cx, cy, radius))
    if len(kept) > MAX_GREY_SEALS:
        return []
    return [SealCircle(cx / scale, cy / scale, radius / scale) for cx, cy, radius in kept]


def _ring_score(seal_ink: NDArray[np.bool_], cx: float, cy: float, radius: float) -> float:
    return ring_coverage(seal_ink, cx, cy, radius, (0.94, 0.97, 1.0, 1.03), samples=180)


def _inked_inside(inked: NDArray[np.bool_], cx: float, cy: float, radius: float) -> float:
    """Share of the disk inside the ring that is inked: a seal's characters and star cover a fifth."""
    height, width = inked.shape
    x0, x1 = max(0, int(cx - radius)), min(width, int(cx + radius) + 1)
    y0, y1 = max(0, int(cy - radius)), min(height, int(cy + radius) + 1)
    ys, xs = np.ogrid[y0:y1, x0:x1]
    disk = (xs - cx) ** 2 + (ys - cy) ** 2 <= (0.9 * radius) ** 2
    return float(inked[y0:y1, x0:x1][disk].mean()) if disk.any() else 0.0


def _fitted_ring(seal_ink: NDArray[np.bool_], cx: float, cy: float,
                 radius: float) -> tuple[float, float, float, float]:
    """(coverage, cx, cy, radius) of the Hough circle moved to where its ring is inked most.

    The Hough centre of a grey seal lands a few pixels off and its radius short (measured: 4 px
    and 7 % on a deskewed licence copy), enough to leave a quarter of the real ring unsampled.
    Only circles already ringed half-way round are moved: chance circles in text stay as found.
    """
    best = (_ring_score(seal_ink, cx, cy, radius), cx, cy, radius)
    if best[0] < FIT_FROM_COVERAGE:
        return best
    for _ in range(FIT_STEPS):
        _, x, y, r = best
        moves = [(x + dx, y + dy, r + dr) for dx in (-2, 0, 2) for dy in (-2, 0, 2) for dr in (-2, 0, 2)]
        better = max((_ring_score(seal_ink, *move), *move) for move in moves)
        if better[0] <= best[0]:
            break
        best = better
    return best


def unrolled_seal(ink: NDArray[np.float32], circle: SealCircle) -> NDArray[np.uint8] | None:
    """The seal's character band as a dark-on-white line image, starting at the unprinted gap."""
    radius = circle.radius
    if radius < MIN_RADIUS_PX:
        return None
    turns = max(64, int(round(2 * np.pi * radius)))
    # warpPolar: one row per angle (clockwise on the page, from 3 o'clock), one column per radius.
    polar = cv2.warpPolar(ink, (int(round(radius)), turns), (circle.cx, circle.cy), radius,
                          cv2.WARP_POLAR_LINEAR | cv2.INTER_LINEAR)
    band = polar[:, int(BAND_INNER * radius):int(BAND_OUTER * radius)]
    strip = np.flipud(band.T)  # angle → x (reading order, clockwise), outer edge → top
    strip = np.roll(strip, -_gap_centre(strip), axis=1)
    strip = _trim_to_ink(strip)
    if strip is None:
        return None
    # Arc length at the band's middle, not at the rim: characters keep their proportions.
    middle = (BAND_INNER + BAND_OUTER) / 2
    scale = STRIP_CHAR_PX / max(strip.shape[0], 1)
    size = (max(1, int(strip.shape[1] * middle * scale)), STRIP_CHAR_PX)
    strip = cv2.resize(strip, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    line = (255 - np.clip(strip * 1.6, 0, 1) * 255).astype(np.uint8)
    pad = STRIP_CHAR_PX // 4
    return cv2.copyMakeBorder(line, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _trim_to_ink(strip: NDArray[np.float32]) -> NDArray[np.float32] | None:
    """The strip cut to its characters: without the ring's edge (a row inked all along) and the gap."""
    inked = strip > 0.3
    rows = inked.mean(axis=1)
    text_rows = np.flatnonzero((rows > 0.03) & (rows < RING_ROW))
    columns = np.flatnonzero(inked[text_rows].any(axis=0)) if text_rows.size else text_rows
    if text_rows.size < 4 or columns.size < 4:
        return None
    strip = strip.copy()
    strip[rows >= RING_ROW] = 0.0
    return strip[text_rows[0]:text_rows[-1] + 1, columns[0]:columns[-1] + 1]


def _gap_centre(strip: NDArray[np.float32]) -> int:
    """The column in the middle of the longest stretch without characters (the seal's foot)."""
    profile = strip.mean(axis=0)
    width = profile.size
    kernel = max(3, int(GAP_SMOOTH * width)) | 1
    smooth = np.convolve(np.concatenate([profile[-kernel:], profile, profile[:kernel]]),
                         np.ones(kernel) / kernel, mode="same")[kernel:kernel + width]
    empty = smooth < max(0.02, 0.25 * float(smooth.mean()))
    if empty.all() or not empty.any():
        return int(np.argmin(smooth))
    # Longest circular run of empty columns: unroll twice so a run across the seam counts whole.
    doubled = np.concatenate([empty, empty])
    best_start, best_length, start = 0, 0, None
    for index, is_empty in enumerate(doubled):
        if is_empty and start is None:
            start = index
        if (not is_empty or index == doubled.size - 1) and start is not None:
            length = index - start
            if length > best_length:
                best_start, best_length = start, length
            start = None
    return int((best_start + best_length // 2) % width)
