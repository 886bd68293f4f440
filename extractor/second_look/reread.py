"""Reading one value's region of the upright page again, from other images than the first read.

The first read saw the whole page's seal-suppressed grey, cut into lines by the detector. A second
look cuts the value's box (with a margin: boxes of values inside a line are estimated from
character widths) out of the upright colour page's red channel (red seal ink turns to paper) and
hands it to the recogniser as one line, as two images:

- the crop enlarged, its paper made white;
- only the darkest ink kept: everything lighter than half-way from the ink to the paper becomes
  paper. Seals on a grey scan, stamps' halos and background shading are lighter than printed text.

Only the recogniser runs: the detector, given a small crop, scales it to 736 px and finds nothing
on a grey background (measured: 5 s and no box on a clear licence line). Engines without a line
recogniser (Tesseract) read the images as pages.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.errors import OcrError
from extractor.ocr.base import OcrEngine
from extractor.pages import BBox
from extractor.second_look.verdict import Reading

MARGIN_X = 1.2   # box heights added left and right
MARGIN_Y = 0.2   # box heights added above and below: more takes in seal arcs and the next row
SCALE = 2.0
INK_LEVEL = 0.5  # of the way from the darkest ink to the paper: lighter than this is not print
MIN_BOX_PX = 4


def crop_box(image: NDArray[Any], bbox: BBox) -> NDArray[Any] | None:
    """The box (page fractions) with its margin, in pixels of `image`; None for a degenerate box."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = bbox[0] * width, bbox[1] * height, bbox[2] * width, bbox[3] * height
    box_height = y1 - y0
    if box_height < MIN_BOX_PX or x1 - x0 < MIN_BOX_PX:
        return None
    left = int(max(0, x0 - MARGIN_X * box_height))
    right = int(min(width, x1 + MARGIN_X * box_height))
    top = int(max(0, y0 - MARGIN_Y * box_height))
    bottom = int(min(height, y1 + MARGIN_Y * box_height))
    return image[top:bottom, left:right]


def views(crop: NDArray[Any]) -> list[NDArray[Any]]:
    """The images a second look reads (see the module doc): whitened paper, and darkest ink only."""
    grey = np.ascontiguousarray(crop[:, :, 2]) if crop.ndim == 3 else crop
    big = cv2.resize(grey, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_CUBIC).astype(np.float32)
    ink, paper = float(np.percentile(big, 1)), float(np.percentile(big, 90))
    span = max(paper - ink, 1.0)
    whitened = (big - ink) * (255.0 / span)
    ink_only = (big - ink) * (255.0 / max(INK_LEVEL * span, 1.0))
    return [np.clip(view, 0, 255).astype(np.uint8) for view in (whitened, ink_only)]


def _read(engine: OcrEngine, images: list[NDArray[Any]]) -> list[Reading]:
    recognise = getattr(engine, "recognise", None)  # RapidOcrEngine, or a CachedEngine around one
    if callable(recognise):
        return [Reading(str(text), float(confidence)) for text, confidence in recognise(images)]
    readings = []
    for image in images:
        lines = engine.read(image).lines
        readings.append(Reading("".join(line.text for line in lines),
                                min((line.confidence for line in lines), default=0.0)))
    return readings


def reread_region(upright: NDArray[Any], bbox: BBox, engine: OcrEngine) -> list[Reading]:
    """One `Reading` per view of the region; none when the box is degenerate or the engine failed."""
    crop = crop_box(upright, bbox)
    if crop is None or crop.size == 0:
        return []
    try:
        return _read(engine, views(crop))
    except OcrError:
        return []
