"""Shared fixtures: small files of every kind a submission can contain, made on the fly."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
# The recorded OCR the golden tests replay was read at f32, which reads the same on every CPU;
# the default (bf16 where the CPU has it) is run by the tests that ask for it. Set before any
# test starts a CLI, service or batch process, so they inherit it.
os.environ.setdefault("PACKETCHECK_INFERENCE", "openvino-f32")
CJK_FONT = next((p for p in (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
) if p.exists()), None)


def page_image(width: int = 827, height: int = 1169) -> Image.Image:
    """A plain white A4-shaped page at 100 DPI with a few dark bars standing in for text."""
    array = np.full((height, width, 3), 255, np.uint8)
    for row in range(150, 900, 60):
        array[row:row + 18, 100:700] = 30
    return Image.fromarray(array)


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "binder.pdf"
    pages = [page_image(), page_image()]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=100)
    return path


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    """A born-digital PDF whose text layer pdfplumber can read."""
    if CJK_FONT is None:
        pytest.skip("no CJK font installed")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CJK", str(CJK_FONT), subfontIndex=0))
    path = tmp_path / "statement.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("CJK", 16)
    pdf.drawString(200, 780, "资产负债表")
    pdf.setFont("CJK", 11)
    pdf.drawString(60, 740, "编制单位：广州市天河区示例科技有限公司")
    pdf.drawString(60, 700, "资产总计")
    pdf.drawString(400, 700, "1,234,567.89")
    pdf.save()
    return path


@pytest.fixture
def multipage_tiff(tmp_path: Path) -> Path:
    path = tmp_path / "scan.tiff"
    pages = [page_image(), page_image(), page_image()]
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_deflate")
    return path


@pytest.fixture
def png_page(tmp_path: Path) -> Path:
    path = tmp_path / "page.png"
    page_image().save(path, dpi=(100, 100))
    return path


@pytest.fixture
def jpeg_page(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    page_image().save(path, quality=70)
    return path


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    page_image().save(buffer, format="PNG")
    return buffer.getvalue()
