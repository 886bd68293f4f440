"""RapidOCR (PP-OCRv4 det + rec, mobile cls; ONNX models shipped in the rapidocr_onnxruntime wheel).

The RapidOCR object is built once per process on first use (~1 s, ~200 MB): constructing it at
import would make every test and CLI start pay for it. Threads: OCR-NOTES measured two onnxruntime
threads in one process ≈ two single-thread processes, so batch runs use one thread per worker
process and a lone `analyze` may give the engine every core. The models run on OpenVINO, at bf16
where the CPU has it (`openvino_runtime`; `PACKETCHECK_INFERENCE` picks f32 or onnxruntime).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib.metadata import version as package_version
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from extractor.errors import OcrError
from extractor.ocr.base import as_bgr, fraction_bbox, make_line, reading_order
from extractor.ocr.model_inputs import bucketed_line_widths, fast_detector_input, filled_batch, line_batches
from extractor.ocr.openvino_runtime import RUNTIME_ENV, chosen_runtime, inference_precision, use_openvino
from extractor.pages import PageText, TextLine

ENGINE_NAME = "rapidocr"
BF16_VERSION_SUFFIX = "+bf16-pageshapes"  # bf16 models, the detector compiled for page shapes

DETECT_MIN_SIDE = 1240
"""The line detector works on a copy of the page whose short side is this long (A4 at 150 DPI).

