"""How RapidOCR prepares its models' inputs, made cheaper without changing what the models see
(the detector's) or changing it in a bounded way (the recogniser's, at bf16 only).

Detector: RapidOCR normalises the detector's copy of the page as `(img.astype(float32) * scale -
mean) / std` with float64 mean and std, so a 1248x1760 page is pushed through float64 arithmetic
(85-335 ms a page). A page is uint8, so each channel has only 256 possible results: computing
those 256 with the library's own expression and looking them up (cv2.LUT, 3 ms; numpy's take
with a strided output took 38-53 ms) gives exactly its detector input (the tests compare them
bit for bit).

Recogniser: a batch of line crops is padded to the width of its widest line, so nearly every
batch has a shape never seen before. At f32 that costs little, but a bf16 model prepares its
kernels per input shape (about 40 ms each on this machine) and keeps what it prepared: about 8 MiB
a shape, 330 MiB for 16 widths x 6 batch sizes. Rounding the padded width up to one of a few
widths, and topping a batch up with blank lines to the one count its width holds, bounds the
shapes to one per width. Rounding the widths alone made the 1282 lines of a 40-page binder take
12.1 s instead of 14.0 s (one thread). More zero padding changes a few reads (3 of those 1282 at
f32, all punctuation), so f32 keeps the library's exact widths and the same reads as onnxruntime.

At every precision a batch holds fewer lines where they are wide (BATCH_WIDTH_BUDGET): the
recogniser's working memory grows with lines x width.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

LINE_HEIGHT = 48  # the recogniser's input height (RapidOCR's rec_img_shape)
LINE_WIDTHS = (320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096)
"""Padded recogniser input widths; 320 is the library's own minimum, steps of 12-25 %."""
WIDE_LINE_STEP = 1024  # past the last width (a unrolled seal, a page-wide paragraph)
LINES_PER_BATCH = 6  # RapidOCR's rec_batch_num
BATCH_WIDTH_BUDGET = LINES_PER_BATCH * 1024
"""Lines in a recogniser batch times their padded width (px at LINE_HEIGHT). Six lines up to 1024 px
go together as in the library; wider ones fewer to a batch. The recogniser's working memory grows
with this product (bf16, 2 threads: 6 x 1024 px 100 MiB, 6 x 3072 px 281 MiB, 1 x 3072 px 60 MiB),
while its time per line does not fall with it (0.058 s a 3072 px line in sixes, 0.048 alone)."""


def normalise_by_table(preprocess: Any) -> Callable[[NDArray[Any]], NDArray[Any]]:
    """A drop-in for `preprocess.normalize` (a RapidOCR DetPreProcess) that looks uint8 pages up."""
    library_normalise = preprocess.normalize
    levels = np.arange(256, dtype=np.uint8).reshape(256, 1)
    # Row v, column c: what the library computes for value v in channel c.
    # The library casts its float64 result to float32 after this step; casting the table first
    # gives the same float32 values without a float64 page in between.
    channels = len(np.atleast_1d(preprocess.mean))
    table = library_normalise(np.repeat(levels, channels, axis=1)).astype(np.float32).reshape(1, 256, channels)

    def normalise(image: NDArray[Any]) -> NDArray[Any]:
        if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != channels or channels > 4:
            return library_normalise(image)
        return cv2.LUT(image, table)

    return normalise


def fast_detector_input(text_det: Any) -> None:
    """Make a RapidOCR TextDetector normalise its input by table lookup (it builds a new
    preprocessor for every image, so the method that builds them is wrapped)."""
    build_preprocess = text_det.get_preprocess

    def get_preprocess(max_wh: int) -> Any:
        preprocess = build_preprocess(max_wh)
        preprocess.normalize = normalise_by_table(preprocess)
        return preprocess

    text_det.get_preprocess = get_preprocess


def lines_per_batch(width: float) -> int:
    """How many lines a batch padded to `width` px holds."""
    return max(1, min(LINES_PER_BATCH, int(BATCH_WIDTH_BUDGET // max(width, LINE_WIDTHS[0]))))


def line_width(crop: NDArray[Any]) -> float:
    """The width a line crop takes at the recogniser's LINE_HEIGHT."""
    return LINE_HEIGHT * crop.shape[1] / max(crop.shape[0], 1)


def line_batches(crops: Sequence[NDArray[Any]], bucketed: bool) -> list[list[int]]:
    """The crops' indices in recogniser batches: by width-to-height ratio as the library orders them,
    cut every LINES_PER_BATCH lines as it does, and sooner where a batch would pass the budget.
    Where no batch passes it, these are the library's own batches. `bucketed`: widths are
    padded to LINE_WIDTHS (the budget counts the padded width)."""
    widths = [line_width(crop) for crop in crops]
    batches: list[list[int]] = []
    for index in sorted(range(len(crops)), key=widths.__getitem__):
        widest = widths[index]  # sorted: this one is the widest yet
        room = lines_per_batch(padded_line_width(widest) if bucketed else widest)
        if not batches or len(batches[-1]) >= room:
            batches.append([])
        batches[-1].append(index)
    return [sorted(batch) for batch in batches]  # in the caller's order: the library sorts a batch itself


BLANK_LINE = np.full((LINE_HEIGHT, LINE_HEIGHT, 3), 255, dtype=np.uint8)


def filled_batch(lines: list[NDArray[Any]]) -> list[NDArray[Any]]:
    """A bucketed batch topped up with blank lines to the count its width holds, so that each
    width is one input shape: a bf16 model keeps about 8 MiB for every shape it has seen (16
    widths x 6 counts held 330 MiB), and lines of a batch are read independently of each other."""
    widest = max(line_width(line) for line in lines)
    return lines + [BLANK_LINE] * (lines_per_batch(padded_line_width(widest)) - len(lines))


def padded_line_width(width: float) -> int:
    """The recogniser input width a batch whose widest line needs `width` px is padded to."""
    for bucket in LINE_WIDTHS:
        if bucket >= width:
            return bucket
    return math.ceil(width / WIDE_LINE_STEP) * WIDE_LINE_STEP


def bucketed_line_widths(text_rec: Any) -> None:
    """Make a RapidOCR TextRecognizer pad each batch to one of LINE_WIDTHS (its `resize_norm_img`
    receives the batch's widest width-to-height ratio and pads every line to it)."""
    library_resize = text_rec.resize_norm_img

    def resize_norm_img(image: NDArray[Any], max_wh_ratio: float) -> NDArray[Any]:
        return library_resize(image, padded_line_width(LINE_HEIGHT * max_wh_ratio) / LINE_HEIGHT)

    text_rec.resize_norm_img = resize_norm_img
