"""OpenVINO as RapidOCR's inference runtime: the same ONNX models, run faster on a CPU, at a cost in memory.

RapidOCR builds an onnxruntime session per model; `use_openvino` swaps each for an OpenVINO
compiled model behind the same call (one input array in, the list of outputs back), so the
library's pre- and post-processing stay exactly as they are.

Measured 2026-11-28 on this project's machine (AMD EPYC, 2 cores), 30 generated pages at 200 dpi:
all 821 lines read character for character and box for box the same; 1.7-1.8× faster with models
warm; a 40-page binder 40.5 s against 57.4 s, 6 submissions in one batch worker 25.8 s against
36.3 s. But a worker's peak
memory rises from 0.83-1.01 GiB to 1.06-1.49 GiB (the memory OpenVINO takes for a page is kept
by the process, and neither `release_memory()` after each call nor a smaller runtime cache gave
it back), over the batch issue's 1 GiB per worker. So onnxruntime stays the default and
`PACKETCHECK_INFERENCE=openvino` is the choice for a machine with memory to spare.

Precision is pinned to f32: on CPUs with bf16 (this one) OpenVINO defaults to it, which ran 2.8×
faster but read 30 of 514 lines otherwise (a lost 广, 7252.05 → 252.05). Since the lines are the
same, the OCR cache keeps its keys across the two runtimes.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from extractor.errors import OcrError

RUNTIME_ENV = "PACKETCHECK_INFERENCE"
RUNTIMES = ("onnxruntime", "openvino")
DEFAULT_RUNTIME = "onnxruntime"
# RapidOCR's model holders, the attribute each keeps its onnxruntime session in, and its config section.
_SESSIONS = (("text_det", "infer", "Det"), ("text_cls", "infer", "Cls"), ("text_rec", "session", "Rec"))


def chosen_runtime() -> str:
    """The runtime asked for by the environment; onnxruntime when none is."""
    wanted = os.environ.get(RUNTIME_ENV, "").strip().lower() or DEFAULT_RUNTIME
    if wanted not in RUNTIMES:
        raise OcrError(f"{RUNTIME_ENV}={wanted!r}: expected one of {', '.join(RUNTIMES)}")
    return wanted


class OpenVinoSession:
    """One model compiled for the CPU, called as RapidOCR calls its onnxruntime session."""

    def __init__(self, model_path: Path, threads: int) -> None:
        import openvino as ov

        core = ov.Core()
        self._compiled = core.compile_model(core.read_model(str(model_path)), "CPU", {
            "PERFORMANCE_HINT": "LATENCY",
            "INFERENCE_NUM_THREADS": threads,
            "INFERENCE_PRECISION_HINT": "f32",
            # Pinned threads of two page workers land on the same core: the 40-page binder took
            # 66 s instead of 41 s. The OS spreads unpinned ones.
            "ENABLE_CPU_PINNING": False,
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


def use_openvino(rapid: Any, threads: int) -> None:
    """Replace the onnxruntime sessions of a RapidOCR instance (built with its default config) by
    OpenVINO ones of the same models."""
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    config = update_model_path(read_yaml(DEFAULT_CFG_PATH))
    for holder_name, attribute, section in _SESSIONS:
        session = OpenVinoSession(Path(config[section]["model_path"]), threads)
        setattr(getattr(rapid, holder_name), attribute, session)
