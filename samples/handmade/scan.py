"""Our own simple scan model: every artefact is a fixed, named parameter (no randomness).

Deliberately not the generator's code: different kernels, a different photo model (perspective
warp onto a desk-coloured background with a radial light fall-off) and our own seal drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEAL_FONT = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"


@dataclass(frozen=True)
class Seal:
    """A round red seal centred at (cx, cy), fractions of the upright page; radius as a fraction of its width."""

    cx: float
    cy: float
    text: str
    radius: float = 0.095
    centre: str = "★"
    bottom: str = ""


@dataclass(frozen=True)
class Scan:
    """How one page is degraded. `rotation` is the clockwise turn a reader must apply (truth.json)."""

    skew: float = 0.0          # degrees, counter-clockwise positive
    blur: float = 0.0          # Gaussian radius in pixels at 150 DPI
    photo: bool = False        # phone photo: perspective + shading + desk background
    rotation: int = 0          # 0, 90, 180, 270
    grey: bool = False
    seals: tuple[Seal, ...] = field(default_factory=tuple)
    seal_over_text: bool = False

    def variant(self, dpi: int) -> list[str]:
        names = [f"dpi{dpi}", "jpeg"]
        names += ["skew"] if self.skew else []
        names += ["blur"] if self.blur else []
        names += ["phone_photo", "shadow"] if self.photo else []
        names += [f"rotated{self.rotation}"] if self.rotation else []
        names += ["grayscale"] if self.grey else []
        names += ["seal_over_text"] if self.seal_over_text else []
        return sorted(names)


def draw_seal(page: Image.Image, seal: Seal) -> Image.Image:
    """Stamp a red ring with text on an arc, multiplied onto the page like real ink."""
    w, _ = page.size
    r = int(seal.radius * w)
    size = 2 * r + 8
    ink = Image.new("L", (size, size), 0)
    pen = ImageDraw.Draw(ink)
    c = size // 2
    pen.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(3, r // 18))
    font = ImageFont.truetype(SEAL_FONT, max(10, int(r * 0.27)))
    chars = list(seal.text)
    span = min(250.0, 22.0 * len(chars))          # degrees the text arc covers, centred on top
    for i, ch in enumerate(chars):
        angle = -span / 2 + span * (i + 0.5) / len(chars)   # 0 = top, clockwise
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size // 2, font.size // 2), ch, fill=255, font=font)
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
        rad = math.radians(angle)
        gx = c + int((r * 0.72) * math.sin(rad)) - glyph.width // 2
        gy = c - int((r * 0.72) * math.cos(rad)) - glyph.height // 2
        ink.paste(255, (gx, gy), glyph)
    star = ImageFont.truetype(SEAL_FONT, int(r * 0.55))
    pen.text((c, c), seal.centre, fill=255, font=star, anchor="mm")
    if seal.bottom:
        pen.text((c, c + int(r * 0.5)), seal.bottom, fill=255, font=font, anchor="mm")
    ink = ink.filter(ImageFilter.GaussianBlur(0.8)).rotate(-12, resample=Image.BICUBIC)
    # Ink coverage is uneven: fade one side a little so the seal is not a perfect vector shape.
    fade = np.linspace(0.95, 0.7, size, dtype=np.float32)[None, :]
    alpha = (np.asarray(ink, dtype=np.float32) / 255.0) * fade
    arr = np.asarray(page.convert("RGB"), dtype=np.float32)
    x0, y0 = int(seal.cx * w) - c, int(seal.cy * page.size[1]) - c
    region = arr[y0:y0 + size, x0:x0 + size]
    a = alpha[: region.shape[0], : region.shape[1], None]
    red = np.array([205.0, 30.0, 35.0])
    arr[y0:y0 + size, x0:x0 + size] = region * (1 - a) + np.minimum(region, red) * a
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _photo(page: Image.Image) -> Image.Image:
    """A phone photo of the page lying on a desk: keystone, light fall-off, soft focus."""
    src = np.asarray(page.convert("RGB"))
    h, w = src.shape[:2]
    out_w, out_h = int(w * 1.08), int(h * 1.06)
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[0.07 * w, 0.05 * h], [1.02 * w, 0.03 * h], [1.05 * w, 1.02 * h], [0.03 * w, 1.0 * h]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    warped = cv2.warpPerspective(src, matrix, (out_w, out_h), flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(96, 84, 70))
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    dist = np.hypot((xx - 0.35 * out_w) / out_w, (yy - 0.3 * out_h) / out_h)
    light = (1.02 - 0.45 * dist ** 1.6).clip(0.55, 1.0)[..., None]
    tint = np.array([1.0, 0.97, 0.9], dtype=np.float32)
    shaded = warped.astype(np.float32) * light * tint
    return Image.fromarray(shaded.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.1))


def degrade(page: Image.Image, scan: Scan) -> Image.Image:
    image = page.convert("RGB")
    for seal in scan.seals:
        image = draw_seal(image, seal)
    if scan.photo:
        image = _photo(image)
    if scan.skew:
        image = image.rotate(scan.skew, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    if scan.blur:
        image = image.filter(ImageFilter.GaussianBlur(scan.blur))
    if scan.grey:
        image = image.convert("L")
    if scan.rotation:
        # Stored = upright turned counter-clockwise, so a reader turns it clockwise by `rotation`.
        image = image.rotate(scan.rotation, expand=True)
    return image
