"""Seal words: unrolling a round seal into a line, and snapping an authority's name to the lists.

The seals here are drawn by the test itself (another font and arc than the sample generator's), in
red on a colour page and in grey on a greyscale scan with black print crossing them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.doctypes import business_license, legal_person_certificate
from extractor.normalize.authority import read_authority
from extractor.ocr import get_engine
from extractor.pages import NormalizedPage, PageText, ReadPage, SealText, SourcePage, TextLine
from extractor.seal_text import MIN_RING_COVERAGE, _fitted_ring, _grey_circles, _red_circles, _ring_score, read_seals, redness, unrolled_seal

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
SEAL_INK_RGB = (205, 40, 45)


# ------------------------------------------------------------------ authority names

@pytest.mark.parametrize(("read", "expected", "edits"), [
    ("广州市海珠区工商行政管理局", "广州市海珠区工商行政管理局", 0),
    ("广州市湖珠区工新行政管理局", "广州市海珠区工商行政管理局", 2),   # one slip in the place, one in the office
    ("日日广州市白云区市场监督管理局", "广州市白云区市场监督管理局", 0),  # specks before the name
    ("广州市民政局)", "广州市民政局", 0),
    ("中州市民政局", "广州市民政局", 1),
    ("深圳市南山区市场监经管理局", "深圳市南山区市场监督管理局", 1),  # a district off the list stays as read
    ("广州市萝岗区工商行政管理局", "广州市萝岗区工商行政管理局", 0),  # a former district is not 黄埔区
    ("广东省人力资源和社会保障厅", "广东省人力资源和社会保障厅", 0),
])
def test_authority_names_are_put_right_part_by_part(read: str, expected: str, edits: int) -> None:
    found = read_authority(read)
    assert found is not None and (found.value, found.edits) == (expected, edits)


@pytest.mark.parametrize("read", ["广州市中小企业穗新促进会", "广州恒通工业园发展有限公司", "广州市浦珠区广汇产业园投资有公局",
                                  "民政", ""])
def test_a_company_or_a_fragment_is_no_authority(read: str) -> None:
    assert read_authority(read) is None


def test_two_slips_in_a_district_are_not_guessed() -> None:
    found = read_authority("广州市敬鸿区市场监督管理局")  # 番禺区 is two characters away: kept as read
    assert found is not None and found.value == "广州市敬鸿区市场监督管理局"


# ------------------------------------------------------------------ drawing a seal

def _seal(text: str, diameter: int, rotation: float) -> np.ndarray:
    """Ink mask (1 = ink): ring, star, characters along a 220° arc with their tops outward."""
    size = diameter + 10
    centre = size / 2
    ring = max(5, diameter // 30)
    canvas = np.zeros((size, size), np.uint8)
    cv2.circle(canvas, (size // 2, size // 2), diameter // 2 - ring // 2, 255, ring, cv2.LINE_AA)
    points = np.array([(centre + diameter * (0.15, 0.06)[i % 2] * math.cos(math.pi * (i / 5 - 0.5)),
                        centre + diameter * (0.15, 0.06)[i % 2] * math.sin(math.pi * (i / 5 - 0.5)))
                       for i in range(10)], np.int32)
    cv2.fillPoly(canvas, [points], 255, cv2.LINE_AA)
    mask = Image.fromarray(canvas)
    font_px = int(diameter * 0.12)
    font = ImageFont.truetype(str(FONT), font_px)
    radius = diameter / 2 - ring - font_px * 0.75
    arc = math.radians(220)
    for index, char in enumerate(text):
        angle = -math.pi / 2 - arc / 2 + arc * (index + 0.5) / len(text)
        glyph = Image.new("L", (font_px * 2, font_px * 2), 0)
        ImageDraw.Draw(glyph).text((font_px, font_px), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        mask.paste(255, (int(x - font_px), int(y - font_px)), glyph)
    mask = mask.rotate(rotation, resample=Image.Resampling.BICUBIC)
    return np.asarray(mask, dtype=np.float32) / 255


def _page_with_seal(text: str, *, grey: bool, rotation: float = 8.0) -> np.ndarray:
    page = Image.new("RGB", (1400, 1000), "white")
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(str(FONT), 34)
    draw.text((120, 120), "营业执照", font=body, fill="black")
    draw.text((800, 560), "登记机关", font=body, fill="black")
    draw.text((860, 760), "2016年05月20日", font=body, fill="black")  # printed across the seal's foot
    image = np.asarray(page, dtype=np.float32)
    ink = _seal(text, 360, rotation)
    y, x = 450, 820
    region = image[y:y + ink.shape[0], x:x + ink.shape[1]]
    colour = np.array(SEAL_INK_RGB, dtype=np.float32)
    region[:] = region * (1 - 0.85 * ink[..., None]) + colour * 0.85 * ink[..., None] * region / 255
    bgr = cv2.cvtColor(image.clip(0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
    if grey:
        bgr = cv2.cvtColor(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    return bgr


class _RecordingEngine:
    name, version = "fake", "1"

    def __init__(self, answer: str = "广州市天河区市场监督管理局") -> None:
        self.strips: list[np.ndarray] = []
        self.answer = answer

    def read(self, image: Any) -> PageText:
        raise AssertionError("a seal strip is one line: the recogniser alone reads it")

    def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        self.strips.extend(crops)
        return [(f" {self.answer}。", 0.9) for _ in crops]


def test_a_red_seal_unrolls_into_one_line_of_upright_characters() -> None:
    page = _page_with_seal("广州市天河区市场监督管理局", grey=False)
    engine = _RecordingEngine()
    seals = read_seals(page, engine)  # type: ignore[arg-type]
    assert [s.text for s in seals] == ["广州市天河区市场监督管理局"]  # punctuation and spaces dropped
    strip = engine.strips[0]
    assert strip.shape[1] > 6 * strip.shape[0]  # one long line, not a disc
    x0, y0, x1, y1 = seals[0].bbox
    assert 0.55 < x0 < 0.62 and 0.42 < y0 < 0.5 and x1 < 0.9 and y1 < 0.85  # the seal, in page fractions
    # The unprinted foot of the arc is cut away: ink runs from near one end of the strip to the other.
    dark = (strip < 128).any(axis=0)
    assert dark[: strip.shape[1] // 10].any() and dark[-strip.shape[1] // 10:].any()


def test_a_page_without_seals_asks_the_engine_nothing() -> None:
    page = np.full((900, 700, 3), 255, np.uint8)
    cv2.putText(page, "no seal here", (50, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    engine = _RecordingEngine()
    assert read_seals(page, engine) == [] and engine.strips == []  # type: ignore[arg-type]


def test_a_tiny_red_blob_is_no_seal_to_read() -> None:
    page = _page_with_seal("广州市民政局", grey=False)
    circles = _red_circles(page, redness(page))
    assert len(circles) == 1
    small = type(circles[0])(circles[0].cx, circles[0].cy, 20.0)
    assert unrolled_seal(redness(page), small) is None


def test_a_grey_seal_s_circle_is_fitted_to_its_ring_before_it_is_judged() -> None:
    ring = np.zeros((300, 300), np.uint8)
    cv2.circle(ring, (150, 150), 60, 1, 3)
    inked = ring.astype(bool)
    off = (146.0, 146.0, 56.0)  # where the Hough transform put a real seal: 4 px and 7 % short
    assert _ring_score(inked, *off) < MIN_RING_COVERAGE
    coverage, cx, cy, radius = _fitted_ring(inked, *off)
    assert coverage > 0.95 and abs(cx - 150) <= 2 and abs(cy - 150) <= 2 and abs(radius - 60) <= 2


def test_a_filled_grey_disk_is_no_seal_but_a_grey_seal_beside_it_is() -> None:
    page = _page_with_seal("广州市民政局", grey=True)
    cv2.circle(page, (300, 600), 120, (150, 150, 150), -1)  # an ID photo's head, seal-sized
    circles = _grey_circles(page)
    assert len(circles) == 1 and circles[0].cx > 800


@pytest.mark.slow
@pytest.mark.parametrize("grey", [False, True], ids=["red", "grey-scan"])
@pytest.mark.parametrize("authority", ["广州市天河区市场监督管理局", "广州市民政局"])
def test_rapidocr_reads_the_seal_of_a_registration_authority(grey: bool, authority: str) -> None:
    page = _page_with_seal(authority, grey=grey, rotation=-12.0)
    texts = [seal.text for seal in read_seals(page, get_engine("rapidocr", threads=1))]
    names = [found.value for found in map(read_authority, texts) if found is not None]
    assert names == [authority]


# ------------------------------------------------------------------ the licence's field

def _licence_page(lines: Sequence[TextLine], seals: Sequence[SealText]) -> ReadPage:
    image = np.full((8, 8, 3), 255, dtype=np.uint8)
    source = SourcePage(file="licence.pdf", page=1, image=image, dpi=200)
    return ReadPage(NormalizedPage(source, image, None, 0, 0.0), PageText(list(lines), "rapidocr"), list(seals))


def test_the_issuer_comes_from_its_seal_when_no_text_names_it() -> None:
    lines = [TextLine("营业执照", (0.4, 0.1, 0.6, 0.15), 0.99),
             TextLine("名称", (0.1, 0.3, 0.16, 0.33), 0.99),
             TextLine("广州市示例科技有限公司", (0.25, 0.3, 0.55, 0.33), 0.98),
             TextLine("登记机关", (0.62, 0.7, 0.72, 0.73), 0.99),
             TextLine("2016年05月20日", (0.66, 0.8, 0.82, 0.83), 0.97)]
    applicant = SealText("广州市示例科技有限公司", 0.95, (0.6, 0.2, 0.8, 0.4))   # 与原件一致 stamp on the copy
    issuer = SealText("广州市天河区市场监智管理局", 0.9, (0.6, 0.62, 0.82, 0.9))
    fields = business_license.extract([_licence_page(lines, [applicant, issuer])])
    authority = fields.issuing_authority
    assert authority is not None and authority.value == "广州市天河区市场监督管理局"
    assert authority.bbox == issuer.bbox and authority.raw == issuer.text
    assert authority.confidence < 0.9  # a corrected reading of a seal is less certain than its OCR


def test_printed_issuer_text_wins_over_the_seal() -> None:
    lines = [TextLine("社会团体法人登记证书", (0.3, 0.1, 0.7, 0.15), 0.99),
             TextLine("登记管理机关", (0.1, 0.7, 0.25, 0.73), 0.99),
             TextLine("广州市民政局", (0.3, 0.7, 0.45, 0.73), 0.99)]
    seal = SealText("广州市越秀区市场监督管理局", 0.9, (0.6, 0.6, 0.8, 0.9))
    fields = legal_person_certificate.extract([_licence_page(lines, [seal])])
    assert fields.issuing_authority is not None and fields.issuing_authority.value == "广州市民政局"


def test_pieces_of_a_seals_words_are_not_read_as_a_value_continuing() -> None:
    lines = [TextLine("营业执照", (0.4, 0.1, 0.6, 0.15), 0.99),
             TextLine("住所", (0.1, 0.5, 0.16, 0.53), 0.99),
             TextLine("广州市番禺区番禺大道北804号金穗大厦1560室", (0.25, 0.5, 0.7, 0.53), 0.98),
             TextLine("限公", (0.27, 0.54, 0.32, 0.57), 0.9)]   # what red suppression left of the seal
    seal = SealText("广州市金穗生态农业园有限公司", 0.93, (0.22, 0.45, 0.42, 0.7))
    fields = business_license.extract([_licence_page(lines, [seal])])
    assert fields.registered_address is not None
    assert fields.registered_address.value == "广州市番禺区番禺大道北804号金穗大厦1560室"
    # Without the seal's words the same fragment would be taken for the address's second row.
    fields = business_license.extract([_licence_page(lines, [])])
    assert fields.registered_address is not None and fields.registered_address.value.endswith("限公")
