"""Loading one page: rasterise a PDF page (and read its text layer) or decode one image frame."""

from __future__ import annotations

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from extractor.errors import CorruptFileError
from extractor.ingest import FileKind, PageHandle
from extractor.options import InputLimits
from extractor.pages import PageText, SourcePage, TextLine

A4_WIDTH_INCHES = 8.27
# A page whose text layer has fewer characters than this is treated as a scan.
MIN_TEXT_LAYER_CHARS = 20


def load_page(handle: PageHandle, raster_dpi: int, limits: InputLimits) -> SourcePage:
    if handle.kind is FileKind.PDF:
        return _load_pdf_page(handle, raster_dpi)
    return _load_image_frame(handle, limits)


def _to_bgr(image: Image.Image) -> np.ndarray:
    rgb = np.asarray(image.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _load_image_frame(handle: PageHandle, limits: InputLimits) -> SourcePage:
    Image.MAX_IMAGE_PIXELS = limits.max_page_pixels
    try:
        with Image.open(handle.path) as image:
            frame = next(f for i, f in enumerate(ImageSequence.Iterator(image)) if i == handle.index)
            dpi_info = frame.info.get("dpi")
            bgr = _to_bgr(frame)
    except (StopIteration, OSError, SyntaxError, ValueError) as exc:
        raise CorruptFileError(f"{handle.name} page {handle.page}: cannot decode image ({exc})") from exc
    dpi = int(round(float(dpi_info[0]))) if dpi_info and float(dpi_info[0]) > 50 else 0
    if not dpi:
        dpi = int(round(min(bgr.shape[:2]) / A4_WIDTH_INCHES))
    return SourcePage(file=handle.name, page=handle.page, image=bgr, dpi=dpi)


def _load_pdf_page(handle: PageHandle, raster_dpi: int) -> SourcePage:
    try:
        document = pdfium.PdfDocument(str(handle.path))
        try:
            page = document[handle.index]
            bitmap = page.render(scale=raster_dpi / 72)
            image = bitmap.to_pil()
        finally:
            document.close()
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"{handle.name} page {handle.page}: cannot render ({exc})") from exc
    text_layer = read_text_layer(handle)
    return SourcePage(file=handle.name, page=handle.page, image=_to_bgr(image), dpi=raster_dpi,
                      text_layer=text_layer)


def read_text_layer(handle: PageHandle) -> PageText | None:
    """The born-digital text of a PDF page as lines, or None for a scanned page.

    A page covered by one big image is a scan even when it carries an (invisible) OCR layer: we
    trust our own OCR over an unknown engine's.
    """
    try:
        with pdfplumber.open(handle.path) as pdf:
            page = pdf.pages[handle.index]
            width, height = float(page.width), float(page.height)
            page_area = width * height
            for image in page.images:
                covered = (image["x1"] - image["x0"]) * (image["bottom"] - image["top"])
                if covered > 0.6 * page_area:
                    return None
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    except Exception:  # pdfminer raises many unrelated types on odd PDFs; then there is no layer
        return None
    if sum(len(word["text"]) for word in words) < MIN_TEXT_LAYER_CHARS:
        return None
    return PageText(lines=_words_to_lines(words, width, height), engine="text_layer")


def _words_to_lines(words: list[dict], width: float, height: float) -> list[TextLine]:
    """Words on one baseline join into a line; a wide horizontal gap (a table cell) splits it."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        size = word["bottom"] - word["top"]
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 0.5 * size:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment = [row[0]]
        for word in row[1:]:
            size = word["bottom"] - word["top"]
            if word["x0"] - segment[-1]["x1"] > 1.5 * size:
                lines.append(_segment_line(segment, width, height))
                segment = [word]
            else:
                segment.append(word)
        lines.append(_segment_line(segment, width, height))
    return lines


def _segment_line(words: list[dict], width: float, height: float) -> TextLine:
    text = " ".join(word["text"] for word in words)
    x0 = min(w["x0"] for w in words) / width
    x1 = max(w["x1"] for w in words) / width
    y0 = min(w["top"] for w in words) / height
    y1 = max(w["bottom"] for w in words) / height
    bbox = (max(0.0, x0), max(0.0, y0), min(1.0, x1), min(1.0, y1))
    return TextLine(text=text, bbox=bbox, confidence=1.0)
