"""The inference runtime under RapidOCR: OpenVINO by default, at bf16 where the CPU computes it.

RapidOCR builds an onnxruntime session per model; `use_openvino` swaps each for an OpenVINO
compiled model of the same ONNX file behind the same call (one input array in, the list of
outputs back), so the library's pre- and post-processing stay as they are.

`PACKETCHECK_INFERENCE` picks one of three settings, each reading the same page the same way on
every run of a machine:
- `openvino` (default): bf16 on CPUs with bf16 units (AMX or AVX512-BF16), else f32. On this
  project's 2-core Xeon (AMX), 2026-12-05: detection 0.39 → 0.2 s a page, recognition of a 40-page
  binder's 1282 lines 24.2 → 12.1 s (one thread each). It reads 6 of those 1282 lines otherwise
  than f32, mostly punctuation widths (（ → (, ： → :), which the normalisers fold; line boxes move
  by up to 3 px. The detector is compiled for A4 page shapes (PageShapeDetector) and recogniser
  batches have one shape per width (model_inputs), which keeps a process under 1 GiB. On the same
  30 generated submissions (2026-12-06) fields, recall and false alarms were those of f32
  (98.4 %, 95.3 %, 0.25) at 0.55 s a page against 0.88 (docs/benchmarks.md).
- `openvino-f32`: exactly the lines and boxes of onnxruntime (30 pages, 821 lines compared),
  1.7-1.8× faster: the reproducible choice (the golden tests replay OCR recorded at f32).
- `onnxruntime`: the library's own sessions.

The engine's version string names bf16, so the OCR cache never mixes reads of two precisions.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from extractor.errors import OcrError

RUNTIME_ENV = "PACKETCHECK_INFERENCE"
RUNTIMES = ("openvino", "openvino-f32", "onnxruntime")
DEFAULT_RUNTIME = "openvino"
# OpenVINO keeps what it prepared for each input shape (5000 shapes by default). At f32 the
# recogniser's ever-changing widths filled it: 400 batches held 1.23 GiB, without the cache 0.52 GiB
# at 7 % more time. At bf16 a shape is dear to prepare, so there are few (model_inputs:
# one recogniser shape per width, PageShapeDetector) and 64 are kept.
RUNTIME_CACHE_CAPACITY = {"f32": 0, "bf16": 64}
DETECTOR_PAGE_SHAPES = ((1760, 1248), (1248, 1760))
"""A4 upright and lying, as the detector sees it: short side DETECT_MIN_SIDE (1240) rounded up to
the model's multiple of 32. Compiled on first use."""
# RapidOCR's model holders, the attribute each keeps its onnxruntime session in, and its config section.
_SESSIONS = (("text_det", "infer", "Det"), ("text_cls", "infer", "Cls"), ("text_rec", "session", "Rec"))


def chosen_runtime() -> str:
    """The runtime asked for by the environment; the default when none is."""
    wanted = os.environ.get(RUNTIME_ENV, "").strip().lower() or DEFAULT_RUNTIME
    if wanted not in RUNTIMES:
        raise OcrError(f"{RUNTIME_ENV}={wanted!r}: expected one of {', '.join(RUNTIMES)}")
    return wanted


def inference_precision() -> str:
    """"bf16" when the chosen runtime computes in bf16 on this CPU, else "f32"."""
    return "bf16" if chosen_runtime() == "openvino" and _cpu_has_bf16() else "f32"


@functools.cache
def _cpu_has_bf16() -> bool:
    try:
        import openvino as ov

        return "BF16" in ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except Exception:  # noqa: BLE001 — no OpenVINO or no CPU plugin: f32, and use_openvino says why
        return False


class OpenVinoSession:
    """One model compiled for the CPU, called as RapidOCR calls its onnxruntime session."""

    def __init__(self, model_path: Path, threads: int, precision: str = "f32",
                 input_shape: tuple[int, ...] | None = None) -> None:
        import openvino as ov

        core = ov.Core()
        model = core.read_model(str(model_path))
        if input_shape is not None:
            model.reshape(list(input_shape))
        self._compiled = core.compile_model(model, "CPU", {
            "PERFORMANCE_HINT": "LATENCY",
            "INFERENCE_NUM_THREADS": threads,
            "INFERENCE_PRECISION_HINT": precision,
            # Pinned threads of two page workers land on the same core: the 40-page binder took
            # 66 s instead of 41 s. The OS spreads unpinned ones.
            "ENABLE_CPU_PINNING": False,
            "CPU_RUNTIME_CACHE_CAPACITY": RUNTIME_CACHE_CAPACITY[precision],
        })
        self._request = self._compiled.create_infer_request()
        self._lock = threading.Lock()  # an infer request serves one call at a time

    def __call__(self, input_content: NDArray[Any]) -> list[NDArray[Any]]:
        with self._lock:
            try:
                outputs = self._request.infer({0: input_content})
            except Exception as exc:  # OpenVINO raises RuntimeError and its own types
                raise OcrError(f"OpenVINO inference failed: {exc}") from exc
            # The request reuses its output buffers: copy before the next call overwrites them.
            return [np.array(outputs[port], copy=True) for port in self._compiled.outputs]

    def release_memory(self) -> None:
        """Give back the working memory of the last call (the next call allocates it again)."""
        with self._lock:
            self._compiled.release_memory()


