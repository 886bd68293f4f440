"""Page normalisation: rotation, deskew, seal suppression, photo warp, odd inputs.

Fast tests use only OpenCV; those that need the RapidOCR models for orientation are marked slow.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.errors import OcrError
from extractor.page_normalise import Orientation, normalise_page
from extractor.page_normalise.deskew import estimate_skew, rotate_small
from extractor.page_normalise.geometry import map_points
from extractor.page_normalise.images import is_blank, to_bgr
from extractor.page_normalise.photo import find_page_quad, warp_page
from extractor.page_normalise.seal import ocr_grey
from extractor.pages import PageText, SourcePage

FONT = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2)
LINES = [
    "营业执照",
    "统一社会信用代码 91440101MA59U2LX0T",
    "名称 广州市天河创新科技有限公司",
    "法定代表人 张伟",
    "成立日期 2015年03月12日",
    "住所 广州市天河区天河路385号1201房",
    "经营范围 企业管理咨询服务；信息技术咨询服务",
    "登记机关 广州市天河区市场监督管理局",
]


def render_page(
    lines: list[str] = LINES, size: tuple[int, int] = (1240, 1754), font_px: int = 40
) -> np.ndarray:
    """A white A4 page at 150 DPI with black Chinese text lines, BGR."""
    canvas = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.truetype(FONT[0], font_px, index=FONT[1])
    for index, line in enumerate(lines):
        draw.text((120, 150 + index * int(font_px * 2.2)), line, font=font, fill="black")
    return cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)


def source(image: np.ndarray, text_layer: PageText | None = None) -> SourcePage:
    return SourcePage(file="binder.pdf", page=1, image=image, dpi=150, text_layer=text_layer)


class FixedOrientation:
    """An OrientationDetector that always answers the same: isolates normalise_page from OCR models."""

    def __init__(self, rotation: int) -> None:
        self.rotation = rotation
        self.calls = 0

    def detect(self, gray: np.ndarray) -> Orientation:
        self.calls += 1
        return Orientation(self.rotation, 1.0, "fixed")


@pytest.mark.parametrize("degrees", [2.0, -2.0, 0.8, -4.5])
def test_deskew_estimate_within_half_a_degree(degrees: float) -> None:
    grey = cv2.cvtColor(render_page(), cv2.COLOR_BGR2GRAY)
    assert abs(estimate_skew(rotate_small(grey, degrees, 255)) - degrees) <= 0.5


def test_level_page_has_no_skew() -> None:
    assert abs(estimate_skew(cv2.cvtColor(render_page(), cv2.COLOR_BGR2GRAY))) <= 0.1


def test_normalise_straightens_a_skewed_page() -> None:
    skewed = rotate_small(render_page(), 2.0, (255, 255, 255))
    page = normalise_page(source(skewed), FixedOrientation(0))
    assert abs(page.skew_degrees - 2.0) <= 0.5
    assert abs(estimate_skew(page.ocr_image)) <= 0.2


def test_red_seal_is_suppressed_and_text_under_it_survives() -> None:
    page = render_page()
    ink = np.zeros(page.shape[:2], dtype=np.uint8)
    centre, radius = (500, 260), 150  # over the credit-code and name lines
    cv2.circle(ink, centre, radius, 255, thickness=-1)
    sealed = page.copy()
    red = np.array([40, 40, 215], dtype=np.float32) / 255.0  # BGR
    region = ink > 0
    sealed[region] = (sealed[region].astype(np.float32) * red).astype(np.uint8)  # ink multiplies

    grey = ocr_grey(sealed)
    text_pixels = region & (cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) < 100)
    paper_pixels = region & (cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) > 250)
    assert text_pixels.sum() > 500 and paper_pixels.sum() > 10_000
    assert np.median(grey[paper_pixels]) >= 235, "the disc should vanish into the paper"
    assert np.median(grey[text_pixels]) <= 90, "black strokes under the seal must stay dark"
    # Plain greyscale, by contrast, keeps the disc as a dark blot.
    assert np.median(cv2.cvtColor(sealed, cv2.COLOR_BGR2GRAY)[paper_pixels]) < 120


def test_seal_stays_in_the_reviewer_image() -> None:
    page = render_page()
    cv2.circle(page, (600, 900), 120, (40, 40, 215), thickness=-1)
    normalised = normalise_page(source(page), FixedOrientation(0))
    b, g, r = normalised.upright[900, 600]
    assert r > 180 and g < 90 and b < 90


def photo_of(page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page seen at an angle on a dark desk; returns the photo and the true corners."""
    h, w = page.shape[:2]
    frame_w, frame_h = int(w * 1.3), int(h * 1.25)
    corners = np.array(
        [[110, 160], [frame_w - 60, 90], [frame_w - 140, frame_h - 70], [70, frame_h - 130]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(
        np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32), corners
    )
    desk = np.full((frame_h, frame_w, 3), (40, 55, 65), dtype=np.uint8)
    photo = cv2.warpPerspective(page, matrix, (frame_w, frame_h), dst=desk, borderMode=cv2.BORDER_TRANSPARENT)
    return photo, corners


def test_phone_photo_is_found_and_warped_to_a4() -> None:
    photo, corners = photo_of(render_page())
    found = find_page_quad(photo)
    assert found is not None
    assert np.abs(found - corners).max() < 25
    flat = warp_page(photo, found)
    assert abs(flat.shape[0] / flat.shape[1] - 297 / 210) < 0.02


def test_normalise_flattens_a_photo_and_keeps_text_level() -> None:
    photo, _ = photo_of(render_page())
    page = normalise_page(source(photo), FixedOrientation(0))
    assert any("phone photo" in note for note in page.notes)
    assert abs(page.upright.shape[0] / page.upright.shape[1] - 297 / 210) < 0.02
    assert abs(page.skew_degrees) < 1.0
    # The desk is gone: the border of the OCR image is paper-white.
    assert np.median(page.ocr_image[5:30, :]) > 220


def test_scan_is_not_mistaken_for_a_photo() -> None:
    assert find_page_quad(render_page()) is None


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_detected_rotation_is_applied(clockwise: int) -> None:
    page = render_page()
    detector = FixedOrientation(clockwise)
    normalised = normalise_page(source(page), detector)
    assert normalised.rotation == clockwise and detector.calls == 1
    turned = {90: (page.shape[1], page.shape[0]), 180: page.shape[:2], 270: (page.shape[1], page.shape[0])}
    assert normalised.upright.shape[:2] == turned[clockwise]
    assert normalised.ocr_image.shape == normalised.upright.shape[:2]


def test_blank_page_comes_back_unrotated_without_asking_the_detector() -> None:
    detector = FixedOrientation(90)
    page = normalise_page(source(np.full((1754, 1240, 3), 250, dtype=np.uint8)), detector)
    assert page.rotation == 0 and page.skew_degrees == 0.0 and detector.calls == 0
    assert "blank page" in page.notes
    assert is_blank(page.ocr_image)


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((0, 0, 3), dtype=np.uint8),
        np.full((10, 8), 255, dtype=np.uint8),
        np.full((1, 1, 3), 0, dtype=np.uint8),
        np.full((20, 3000, 3), 255, dtype=np.uint8),
    ],
    ids=["empty", "tiny-grey", "one-pixel", "thin-strip"],
)
def test_tiny_images_pass_through(image: np.ndarray) -> None:
    page = normalise_page(source(image), FixedOrientation(90))
    assert page.rotation == 0 and page.upright.ndim == 3 and page.ocr_image.ndim == 2
    assert page.upright.shape[:2] == page.ocr_image.shape


