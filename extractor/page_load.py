"""Loading one page: rasterise a PDF page (and read its text layer) or decode one image frame.

A scanned PDF page (one image covering the page) is taken at the image's native resolution instead
of being rendered: rendering resamples the scan, which costs time and wipes out the pixel-level
traces (resampling parity, JPEG grid) the tampering check reads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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
        return _load_pdf_page(handle, raster_dpi, limits)
    return _load_image_frame(handle, limits)


def _to_bgr(image: Image.Image) -> np.ndarray:
    rgb = np.asarray(image.convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)  # 4x faster than a contiguous copy of rgb[:, :, ::-1]


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


def _load_pdf_page(handle: PageHandle, raster_dpi: int, limits: InputLimits) -> SourcePage:
    try:
        document = pdfium.PdfDocument(str(handle.path))
        try:
            page = document[handle.index]
            native = native_scan_image(page, limits.max_page_pixels)
            if native is not None:
                # A scan's text layer (if any) is an unknown engine's OCR: read_text_layer would
                # discard it anyway, so it is not read.
                return SourcePage(file=handle.name, page=handle.page, image=native.bgr, dpi=native.dpi)
            bitmap = page.render(scale=raster_dpi / 72)
            image = bitmap.to_pil()
        finally:
            document.close()
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"{handle.name} page {handle.page}: cannot render ({exc})") from exc
    text_layer = read_text_layer(handle)
    return SourcePage(file=handle.name, page=handle.page, image=_to_bgr(image), dpi=raster_dpi,
                      text_layer=text_layer)


# The image must cover this share of the page (scanner PDFs: 100 %; some tools leave a thin margin).
MIN_SCAN_COVERAGE = 0.9
_INVISIBLE_TEXT = 3  # PDF text render mode 3: OCR layers laid over a scan


@dataclass(frozen=True)
class NativeScan:
    bgr: np.ndarray  # the page as displayed, at the embedded image's own resolution
    dpi: int


def native_scan_image(page: pdfium.PdfPage, max_pixels: int) -> NativeScan | None:
    """The page's scan image at native resolution, or None when the page must be rendered.

    Only the plain case qualifies: exactly one image, placed at a multiple of 90° (mirrored or
    not), covering ≥ 90 % of the crop box, and nothing else visible (an invisible OCR text layer
    is fine). Anything unusual — clipping, two images, vector stamps, masks — is rendered.
    """
    images = []
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT or (
                pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) != _INVISIBLE_TEXT):
            return None
    if len(images) != 1:
        return None
    image = images[0]
    matrix = image.get_matrix()
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    axis_aligned = abs(b) < 1e-6 and abs(c) < 1e-6
    swapped = abs(a) < 1e-6 and abs(d) < 1e-6
    if not (axis_aligned or swapped):
        return None
    crop = page.get_cropbox()
    crop_area = (crop[2] - crop[0]) * (crop[3] - crop[1])
    left, bottom, right, top = image.get_pos()
    overlap = max(0.0, min(right, crop[2]) - max(left, crop[0])) * max(0.0, min(top, crop[3]) - max(bottom, crop[1]))
    if crop_area <= 0 or overlap < MIN_SCAN_COVERAGE * crop_area:
        return None
    width, height = image.get_size()
    if width * height > max_pixels or min(width, height) < 32:
        return None
    pixels = _decode_image(image)
    if pixels is None or pixels.shape[:2] != (height, width):
        return None
    displayed = _as_displayed(pixels, a, b, c, d, axis_aligned)
    displayed = np.rot90(displayed, -(page.get_rotation() // 90) % 4)
    shown_width_pt = (right - left) if page.get_rotation() in (0, 180) else (top - bottom)
    dpi = int(round(displayed.shape[1] / (shown_width_pt / 72.0)))
    return NativeScan(bgr=np.ascontiguousarray(displayed), dpi=dpi)


def _decode_image(image: pdfium.PdfImage) -> np.ndarray | None:
    """BGR pixels exactly as stored: a plain JPEG is decoded from its own bytes, the rest by pdfium."""
    try:
        # CMYK and ICC JPEGs need pdfium's colour handling (Adobe inversion, Decode arrays).
        plain_colour = image.get_metadata().colorspace in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
                                                          pdfium_c.FPDF_COLORSPACE_DEVICERGB)
        if image.get_filters() == ["DCTDecode"] and plain_colour:
            with Image.open(io.BytesIO(image.get_data(decode_simple=False))) as jpeg:
                return _to_bgr(jpeg)
        bitmap = image.get_bitmap(render=False)
        return _to_bgr(bitmap.to_pil())
    except Exception:  # noqa: BLE001 — odd encodings fail in pdfium, PIL or numpy alike; then we render
        return None


def _as_displayed(pixels: np.ndarray, a: float, b: float, c: float, d: float, axis_aligned: bool) -> np.ndarray:
    """Apply the placement matrix's quarter turns and mirrors.

    Image space: column u runs along page vector (a, b); row v (top to bottom) along (-c, -d).
    On the displayed page y runs downward, so those become (a, -b) and (-c, d).
    """
    if axis_aligned:  # columns → display x, rows → display y
        out = pixels[:, ::-1] if a < 0 else pixels
        return out[::-1] if d < 0 else out
    out = np.swapaxes(pixels, 0, 1)  # columns → display y, rows → display x
    out = out[::-1] if b > 0 else out
    return out[:, ::-1] if c > 0 else out


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
