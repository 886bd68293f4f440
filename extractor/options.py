"""The one typed configuration of an analysis, shared by the CLI, the service and the batch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class InputLimits(BaseModel):
    """Bounds that keep a hostile or broken upload from exhausting the machine."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = 300 * 1024 * 1024
    max_pages: int = 600
    max_page_pixels: int = 80_000_000
    max_unzipped_bytes: int = 50 * 1024 * 1024
    max_zip_ratio: float = 200.0  # uncompressed / compressed size of one part of a .docx/.xlsx


class AnalyzeOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ocr_engine: Literal["rapidocr", "tesseract"] = "rapidocr"
    ocr_cache_dir: Path | None = None
    page_workers: int = Field(default=1, ge=1, le=64)
    ocr_threads: int | None = Field(
        default=None, ge=1, le=64,
        description="onnxruntime threads per OCR process; None: the cores left per page worker. "
                    "A batch running several binders at once sets 1, or the threads fight for cores.")
    raster_dpi: int = Field(default=200, ge=72, le=400)
    page_share_dir: Path | None = Field(
        default=None,
        description="a folder where idle batch workers help read this binder's pages "
                    "(extractor/page_sharing); created and removed by the batch, not the analysis")
    submission_date: dt.date | None = None
    limits: InputLimits = InputLimits()