The page's orientation vote and its OCR share this one detection (page_normalise hands the
boxes on). Measured on 8 generated submissions (docs/benchmarks.md, 2026-11-28): 1240 px read
97.7 % of fields right against 97.2 % for RapidOCR's own two passes (736 px for the vote, then up
to 2000 px); 960 px split spaced labels (名　称 → 名 | 称) and dropped to 97.0 %.
"""
READ_MAX_SIDE = 2000  # RapidOCR's max_side_len: the copy line crops are cut from
TEXT_SCORE = 0.5  # RapidOCR's text_score: lines read with less are dropped as noise
_MIN_HEIGHT, _MAX_ASPECT = 30, 8  # below / beyond these the library letterboxes the page first

_instances: dict[tuple[int, str], Any] = {}
_instances_lock = threading.Lock()


def _rapidocr(threads: int | None) -> Any:
    """The process-wide RapidOCR instance for this thread count (models load once, lazily).

    threads=None takes whichever instance the process already has (the orientation detector
    should not load a second copy of the models), else builds a single-thread one.
    """
    with _instances_lock:
        if threads is None:
            if _instances:
                return next(iter(_instances.values()))
            threads = 1
        key = (threads, chosen_runtime())
        if key not in _instances:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # a broken install is an engine failure, not a crash
                raise OcrError(f"rapidocr_onnxruntime cannot be imported: {exc}") from exc
            instance = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)
            fast_detector_input(instance.text_det)
            if key[1] != "onnxruntime":
                precision = inference_precision()
                try:
                    use_openvino(instance, threads, precision)
                except Exception as exc:  # noqa: BLE001 — a model OpenVINO cannot compile: say so, once
                    raise OcrError(f"OpenVINO cannot load RapidOCR's models ({exc}); "
                                   f"set {RUNTIME_ENV}=onnxruntime to use onnxruntime") from exc
                if precision == "bf16":
                    bucketed_line_widths(instance.text_rec)
            _instances[key] = instance
        return _instances[key]


class RapidOcrEngine:
    """Reads a page with RapidOCR; text lines in reading order, bbox as page fractions."""

    name = ENGINE_NAME

    def __init__(self, threads: int | None = 1, use_angle_cls: bool = False) -> None:
        # The per-line 180° classifier is off by default: pages reach OCR already upright
        # (page_normalise), and a false "180" flip on one line garbles it.
        self.threads = None if threads is None else max(1, threads)
        self.use_angle_cls = use_angle_cls
        # The detector's working size, the models' precision and (at bf16) its fixed page shapes
        # change what is read: part of the cache key. f32 reads the same on onnxruntime and OpenVINO.
        # bf16 also pads recogniser batches to fixed shapes (model_inputs, set up in _rapidocr).
        self.bucketed = inference_precision() == "bf16"
        precision = BF16_VERSION_SUFFIX if self.bucketed else ""
        self.version = f"rapidocr_onnxruntime-{package_version('rapidocr_onnxruntime')}+det{DETECT_MIN_SIDE}{precision}"

    def read(self, image: NDArray[Any]) -> PageText:
        bgr = as_bgr(image)
        height, width = bgr.shape[:2]
        if height <= _MIN_HEIGHT or width / height > _MAX_ASPECT or self.use_angle_cls:
            return self._read_whole(bgr)  # strips and tiny crops: the library's own letterboxing
        return self.read_lines(bgr, self.find_lines(bgr))

    def find_lines(self, image: NDArray[Any]) -> list[NDArray[Any]]:
        """Line quadrilaterals (4x2 float, pixels of `image`), detected on a DETECT_MIN_SIDE copy."""
        scale = min(1.0, DETECT_MIN_SIDE / min(image.shape[:2]))
        small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
        return [quad / scale for quad in self.detect_lines(small)]

    def read_lines(self, image: NDArray[Any], quads: list[NDArray[Any]]) -> PageText:
        """Read the given line quadrilaterals (pixels of `image`): the detector already ran.

        The page's orientation vote finds the lines once (page_normalise); reading them here
        instead of detecting again saves the costliest step of a page.
        """
        bgr = as_bgr(image)
        height, width = bgr.shape[:2]
        scale = min(1.0, READ_MAX_SIDE / max(height, width))
        source = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else bgr
        kept = [quad for quad in quads if _is_readable(quad)]
        crops = [_upright_crop(source, quad * scale) for quad in kept]
        reads = [(quad, text, score) for quad, (text, score) in zip(kept, self.recognise(crops), strict=True)]
        return self._page_text(reads, width, height)

    def _read_whole(self, bgr: NDArray[Any]) -> PageText:
        height, width = bgr.shape[:2]
        try:
            result, _elapsed = _rapidocr(self.threads)(bgr, use_cls=self.use_angle_cls)
        except OcrError:
            raise
        except Exception as exc:  # onnxruntime / cv2 errors surface as many types
            raise OcrError(f"RapidOCR failed on a {width}x{height} image: {exc}") from exc
        return self._page_text(result or [], width, height)

    def _page_text(self, reads: Iterable[tuple[Any, Any, Any]], width: int, height: int) -> PageText:
        """(quad, text, score) reads as lines in reading order, boxes as fractions of the image."""
        lines: list[TextLine] = []
        for quad, text, score in reads:
            if float(score) < TEXT_SCORE:
                continue
            xs, ys = (point[0] for point in quad), (point[1] for point in quad)
            line = make_line(str(text), fraction_bbox(xs, ys, width, height), float(score))
            if line is not None:
                lines.append(line)
        return PageText(lines=reading_order(lines), engine=self.name)

    def detect_lines(self, image: NDArray[Any]) -> list[NDArray[Any]]:
        """Text-line quadrilaterals (4x2 float, image pixels) from the detector alone, no reading.

        Used by orientation detection: the boxes' shapes tell horizontal from vertical lines.
        """
        bgr = as_bgr(image)
        try:
            boxes, _elapsed = _rapidocr(self.threads).text_det(bgr)
        except Exception as exc:
            raise OcrError(f"RapidOCR detector failed: {exc}") from exc
        if boxes is None:
            return []
        return [np.asarray(box, dtype=np.float32) for box in boxes]

    def recognise(self, crops: list[NDArray[Any]]) -> list[tuple[str, float]]:
        """Text and confidence for each line crop (already cut out and horizontal)."""
        if not crops:
            return []
        recogniser = _rapidocr(self.threads).text_rec
        reads: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for batch in line_batches(crops, self.bucketed):
            lines = [as_bgr(crops[i]) for i in batch]
            try:
                results, _elapsed = recogniser(filled_batch(lines) if self.bucketed else lines)
            except Exception as exc:
                raise OcrError(f"RapidOCR recogniser failed: {exc}") from exc
            for index, item in zip(batch, results, strict=False):  # blank fillers' reads are dropped
                reads[index] = (str(item[0]), float(item[1]))
        return reads


def _is_readable(quad: NDArray[Any]) -> bool:
    finite = bool(np.isfinite(quad).all())
    return finite and np.linalg.norm(quad[0] - quad[1]) >= 1 and np.linalg.norm(quad[0] - quad[3]) >= 1


def _upright_crop(image: NDArray[Any], quad: NDArray[Any]) -> NDArray[Any]:
    """The line cut out as RapidOCR cuts it: cubic warp, a tall crop turned to lie along the reader."""
    crop = crop_quad(image, quad, cv2.INTER_CUBIC)
    return np.rot90(crop) if crop.shape[0] >= 1.5 * crop.shape[1] else crop


def crop_quad(image: NDArray[Any], quad: NDArray[Any], interpolation: int = cv2.INTER_LINEAR) -> NDArray[Any]:
    """The quadrilateral cut out and warped to a rectangle (its first edge becomes the top)."""
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=interpolation,
                               borderMode=cv2.BORDER_REPLICATE)
