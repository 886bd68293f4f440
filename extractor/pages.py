"""The page-level types every stage passes along."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

BBox = tuple[float, float, float, float]
"""x0, y0, x1, y1 as fractions of the upright page."""


@dataclass(frozen=True)
class TextLine:
    text: str
    bbox: BBox
    confidence: float


@dataclass
class PageText:
    lines: list[TextLine]
    engine: str  # "rapidocr" | "tesseract" | "text_layer" | "none"
    # False: only the page's headings were read, as it holds no field (page_read.read_headings_first).
    complete: bool = True

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class SourcePage:
    file: str
    page: int
    image: np.ndarray
    dpi: int
    text_layer: PageText | None = None


@dataclass
class NormalizedPage:
    source: SourcePage
    upright: np.ndarray
    ocr_image: np.ndarray | None  # released once the page is read: nothing after OCR needs it
    rotation: int
    skew_degrees: float
    notes: list[str] = field(default_factory=list)
    # 3×3 homography from upright pixel coordinates (edge convention: a bbox fraction times the
    # upright size) to source-image pixel coordinates; None = identity. The tampering check reads
    # the untouched source pixels through it.
    upright_to_source: np.ndarray | None = None
    # Text-line quadrilaterals (upright pixels) found while settling the orientation, for the OCR
    # to read without detecting again; None = not found (born-digital, blank, Tesseract). Released
    # with ocr_image.
    line_quads: list[np.ndarray] | None = None


@dataclass(frozen=True)
class SealText:
    """The words around a round seal, read from its unrolled arc (extractor.seal_text)."""

    text: str          # CJK characters in reading order, nothing else
    confidence: float
    bbox: BBox         # the seal on the upright page


@dataclass
class ReadPage:
    """A normalised page with the text read from it: what classification and extraction see."""

    normalized: NormalizedPage
    text: PageText
    # Read only on pages of doc types whose fields live inside seals (DocTypeSpec.reads_seals).
    seals: list[SealText] = field(default_factory=list)
    seals_read: bool = False
    phash: str | None = None  # perceptual hash of the upright page (page_read.page_hash)

    @property
    def file(self) -> str:
        return self.normalized.source.file

    @property
    def page(self) -> int:
        return self.normalized.source.page
