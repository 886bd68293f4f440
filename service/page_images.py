"""Page images for the reviewer page: one page of a stored file, turned upright, as PNG.

Rendered on first request and kept in the cache directory by (content, page, rotation, dpi).
Evidence boxes are fractions of the upright page, so the same rotation the pipeline applied
(clockwise degrees, PageEntry.rotation) is applied here.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from service.atomic import write_atomic

MAX_RENDER_PIXELS = 12_000_000
MAX_LONG_SIDE = 2000
_TRANSPOSE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


class NoPageImage(Exception):
    """The file has no such page, or no page images at all (an editable form)."""


def page_png(
    blob: Path,
    kind: str,
    sha256: str,
    page: int,
    rotation: int,
    dpi: int,
    cache_dir: Path,
    max_source_pixels: int,
) -> bytes:
    rotation = rotation % 360 if rotation % 90 == 0 else 0
    cached = cache_dir / "pages" / sha256[:2] / f"{sha256}-{page}-{rotation}-{dpi}.png"
    if cached.exists():
        return cached.read_bytes()
    if kind == "pdf":
        image = _render_pdf_page(blob, page, dpi)
    elif kind in ("png", "jpeg", "tiff", "bmp"):
        image = _load_image_frame(blob, page, max_source_pixels)
    else:
        raise NoPageImage(f"a {kind} file has no page images")
    if rotation:
        image = image.transpose(_TRANSPOSE[rotation])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    data = buffer.getvalue()
    write_atomic(cached, data)
    return data


def _render_pdf_page(blob: Path, page: int, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(str(blob))
    try:
        if not 1 <= page <= len(document):
            raise NoPageImage(f"no page {page}")
        pdf_page = document[page - 1]
        width_pt, height_pt = pdf_page.get_size()
        scale = dpi / 72
        # A page declared absurdly large must not become a gigapixel bitmap.
        if width_pt * height_pt * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5
        bitmap = pdf_page.render(scale=scale)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


def _load_image_frame(blob: Path, page: int, max_source_pixels: int) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(blob) as image:
            if not 1 <= page <= getattr(image, "n_frames", 1):
                raise NoPageImage(f"no page {page}")
            image.seek(page - 1)
            if image.width * image.height > max_source_pixels:
                raise NoPageImage("the image is too large to show")
            frame = image.convert("RGB")
    frame.thumbnail((MAX_LONG_SIDE, MAX_LONG_SIDE))
    return frame