def test_grey_and_rgba_inputs() -> None:
    bgr = render_page()
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    rgba = np.dstack([cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), np.full(grey.shape, 255, dtype=np.uint8)])
    transparent = np.zeros_like(rgba)  # fully transparent PNG: paper, not a black page
    for image in (grey, grey[:, :, None], rgba):
        page = normalise_page(source(image), FixedOrientation(0))
        assert page.upright.shape == bgr.shape and page.upright.dtype == np.uint8
        assert page.ocr_image.shape == grey.shape
    assert to_bgr(transparent).min() == 255
    assert "blank page" in normalise_page(source(transparent), FixedOrientation(0)).notes


def test_born_digital_page_needs_no_orientation_work() -> None:
    detector = FixedOrientation(180)
    layer = PageText(lines=[], engine="text_layer")
    page = normalise_page(source(render_page(), text_layer=layer), detector)
    assert page.rotation == 0 and detector.calls == 0


@pytest.mark.slow
@pytest.mark.parametrize("clockwise", [0, 90, 180, 270])
def test_default_detector_finds_rotation(clockwise: int) -> None:
    """Render text, turn it counter-clockwise by `clockwise`, expect that clockwise turn back."""
    turn = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    page = render_page()
    turned = cv2.rotate(page, turn[clockwise]) if clockwise else page
    normalised = normalise_page(source(rotate_small(turned, 1.0, (255, 255, 255))))
    assert normalised.rotation == clockwise
    assert normalised.upright.shape == page.shape


