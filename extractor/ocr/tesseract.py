"""Tesseract 5 through pytesseract: `chi_sim+eng`, psm 3 (OCR-NOTES: psm 6 drops ruled tables).

Tesseract reports words; we join them into its own text lines (block, paragraph, line). Every call
carries a timeout, and a crash or timeout becomes OcrError, never an exception the caller does not
know about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
from numpy.typing import NDArray

from extractor.errors import OcrError
from extractor.ocr.base import as_gray, fraction_bbox, make_line, reading_order
from extractor.pages import PageText, TextLine

ENGINE_NAME = "tesseract"


def _tesseract_version() -> str:
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except Exception as exc:  # binary missing or broken
        raise OcrError(f"tesseract is not usable: {exc}") from exc


@dataclass
class TesseractEngine:
    """Reads a page with Tesseract, psm 3, on the grey OCR image as it is.

    `binarize` (Otsu before Tesseract) is off: on the flattened, whitened OCR image it lost
    fields — 9 → 4 of 24 on a 200-DPI generated binder, 24 → 20 of 28 on sealed/photo pages.
    """

    lang: str = "chi_sim+eng"
    psm: int = 3
    timeout_seconds: float = 120.0
    binarize: bool = False
    name: str = field(default=ENGINE_NAME, init=False)
    version: str = field(default="", init=False)

    def __post_init__(self) -> None:
        otsu = "-otsu" if self.binarize else ""
        # Every setting that changes the output is in the version, so the cache never mixes them.
        self.version = f"tesseract-{_tesseract_version()}-{self.lang}-psm{self.psm}{otsu}"

    def read(self, image: NDArray[Any]) -> PageText:
        import pytesseract

        gray = as_gray(image)
        if self.binarize:
            _, gray = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        height, width = gray.shape[:2]
        try:
            data = pytesseract.image_to_data(
                gray,
                lang=self.lang,
                config=f"--psm {self.psm}",
                output_type=pytesseract.Output.DICT,
                timeout=self.timeout_seconds,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise OcrError(f"tesseract timed out after {self.timeout_seconds:.0f} s") from exc
        except Exception as exc:
            raise OcrError(f"tesseract failed on a {width}x{height} image: {exc}") from exc
        return PageText(lines=reading_order(_words_to_lines(data, width, height)), engine=self.name)

    def detect_rotation(self, image: NDArray[Any]) -> tuple[int, float]:
        """Tesseract OSD (psm 0): clockwise degrees that make the page upright, and its confidence.

        About 2 s per page; 0 with confidence 0 when OSD finds too few characters to judge.
        """
        import pytesseract

        gray = as_gray(image)
        try:
            osd = pytesseract.image_to_osd(
                gray,
                config="--psm 0 -c min_characters_to_try=10",
                output_type=pytesseract.Output.DICT,
                timeout=self.timeout_seconds,
            )
        except pytesseract.TesseractError:
            return 0, 0.0  # "Too few characters": a blank or picture-only page
        except RuntimeError as exc:
            raise OcrError(f"tesseract OSD timed out after {self.timeout_seconds:.0f} s") from exc
        except Exception as exc:
            raise OcrError(f"tesseract OSD failed: {exc}") from exc
        # OSD's "Rotate" is the clockwise turn that makes the page upright (checked: a page turned
        # 90° counter-clockwise reports "Rotate: 90").
        rotate_cw = int(osd.get("rotate", 0)) % 360
        return rotate_cw, float(osd.get("orientation_conf", 0.0))


def _join_words(words: list[str]) -> str:
    """Chinese words join without spaces; Latin/digit runs keep one space between them."""
    text = ""
    for word in words:
        if text and text[-1].isascii() and text[-1].isalnum() and word[0].isascii() and word[0].isalnum():
            text += " "
        text += word
    return text


def _words_to_lines(data: dict[str, list[Any]], width: int, height: int) -> list[TextLine]:
    grouped: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(data["text"]):
        if str(word).strip() and float(data["conf"][index]) >= 0:
            key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
            grouped.setdefault(key, []).append(index)
    lines: list[TextLine] = []
    for indices in grouped.values():
        indices.sort(key=lambda i: data["left"][i])
        xs = [data["left"][i] for i in indices] + [data["left"][i] + data["width"][i] for i in indices]
        ys = [data["top"][i] for i in indices] + [data["top"][i] + data["height"][i] for i in indices]
        confidence = sum(float(data["conf"][i]) for i in indices) / len(indices) / 100.0
        text = _join_words([str(data["text"][i]).strip() for i in indices])
        line = make_line(text, fraction_bbox(xs, ys, width, height), confidence)
        if line is not None:
            lines.append(line)
    return lines