class PageShapeDetector:
    """The text detector compiled for fixed page shapes, for inputs that fit one.

    A model of free input size plans its working memory per call and kept 300-420 MiB for pages
    of about 1248x1760 px (bf16, one thread); compiled for exactly that shape it plans the memory
    once, reusing buffers: 180 MiB, and 0.14 s a page instead of 0.19 (2 threads). The detector
    sees a page at DETECT_MIN_SIDE, so nearly every A4 page, upright or lying, has one of
    DETECTOR_PAGE_SHAPES; a smaller input is padded with white paper up to the first shape it fits, and the
    map the model returns is cut back to the input. Anything larger goes to a model of free input
    size. One model holds its working memory at a time: a binder alternating upright and lying
    pages costs a reallocation per switch, not two pools.
    """

    def __init__(self, model_path: Path, threads: int, precision: str, paper: NDArray[np.float32],
                 shapes: tuple[tuple[int, int], ...]) -> None:
        self._build = lambda shape: OpenVinoSession(model_path, threads, precision, shape)
        self._paper = paper.reshape(1, -1, 1, 1).astype(np.float32)  # white, as the model's input
        self._shapes = shapes
        self._sessions: dict[tuple[int, ...] | None, OpenVinoSession] = {}
        self._holding: OpenVinoSession | None = None
        self._lock = threading.Lock()

    def __call__(self, input_content: NDArray[Any]) -> list[NDArray[Any]]:
        batch, channels, height, width = input_content.shape
        shape = next(((batch, channels, h, w) for h, w in self._shapes if height <= h and width <= w), None)
        with self._lock:
            session = self._session(shape)
            if shape is not None and shape != input_content.shape:
                padded = np.empty(shape, dtype=np.float32)
                padded[...] = self._paper
                padded[:, :, :height, :width] = input_content
                input_content = padded
            outputs = session(input_content)
        return [output[..., :height, :width] for output in outputs]

    def _session(self, shape: tuple[int, ...] | None) -> OpenVinoSession:
        if shape not in self._sessions:
            self._sessions[shape] = self._build(shape)
        session = self._sessions[shape]
        if self._holding is not None and self._holding is not session:
            self._holding.release_memory()
        self._holding = session
        return session


class CompiledOnFirstUse:
    """A session compiled when first called: the line-angle classifier serves only pages read with
    `use_angle_cls`, and compiling it cost every worker process 0.14 s at its start."""

    def __init__(self, build: Callable[[], OpenVinoSession]) -> None:
        self._build = build
        self._session: OpenVinoSession | None = None
        self._lock = threading.Lock()

    def __call__(self, input_content: NDArray[Any]) -> list[NDArray[Any]]:
        with self._lock:
            if self._session is None:
                self._session = self._build()
        return self._session(input_content)


def use_openvino(rapid: Any, threads: int, precision: str) -> None:
    """Replace the onnxruntime sessions of a RapidOCR instance (built with its default config) by
    OpenVINO ones of the same models."""
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    config = update_model_path(read_yaml(DEFAULT_CFG_PATH))
    for holder_name, attribute, section in _SESSIONS:
        model_path = Path(config[section]["model_path"])
        session: OpenVinoSession | PageShapeDetector | CompiledOnFirstUse
        if section == "Cls":
            session = CompiledOnFirstUse(functools.partial(OpenVinoSession, model_path, threads, precision))
        elif section == "Det" and precision == "bf16":
            # f32 keeps the library's free input size: its reads stay those of onnxruntime
            paper = (1.0 - np.asarray(config[section]["mean"])) / np.asarray(config[section]["std"])
            session = PageShapeDetector(model_path, threads, precision, paper, DETECTOR_PAGE_SHAPES)
        else:
            session = OpenVinoSession(model_path, threads, precision)
        setattr(getattr(rapid, holder_name), attribute, session)
