"""Red round seals (圆形红章: star + curved text) and handwriting-like signatures, stamped over text."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .canvas import Page
from .fonts import SEAL_FONT, load_font

SEAL_RED = np.array([214, 38, 42], dtype=np.float32)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    draw.polygon(pts, fill=255)


def seal_mask(rng: random.Random, diameter: int, text: str, footer: str = "") -> Image.Image:
    """Greyscale ink mask (255 = ink) of a round seal with uneven ink."""
    size = diameter + 8
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    ring = max(6, diameter // 28)
    draw.ellipse((4, 4, size - 4, size - 4), outline=255, width=ring)
    _star(draw, c, c, diameter * 0.16)
    n = max(len(text), 1)
    arc = min(math.radians(260), n * math.radians(26))
    font_px = int(diameter * 0.13)
    for _ in range(3):  # shrink the characters until n of them fit along the arc without overlapping
        radius = diameter / 2 - ring - font_px * 0.7
        font_px = int(min(diameter * 0.13, 0.95 * radius * arc / n))
    radius = diameter / 2 - ring - font_px * 0.7
    font = load_font(SEAL_FONT, max(font_px, 8))
    for i, ch in enumerate(text):
        a = -math.pi / 2 - arc / 2 + arc * (i + 0.5) / n
        glyph = Image.new("L", (font_px * 2, font_px * 2), 0)
        ImageDraw.Draw(glyph).text((font_px, font_px), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        gx, gy = c + radius * math.cos(a), c + radius * math.sin(a)
        mask.paste(255, (int(gx - font_px), int(gy - font_px)), glyph)
    if footer:
        small = load_font(SEAL_FONT, int(font_px * 0.8))
        draw.text((c, c + diameter * 0.28), footer, font=small, fill=255, anchor="mm")
    arr = np.asarray(mask, dtype=np.float32)
    # Uneven pressure: multiply by a smooth random field and punch small gaps in the ink.
    field = np.asarray(Image.fromarray((np.random.default_rng(rng.randint(0, 2**31)).random((12, 12)) * 255)
                                       .astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC), np.float32)
    arr = arr * (0.55 + 0.45 * field / 255)
    speckle = np.random.default_rng(rng.randint(0, 2**31)).random(arr.shape) < 0.06
    arr[speckle] *= 0.3
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))
    return out.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)


def stamp_ink(page: Page, mask: Image.Image, x: int, y: int, colour: np.ndarray, opacity: float) -> None:
    """Multiply coloured ink onto the page through `mask` with top-left at (x, y)."""
    w, h = page.img.size
    m = np.asarray(mask, dtype=np.float32) / 255 * opacity
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + m.shape[1], w), min(y + m.shape[0], h)
    if x1 <= x0 or y1 <= y0:
        return
    m = m[y0 - y:y1 - y, x0 - x:x1 - x, None]
    # Only the stamped region is converted: whole-page float copies dominated the run time.
    region = np.asarray(page.img.crop((x0, y0, x1, y1)), dtype=np.float32)
    ink = colour / 255.0
    region = region * (1 - m) + region * ink * m
    page.img.paste(Image.fromarray(region.clip(0, 255).astype(np.uint8)), (x0, y0))


def apply_seals(page: Page) -> None:
    for seal in page.seals:
        mask = seal_mask(page.rng, seal.diameter, seal.text, seal.footer)
        colour = SEAL_RED + np.array([page.rng.uniform(-20, 15), page.rng.uniform(-10, 25), page.rng.uniform(-10, 25)],
                                     dtype=np.float32)
        stamp_ink(page, mask, seal.cx - mask.width // 2, seal.cy - mask.height // 2, colour.clip(0, 255),
                  page.rng.uniform(0.75, 0.95))


def apply_signatures(page: Page) -> None:
    """Fast pen strokes: a few connected loops with varying width, in blue-black ink."""
    for x, y, _name in page.signatures:
        w, h = 520, 200
        mask = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(mask)
        rng = page.rng
        px, py = 20.0, h * 0.6
        for _ in range(rng.randint(3, 5)):
            pts = []
            cx = px + rng.uniform(60, 130)
            rx, ry = rng.uniform(25, 60), rng.uniform(30, 70)
            for t in np.linspace(0, 2 * math.pi * rng.uniform(0.8, 1.6), 40):
                pts.append((cx + rx * math.cos(t) + t * 12, h * 0.5 + ry * math.sin(t * rng.uniform(0.8, 1.5))))
            draw.line([(px, py)] + pts, fill=255, width=rng.randint(4, 7), joint="curve")
            px, py = pts[-1]
        draw.line([(20, h * 0.75), (w - 20, h * rng.uniform(0.55, 0.85))], fill=255, width=4)
        mask = mask.filter(ImageFilter.GaussianBlur(1.0)).rotate(rng.uniform(-8, 12), resample=Image.Resampling.BICUBIC)
        stamp_ink(page, mask, x, y - h // 2, np.array([30, 40, 90], dtype=np.float32), 0.9)