@pytest.mark.slow
@pytest.mark.parametrize("clockwise", [90, 180])
def test_tesseract_osd_detector_finds_rotation(clockwise: int) -> None:
    from extractor.page_normalise import TesseractOsdDetector

    turn = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180}
    grey = ocr_grey(cv2.rotate(render_page(), turn[clockwise]))
    assert TesseractOsdDetector().detect(grey).rotation == clockwise


def test_photo_without_text_lines_is_not_tilted() -> None:
    rng = np.random.default_rng(0)
    blobs = cv2.GaussianBlur(rng.integers(0, 255, (1754, 1240)).astype(np.uint8), (0, 0), 15)
    page = np.full((1754, 1240), 255, dtype=np.uint8)
    page[300:1300, 150:1100] = cv2.normalize(blobs, None, 0, 255, cv2.NORM_MINMAX)[300:1300, 150:1100]
    assert estimate_skew(page) == 0.0


class BrokenDetector:
    def detect(self, gray: np.ndarray) -> Orientation:
        raise OcrError("detector crashed (injected)")


def test_failed_orientation_detection_keeps_the_page() -> None:
    page = normalise_page(source(render_page()), BrokenDetector())
    assert page.rotation == 0
    assert any("detector crashed (injected)" in note for note in page.notes)


def test_oversized_scan_is_brought_to_300_dpi() -> None:
    big = cv2.resize(render_page(), (4960, 7016), interpolation=cv2.INTER_NEAREST)  # A4 at 600 DPI
    page = normalise_page(source(big), FixedOrientation(0))
    assert page.upright.shape[:2] == (3508, 2480) and page.ocr_image.shape == (3508, 2480)
    assert "downscaled to 300 DPI" in page.notes


# --- upright_to_source: every geometric step is composed into one homography -------------------



def _dot_centre(image: np.ndarray) -> np.ndarray:
    """Centre (edge coordinates) of the pure-blue dot drawn on a test page."""
    b, g, r = (image[:, :, i].astype(np.int16) for i in range(3))
    ys, xs = np.nonzero((b > 150) & (g < 90) & (r < 90))
    assert len(xs) > 20
    return np.array([xs.mean() + 0.5, ys.mean() + 0.5])


