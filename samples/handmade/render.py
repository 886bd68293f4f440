"""HTML → page images: Jinja2 templates, headless Chromium print-to-PDF, pypdfium2 rasterisation."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import jinja2
import pypdfium2
from markupsafe import Markup
from PIL import Image

from .docs import Doc

TEMPLATES = Path(__file__).parent / "templates"
CHROMIUM = ("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer")
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


class RenderError(RuntimeError):
    pass


def document_html(doc: Doc) -> str:
    html = _env.get_template(f"{doc.template}.html.j2").render(d=doc.context, f=doc.shown, font=doc.font)
    pages = html.count('<section class="page')
    if pages != len(doc.scans):
        raise RenderError(f"{doc.template}: template has {pages} pages, spec has {len(doc.scans)} scans")
    return html


def render_pages(documents: list[Doc], dpi: int) -> list[Image.Image]:
    """Every page of every document, in order, as upright RGB images at `dpi`."""
    html = _env.get_template("base.html.j2").render(sections=[Markup(document_html(d))
                                                               for d in documents])
    with tempfile.TemporaryDirectory(prefix="handmade-") as tmp:
        source, pdf = Path(tmp) / "packet.html", Path(tmp) / "packet.pdf"
        source.write_text(html, encoding="utf-8")
        result = subprocess.run([*CHROMIUM, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}", source.as_uri()],
                                capture_output=True, text=True, timeout=120)
        if not pdf.exists():
            raise RenderError(f"chromium wrote no PDF: {result.stderr.strip().splitlines()[-1:]}")
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            images = [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
        finally:
            document.close()
    expected = sum(len(d.scans) for d in documents)
    if len(images) != expected:
        raise RenderError(f"chromium printed {len(images)} pages, expected {expected} (a page overflowed?)")
    return images
