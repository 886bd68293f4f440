"""A 300-DPI page to draw on that remembers where each field value was drawn (for truth bboxes)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from .fonts import FontSpec, load_font, printable

DPI = 300
INK = (24, 24, 28)


def mm(v: float) -> int:
    return round(v * DPI / 25.4)


def pt(size_pt: float) -> int:
    return round(size_pt * DPI / 72)


Box = tuple[int, int, int, int]


@dataclass
class Seal:
    """A red seal to stamp after text is drawn: centre in px, diameter in px, text, official or applicant."""

    cx: int
    cy: int
    diameter: int
    text: str
    kind: str = "applicant"  # "applicant" (company seal) or "authority" (issuer's seal)
    footer: str = ""


@dataclass
class Page:
    font: FontSpec
    rng: random.Random
    landscape: bool = False
    doc_type: str = "other"
    img: Image.Image = field(init=False)
    boxes: dict[str, Box] = field(default_factory=dict)
    seals: list[Seal] = field(default_factory=list)
    signatures: list[tuple[int, int, str]] = field(default_factory=list)
    photos: list[Box] = field(default_factory=list)
    variant: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        w, h = mm(210), mm(297)
        if self.landscape:
            w, h = h, w
        paper = tuple(self.rng.randint(246, 255) for _ in range(3))
        self.img = Image.new("RGB", (w, h), paper)  # type: ignore[arg-type]
        self.draw = ImageDraw.Draw(self.img)

    @property
    def size(self) -> tuple[int, int]:
        return self.img.size

    def text_width(self, s: str, size: int, font: FontSpec | None = None) -> int:
        return round(load_font(font or self.font, size).getlength(printable(font or self.font, s)))

    def text(self, x: int, y: int, s: str, size: int, key: str | None = None, fill: tuple[int, int, int] = INK,
             font: FontSpec | None = None, anchor: str = "la") -> Box:
        """Draw one line of text; remember its box under `key` (a field name) if given."""
        f = load_font(font or self.font, size)
        s = printable(font or self.font, s)
        self.draw.text((x, y), s, font=f, fill=fill, anchor=anchor)
        box = self.draw.textbbox((x, y), s, font=f, anchor=anchor)
        if key:
            self.remember(key, box)
        return box  # type: ignore[return-value]

    def remember(self, key: str, box: Box) -> None:
        old = self.boxes.get(key)
        self.boxes[key] = box if old is None else (min(old[0], box[0]), min(old[1], box[1]),
                                                   max(old[2], box[2]), max(old[3], box[3]))

    def wrap(self, s: str, size: int, width: int) -> list[str]:
        """Break `s` into lines no wider than `width` px (CJK text breaks between any characters)."""
        lines, cur = [], ""
        for ch in s:
            if ch == "\n":
                lines.append(cur)
                cur = ""
                continue
            if cur and self.text_width(cur + ch, size) > width:
                lines.append(cur)
                cur = ""
            cur += ch
        if cur or not lines:
            lines.append(cur)
        return lines

    def paragraph(self, x: int, y: int, s: str, size: int, width: int, key: str | None = None,
                  spacing: float = 1.55, indent: bool = False) -> int:
        """Draw wrapped text; returns the y below it."""
        text = ("\u3000\u3000" if indent else "") + s
        for line in self.wrap(text, size, width):
            self.text(x, y, line, size, key=key)
            y += round(size * spacing)
        return y

    def labelled(self, x: int, y: int, label: str, value: str, size: int, key: str | None, gap: int = 0) -> Box:
        """'label：value' on one line; only the value's box is remembered."""
        lb = self.text(x, y, label, size)
        return self.text(lb[2] + gap, y, value, size, key=key)

    def line(self, x0: int, y0: int, x1: int, y1: int, width: int = 3) -> None:
        self.draw.line((x0, y0, x1, y1), fill=INK, width=width)

    def rect(self, box: Box, width: int = 3, fill: tuple[int, int, int] | None = None) -> None:
        self.draw.rectangle(box, outline=INK, width=width, fill=fill)

    def fraction_boxes(self) -> dict[str, tuple[float, float, float, float]]:
        w, h = self.size
        return {k: (b[0] / w, b[1] / h, b[2] / w, b[3] / h) for k, b in self.boxes.items()}