def _with_dot(page: np.ndarray, centre: tuple[int, int]) -> np.ndarray:
    marked = page.copy()
    cv2.circle(marked, centre, 14, (230, 30, 30), thickness=-1)
    return marked


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_upright_point_maps_back_to_its_source_pixel_through_turn_and_skew(clockwise: int) -> None:
    turn = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    page = _with_dot(render_page(), (900, 1300))
    scanned = rotate_small(cv2.rotate(page, turn[clockwise]), 2.0, (255, 255, 255))
    normalised = normalise_page(source(scanned), FixedOrientation(clockwise))
    assert normalised.rotation == clockwise and abs(abs(normalised.skew_degrees) - 2.0) < 0.3
    assert normalised.upright_to_source is not None
    upright_dot = _dot_centre(normalised.upright)
    assert np.abs(upright_dot - (900.5, 1300.5)).max() < 12  # the page really was put upright
    mapped = map_points(normalised.upright_to_source, upright_dot)[0]
    assert np.abs(mapped - _dot_centre(scanned)).max() < 1.5


class LinesAt(FixedOrientation):
    """Answers a rotation and says it found one 40×20 px text line around the given source pixel,
    corners in the detector's order (top-left first, clockwise)."""

    def __init__(self, rotation: int, centre: np.ndarray) -> None:
        super().__init__(rotation)
        x, y = centre
        self.quad = np.array([[x - 20, y - 10], [x + 20, y - 10], [x + 20, y + 10], [x - 20, y + 10]], np.float32)

    def detect(self, gray: np.ndarray) -> Orientation:
        return Orientation(self.rotation, 1.0, "fixed", (self.quad,))


@pytest.mark.parametrize("tilt", [0.0, 2.0, -3.0])
def test_lines_found_for_the_orientation_follow_the_deskew(tilt: float) -> None:
    """The OCR reads the orientation vote's line boxes: they must land where the text went."""
    page = _with_dot(render_page(), (900, 1300))
    scanned = rotate_small(page, tilt, (255, 255, 255)) if tilt else page
    normalised = normalise_page(source(scanned), LinesAt(0, _dot_centre(scanned)))
    assert normalised.line_quads is not None and len(normalised.line_quads) == 1
    quad, dot = normalised.line_quads[0], _dot_centre(normalised.upright)
    # Corners in the recogniser's order: top-left, top-right, bottom-right, bottom-left.
    assert np.abs(quad - (dot + [[-20, -10], [20, -10], [20, 10], [-20, 10]])).max() < 2.5


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_a_turned_page_leaves_its_lines_to_be_found_upright(clockwise: int) -> None:
    normalised = normalise_page(source(render_page()), LinesAt(clockwise, np.array([600.0, 600.0])))
    assert normalised.rotation == clockwise and normalised.line_quads is None


def test_born_digital_and_blank_pages_bring_no_lines() -> None:
    assert normalise_page(source(render_page(), PageText([], "pdf")), LinesAt(0, np.zeros(2))).line_quads is None
    blank = np.full((1754, 1240, 3), 250, dtype=np.uint8)
    assert normalise_page(source(blank), LinesAt(0, np.zeros(2))).line_quads is None


def test_photo_warp_composes_into_the_homography() -> None:
    page = _with_dot(render_page(), (850, 1300))
    photo, _ = photo_of(page)
    normalised = normalise_page(source(photo), FixedOrientation(0))
    assert any("phone photo" in n for n in normalised.notes)
    mapped = map_points(normalised.upright_to_source, _dot_centre(normalised.upright))[0]
    assert np.abs(mapped - _dot_centre(photo)).max() < 2.0


def test_downscale_composes_into_the_homography() -> None:
    page = _with_dot(render_page(size=(3400, 4800), font_px=100), (2300, 3500))
    normalised = normalise_page(source(page), FixedOrientation(0))
    assert any("downscaled" in n for n in normalised.notes)
    mapped = map_points(normalised.upright_to_source, _dot_centre(normalised.upright))[0]
    assert np.abs(mapped - _dot_centre(page)).max() < 2.0


def test_untouched_page_maps_by_identity() -> None:
    normalised = normalise_page(source(render_page()), FixedOrientation(0))
    corners = np.array([[0.0, 0.0], [1240.0, 1754.0]])
    assert np.allclose(map_points(normalised.upright_to_source, corners), corners)
