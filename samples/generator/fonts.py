"""The CJK fonts pages are drawn with, by named set, loaded once per (font, size)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont


@dataclass(frozen=True)
class FontSpec:
    name: str
    path: str
    index: int
    truetype_outlines: bool  # reportlab can embed only glyf (TrueType) fonts, not CFF


_NOTO = "/usr/share/fonts/opentype/noto"
_ARPHIC = "/usr/share/fonts/truetype/arphic"
_WQY = "/usr/share/fonts/truetype/wqy"

DEFAULT_FONTS: tuple[FontSpec, ...] = (
    FontSpec("Noto Sans CJK SC", f"{_NOTO}/NotoSansCJK-Regular.ttc", 2, False),
    FontSpec("Noto Serif CJK SC", f"{_NOTO}/NotoSerifCJK-Regular.ttc", 2, False),
    FontSpec("WenQuanYi Zen Hei", f"{_WQY}/wqy-zenhei.ttc", 0, True),
    FontSpec("WenQuanYi Micro Hei", f"{_WQY}/wqy-microhei.ttc", 0, True),
    FontSpec("AR PL UKai CN", f"{_ARPHIC}/ukai.ttc", 0, True),
    FontSpec("AR PL UMing CN", f"{_ARPHIC}/uming.ttc", 0, True),
)

# Reserved for a held-out evaluation: never used unless --font-set heldout is asked for.
HELDOUT_FONTS: tuple[FontSpec, ...] = (
    FontSpec("AR PL SungtiL GB", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0, True),
    FontSpec("AR PL KaitiM GB", "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0, True),
)

FONT_SETS: dict[str, tuple[FontSpec, ...]] = {"default": DEFAULT_FONTS, "heldout": HELDOUT_FONTS}

# Seal text is always drawn in a bold sans face, as real seal engravings are; it is not OCR'd content.
SEAL_FONT = FontSpec("Noto Sans CJK SC Bold", f"{_NOTO}/NotoSansCJK-Bold.ttc", 2, False)


@lru_cache(maxsize=256)
def load_font(spec: FontSpec, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(spec.path, size_px, index=spec.index)


# Characters some fonts lack, and what an applicant's software would have printed instead.
FALLBACKS: dict[str, str] = {"✓": "√", "㎡": "平方米", "m²": "平方米", "²": "2", "〇": "零"}


@lru_cache(maxsize=4096)
def has_glyph(spec: FontSpec, ch: str) -> bool:
    font = load_font(spec, 40)
    return bytes(font.getmask(ch)) != bytes(font.getmask("\uE000"))  # private-use char = the font's tofu box


def printable(spec: FontSpec, text: str) -> str:
    """`text` with characters the font cannot draw replaced by their usual substitutes."""
    for src, dst in FALLBACKS.items():
        if src in text and not all(has_glyph(spec, ch) for ch in src):
            text = text.replace(src, dst)
    return text
