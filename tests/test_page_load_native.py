"""Scanned PDF pages are read at the embedded image's native resolution, as displayed."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractor.ingest import FileKind, PageHandle
from extractor.options import InputLimits
from extractor.page_load import load_page

LIMITS = InputLimits()


def _scan_image() -> Image.Image:
    """An asymmetric page (a dark block top-left, a bar on the right) so any wrong turn shows."""
    image = Image.new("RGB", (420, 594), (235, 233, 228))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 160, 120), fill=(20, 20, 20))
    draw.rectangle((380, 200, 400, 560), fill=(180, 30, 30))
    rng = np.random.default_rng(3)
    noisy = np.asarray(image).astype(np.int16) + rng.integers(-6, 7, (594, 420, 3))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def _handle(path: Path) -> PageHandle:
    return PageHandle(path=path, name=path.name, kind=FileKind.PDF, index=0)


def _decoded_jpeg_bgr(image: Image.Image) -> tuple[bytes, np.ndarray]:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=72)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as jpeg:
        rgb = np.asarray(jpeg.convert("RGB"))
    return data, np.ascontiguousarray(rgb[:, :, ::-1])


def test_jpeg_in_pdf_page_gives_the_jpeg_pixels_at_native_dpi(tmp_path: Path) -> None:
    image = _scan_image()
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=50, quality=72)  # 420 px over 8.4 in
    _, expected = _decoded_jpeg_bgr(image)
    page = load_page(_handle(path), raster_dpi=200, limits=LIMITS)
    assert page.image.shape == expected.shape
    assert np.array_equal(page.image, expected)
    assert page.dpi == 50
    assert page.text_layer is None


def _placed_pdf(path: Path, jpeg: bytes, matrix: pdfium.PdfMatrix, size: tuple[float, float]) -> None:
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(*size)
    image = pdfium.PdfImage.new(pdf)
    image.load_jpeg(io.BytesIO(jpeg), inline=True)
    image.set_matrix(matrix)
    page.insert_obj(image)
    page.gen_content()
    pdf.save(str(path))
    pdf.close()


def _rendered(path: Path, scale: float) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(path))
    rgb = np.asarray(pdf[0].render(scale=scale).to_pil().convert("RGB"))
    pdf.close()
    return rgb[:, :, ::-1].astype(np.int16)


# (matrix, page size, the expected display of the image array) for 420×594 px placed at 1 pt/px.
PLACEMENTS = {
    "rotated 90": (pdfium.PdfMatrix(0, -420, 594, 0, 0, 420), (594, 420), lambda a: np.rot90(a, -1)),
    "rotated 180": (pdfium.PdfMatrix(-420, 0, 0, -594, 420, 594), (420, 594), lambda a: np.rot90(a, 2)),
    "rotated 270": (pdfium.PdfMatrix(0, 420, -594, 0, 594, 0), (594, 420), lambda a: np.rot90(a, 1)),
    "mirrored": (pdfium.PdfMatrix(-420, 0, 0, 594, 420, 0), (420, 594), lambda a: a[:, ::-1]),
}


@pytest.mark.parametrize("name", sorted(PLACEMENTS))
def test_rotated_or_mirrored_placement_gives_the_page_as_displayed(tmp_path: Path, name: str) -> None:
    matrix, size, expected_of = PLACEMENTS[name]
    jpeg, decoded = _decoded_jpeg_bgr(_scan_image())
    path = tmp_path / "placed.pdf"
    _placed_pdf(path, jpeg, matrix, size)
    page = load_page(_handle(path), raster_dpi=200, limits=LIMITS)
    assert np.array_equal(page.image, expected_of(decoded))
    assert page.dpi == 72
    # What pdfium itself displays at 72 DPI matches, pixel for pixel up to resampling noise.
    rendered = _rendered(path, 1.0)
    assert rendered.shape == page.image.shape
    assert float(np.abs(rendered - page.image.astype(np.int16)).mean()) < 6.0


def test_page_with_text_and_small_images_is_rendered_with_its_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "digital.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 760, "Balance sheet 2025, total assets 1,234,567.89 yuan")
    logo = io.BytesIO()
    _scan_image().resize((60, 84)).save(logo, "PNG")
    pdf.drawImage(ImageReader(io.BytesIO(logo.getvalue())), 72, 600, width=60, height=84)
    pdf.drawImage(ImageReader(io.BytesIO(logo.getvalue())), 300, 600, width=60, height=84)
    pdf.save()
    page = load_page(_handle(path), raster_dpi=100, limits=LIMITS)
    assert page.dpi == 100
    height, width = page.image.shape[:2]
    assert abs(height - 842 * 100 / 72) <= 1 and abs(width - 595 * 100 / 72) <= 1
    assert page.text_layer is not None and "Balance sheet" in page.text_layer.text


def test_scan_with_a_visible_stamp_drawn_over_it_is_rendered(tmp_path: Path) -> None:
    jpeg, _ = _decoded_jpeg_bgr(_scan_image())
    path = tmp_path / "stamped.pdf"
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(420, 594)
    image = pdfium.PdfImage.new(pdf)
    image.load_jpeg(io.BytesIO(jpeg), inline=True)
    image.set_matrix(pdfium.PdfMatrix(420, 0, 0, 594, 0, 0))
    page.insert_obj(image)
    rect = pdfium_c.FPDFPageObj_CreateNewRect(100, 100, 50, 50)
    pdfium_c.FPDFPageObj_SetFillColor(rect, 0, 0, 255, 255)
    pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_WINDING, False)
    pdfium_c.FPDFPage_InsertObject(page.raw, rect)
    page.gen_content()
    pdf.save(str(path))
    pdf.close()
    loaded = load_page(_handle(path), raster_dpi=144, limits=LIMITS)
    assert loaded.dpi == 144
    assert loaded.image.shape[:2] == (1188, 840)
    # The vector stamp (blue in BGR) is on the page, so this was rendered, not extracted.
    assert int(loaded.image[:, :, 0].max()) > 240 and (loaded.image[:, :, 2] < 50).any()


@pytest.mark.parametrize("mode", ["1", "L", "CMYK"])
def test_fax_grey_and_cmyk_scans_match_pdfiums_own_display(tmp_path: Path, mode: str) -> None:
    image = _scan_image().convert(mode)
    path = tmp_path / f"scan-{mode}.pdf"
    image.save(path, "PDF", resolution=100)
    page = load_page(_handle(path), raster_dpi=200, limits=LIMITS)
    assert page.dpi == 100 and page.image.shape[:2] == (594, 420)
    assert float(np.abs(_rendered(path, 100 / 72) - page.image.astype(np.int16)).mean()) < 1.0
