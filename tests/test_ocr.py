"""The OCR wrapper: engines, registry, failure handling, reading order, read_fast and the cache.

Real-engine tests are marked slow; the rest use fake engines so the error paths run in
milliseconds.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor import ocr
from extractor.errors import OcrError
from extractor.ocr import (
    CachedEngine,
    OcrCache,
    RapidOcrEngine,
    TesseractEngine,
    cache_key,
    get_engine,
    read_fast,
    read_safely,
    reading_order,
)
from extractor.ocr.base import as_bgr
from extractor.ocr.tesseract import _join_words
from extractor.pages import PageText, TextLine

FONT = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2)
LINE = "成立日期 2015年03月12日"
CODE_LINE = "统一社会信用代码 91440101MA59U2LX0T"


def render_lines(lines: list[str], size: tuple[int, int] = (1240, 600), font_px: int = 40) -> np.ndarray:
    canvas = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.truetype(FONT[0], font_px, index=FONT[1])
    for index, line in enumerate(lines):
        draw.text((100, 100 + index * 2 * font_px), line, font=font, fill="black")
    return cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


class CountingEngine:
    """A fake engine that records its calls and returns one line describing the image."""

    name = "fake"

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.calls = 0

    def read(self, image: np.ndarray) -> PageText:
        self.calls += 1
        line = TextLine(text=f"宽{image.shape[1]}", bbox=(0.1, 0.5, 0.9, 1.0), confidence=0.9)
        return PageText(lines=[line], engine=self.name)


class CrashingEngine:
    name = "crashing"
    version = "0"

    def read(self, image: np.ndarray) -> PageText:
        raise OcrError("engine crashed (injected)")


# ---------------------------------------------------------------- registry and errors


def test_unknown_engine_is_refused_with_the_known_names() -> None:
    with pytest.raises(OcrError, match="unknown OCR engine 'paddle'.*rapidocr.*tesseract"):
        get_engine("paddle")


def test_registry_names_match_engine_names() -> None:
    assert set(ocr.ENGINES) == {"rapidocr", "tesseract"}
    assert ocr.DEFAULT_ENGINE in ocr.ENGINES
    assert get_engine("rapidocr", cache_dir=None).name == "rapidocr"  # lazy: no model loaded here


def test_read_safely_turns_a_crash_into_an_empty_page_and_a_message() -> None:
    text, error = read_safely(CrashingEngine(), np.zeros((50, 50), dtype=np.uint8))
    assert text.lines == [] and text.engine == "crashing"
    assert error == "engine crashed (injected)"


def test_rapidocr_failure_becomes_ocr_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("onnxruntime: bad allocation")

    monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads: broken)
    with pytest.raises(OcrError, match="RapidOCR failed on a 40x30 image: onnxruntime: bad allocation"):
        RapidOcrEngine().read(np.zeros((30, 40, 3), dtype=np.uint8))


def test_tesseract_timeout_becomes_ocr_error() -> None:
    engine = TesseractEngine(timeout_seconds=0.001)
    with pytest.raises(OcrError, match="timed out"):
        engine.read(render_lines([LINE] * 6))


@pytest.mark.parametrize(
    "bad", [np.zeros((0, 5), dtype=np.uint8), np.zeros((4, 4, 2), dtype=np.uint8), "img"]
)
def test_unusable_input_is_an_ocr_error(bad: object) -> None:
    with pytest.raises(OcrError):
        as_bgr(bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------- reading order and words


def line(text: str, x0: float, y0: float, x1: float, y1: float) -> TextLine:
    return TextLine(text=text, bbox=(x0, y0, x1, y1), confidence=1.0)


def test_reading_order_rows_then_columns() -> None:
    title = line("资产负债表", 0.40, 0.05, 0.60, 0.08)
    label = line("资产总计", 0.10, 0.30, 0.25, 0.33)
    value = line("1,234.00", 0.70, 0.302, 0.85, 0.328)  # same row, slightly lower box
    footer = line("单位负责人", 0.10, 0.90, 0.30, 0.93)
    assert reading_order([footer, value, title, label]) == [title, label, value, footer]


def test_tesseract_words_join_without_spaces_except_between_latin_runs() -> None:
    assert _join_words(["统一", "社会", "信用代码"]) == "统一社会信用代码"
    assert _join_words(["Room", "1201", "房"]) == "Room 1201房"


# ---------------------------------------------------------------- read_fast


def test_read_fast_reads_the_top_band_and_maps_boxes_to_the_page() -> None:
    engine = CountingEngine()
    page = np.full((3000, 2000, 3), 255, dtype=np.uint8)
    text = read_fast(page, engine, top_fraction=0.4, max_side=1000)
    assert engine.calls == 1
    band_width = text.lines[0].text.removeprefix("宽")
    assert int(band_width) == 1000  # the 2000x1200 band shrunk to 1000 px on its long side
    assert text.lines[0].bbox == pytest.approx((0.1, 0.2, 0.9, 0.4))


# ---------------------------------------------------------------- cache


def test_cache_round_trip(tmp_path: Path) -> None:
    engine = CountingEngine()
    cached = CachedEngine(engine, OcrCache(tmp_path))
    image = np.full((60, 80), 200, dtype=np.uint8)
    first = cached.read(image)
    second = cached.read(image.copy())
    assert engine.calls == 1 and (cached.hits, cached.misses) == (1, 1)
    assert second == first
    stored = list(tmp_path.rglob("*.json"))
    assert len(stored) == 1 and stored[0].stem == cache_key(image, "fake", "1")
    assert json.loads(stored[0].read_text(encoding="utf-8"))["lines"][0]["text"] == "宽80"

    other = image.copy()
    other[0, 0] = 0
    cached.read(other)
    assert engine.calls == 2, "different pixels must miss"
    CachedEngine(CountingEngine(version="2"), OcrCache(tmp_path)).read(image)
    assert len(list(tmp_path.rglob("*.json"))) == 3, "a new engine version must not replay old output"


def test_cache_replays_lines_read_from_given_boxes(tmp_path: Path) -> None:
    class LineEngine(CountingEngine):
        def read_lines(self, image: np.ndarray, quads: list[np.ndarray]) -> PageText:
            self.calls += 1
            return PageText([TextLine(f"{len(quads)}行", (0.1, 0.1, 0.5, 0.2), 0.9)], self.name)

    engine = LineEngine()
    cached = CachedEngine(engine, OcrCache(tmp_path))
    image = np.full((60, 80), 200, dtype=np.uint8)
    quads = [np.zeros((4, 2), dtype=np.float32)] * 3
    text = cached.read_lines(image, quads)
    assert text.lines[0].text == "3行"
    assert cached.read_lines(image.copy(), [q.copy() for q in quads]) == text and engine.calls == 1
    assert cached.read_lines(image, quads[:2]).lines[0].text == "2行", "other boxes, other entry"
    assert cached.read(image).lines[0].text == "宽80" and engine.calls == 3


def test_corrupt_cache_file_is_a_miss(tmp_path: Path) -> None:
    engine = CountingEngine()
    cached = CachedEngine(engine, OcrCache(tmp_path))
    image = np.zeros((10, 10), dtype=np.uint8)
    cached.read(image)
    next(tmp_path.rglob("*.json")).write_text("{truncated", encoding="utf-8")
    assert cached.read(image).lines[0].text == "宽10"
    assert engine.calls == 2


def test_cache_is_off_by_default_and_on_by_env_or_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ocr.CACHE_ENV, raising=False)
    assert not isinstance(get_engine("rapidocr"), CachedEngine)
    assert isinstance(get_engine("rapidocr", cache_dir=tmp_path), CachedEngine)
    monkeypatch.setenv(ocr.CACHE_ENV, str(tmp_path))
    engine = get_engine("rapidocr")
    assert isinstance(engine, CachedEngine) and engine.cache.directory == tmp_path


# ---------------------------------------------------------------- real engines (slow)


@pytest.mark.slow
@pytest.mark.parametrize("engine_name", ["rapidocr", "tesseract"])
def test_engine_reads_a_rendered_chinese_line(engine_name: str) -> None:
    image = render_lines([CODE_LINE, LINE])
    text = get_engine(engine_name, cache_dir=None).read(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    assert text.engine == engine_name
    assert "2015年03月12日" in squash(text.text)
    if engine_name == "rapidocr":
        assert "91440101MA59U2LX0T" in squash(text.text)
    date_line = next(ln for ln in text.lines if "2015" in ln.text)
    x0, y0, x1, y1 = date_line.bbox
    assert 0.05 < x0 < 0.12 and x1 < 0.6 and 0.25 < y0 < y1 < 0.4  # drawn at x=100, y=180..220 of 1240x600
    assert all(0.0 <= ln.confidence <= 1.0 for ln in text.lines)
    assert [ln.bbox[1] for ln in text.lines] == sorted(ln.bbox[1] for ln in text.lines)


@pytest.mark.slow
def test_rapidocr_read_fast_finds_the_title() -> None:
    page = np.full((3508, 2480, 3), 255, dtype=np.uint8)
    # The title is drawn at y ≈ 200..290 px of the page.
    page[100:400, 700:1800] = render_lines(["房屋租赁合同"], size=(1100, 300), font_px=80)
    text = read_fast(page)
    assert "房屋租赁合同" in squash(text.text)
    assert text.lines[0].bbox[1] == pytest.approx(200 / 3508, abs=0.01)
    assert text.lines[0].bbox[3] < 0.1


@pytest.mark.slow
def test_blank_image_reads_as_no_lines() -> None:
    for engine_name in ("rapidocr", "tesseract"):
        assert (
            get_engine(engine_name, cache_dir=None).read(np.full((400, 400), 255, dtype=np.uint8)).lines == []
        )


class FakeRapidOcr:
    """RapidOCR's detector and recogniser parts: boxes in the pixels of the image it is given."""

    def __init__(self, boxes: list[list[list[float]]], reads: list[tuple[str, float]]) -> None:
        self.boxes, self.reads = np.array(boxes, dtype=np.float32), reads
        self.detected_shapes: list[tuple[int, ...]] = []
        self.crop_shapes: list[tuple[int, ...]] = []

    def text_det(self, image: np.ndarray) -> tuple[np.ndarray, float]:
        self.detected_shapes.append(image.shape)
        scale = image.shape[0] / 2000  # the fake's boxes are drawn on a 2000-px-high page
        return self.boxes * scale, 0.0

    def text_rec(self, crops: list[np.ndarray]) -> tuple[list[tuple[str, float]], float]:
        self.crop_shapes += [crop.shape for crop in crops]
        return self.reads[: len(crops)], 0.0


def test_rapidocr_detects_on_a_small_copy_and_reads_lines_in_page_fractions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Lines found on the detector's copy are read from the sharper page, in reading order, as fractions."""
    value = [[600, 100], [900, 100], [900, 140], [600, 140]]
    label = [[100, 102], [300, 102], [300, 138], [100, 138]]
    title = [[400, 20], [600, 20], [600, 60], [400, 60]]
    noise = [[100, 900], [140, 900], [140, 940], [100, 940]]
    fake = FakeRapidOcr([value, label, title, noise],
                        [(" 2015年03月12日 ", 0.97), ("成立日期", 0.99), ("营业执照", 0.995), ("丨", 0.3)])
    monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads: fake)
    text = RapidOcrEngine().read(np.full((2000, 1500), 255, dtype=np.uint8))
    assert min(fake.detected_shapes[0][:2]) == ocr.rapid.DETECT_MIN_SIDE
    assert [ln.text for ln in text.lines] == ["营业执照", "成立日期", "2015年03月12日"], "low scores dropped"
    assert text.lines[2].bbox == pytest.approx((0.4, 0.05, 0.6, 0.07), abs=2e-4)
    assert all(type(value) is float for value in text.lines[2].bbox), "the OCR cache stores plain JSON"
    assert text.lines[2].confidence == 0.97 and text.engine == "rapidocr"
    assert abs(fake.crop_shapes[0][0] - 40) <= 1 and abs(fake.crop_shapes[0][1] - 300) <= 1, "cut from the page"


def test_rapidocr_reads_given_lines_without_detecting(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRapidOcr([], [("住所", 0.98), ("竖排", 0.9)])
    monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads: fake)
    across = np.array([[100, 100], [300, 100], [300, 140], [100, 140]], dtype=np.float32)
    down = np.array([[500, 100], [540, 100], [540, 400], [500, 400]], dtype=np.float32)
    degenerate = np.array([[10, 10], [10, 10], [10, 10], [10, 10]], dtype=np.float32)
    text = RapidOcrEngine().read_lines(np.full((1000, 800), 255, dtype=np.uint8), [across, down, degenerate])
    assert fake.detected_shapes == []
    assert fake.crop_shapes[1][:2] == (40, 300), "a tall line is turned to lie along the reader"
    assert [ln.text for ln in text.lines] == ["住所", "竖排"]


def test_rapidocr_strip_uses_the_library_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A very wide strip (an unrolled seal) goes through RapidOCR's own letterboxing."""
    title = [[[10, 5], [190, 5], [190, 20], [10, 20]], "广州市市场监督管理局", 0.9]
    monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads: lambda image, use_cls: ([title], []))
    text = RapidOcrEngine().read(np.full((25, 1000), 255, dtype=np.uint8))
    assert [ln.text for ln in text.lines] == ["广州市市场监督管理局"]


def test_rapidocr_finding_nothing_is_an_empty_page(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRapidOcr([], [])
    monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads: fake)
    assert RapidOcrEngine().read(np.full((50, 50), 255, dtype=np.uint8)).lines == []
    monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads: lambda image, use_cls: (None, None))
    assert RapidOcrEngine().read(np.full((20, 50), 255, dtype=np.uint8)).lines == []


# ---------------------------------------------------------------- inference runtime


def test_the_inference_runtime_is_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr.openvino_runtime import RUNTIME_ENV, chosen_runtime

    monkeypatch.setenv(RUNTIME_ENV, " OpenVINO-F32 ")
    assert chosen_runtime() == "openvino-f32"
    monkeypatch.setenv(RUNTIME_ENV, "tensorrt")
    with pytest.raises(OcrError, match="expected one of openvino, openvino-f32, onnxruntime"):
        chosen_runtime()
    monkeypatch.delenv(RUNTIME_ENV)
    assert chosen_runtime() == "openvino"


def test_only_the_default_runtime_computes_in_bf16_and_says_so_in_the_cache_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr import openvino_runtime
    from extractor.ocr.openvino_runtime import RUNTIME_ENV, inference_precision

    monkeypatch.setattr(openvino_runtime, "_cpu_has_bf16", lambda: True)
    versions = {}
    for runtime in ("openvino", "openvino-f32", "onnxruntime"):
        monkeypatch.setenv(RUNTIME_ENV, runtime)
        versions[runtime] = (inference_precision(), RapidOcrEngine().version)
    suffix = ocr.rapid.BF16_VERSION_SUFFIX
    assert versions["openvino"][0] == "bf16" and versions["openvino"][1].endswith(suffix)
    # f32 reads the same on both runtimes (test below): one cache key
    assert versions["openvino-f32"] == versions["onnxruntime"] == ("f32", versions["openvino"][1][:-len(suffix)])
    monkeypatch.setattr(openvino_runtime, "_cpu_has_bf16", lambda: False)
    monkeypatch.setenv(RUNTIME_ENV, "openvino")
    assert (inference_precision(), RapidOcrEngine().version) == versions["openvino-f32"]


@pytest.mark.slow
def test_openvino_f32_reads_the_same_lines_as_onnxruntime(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr import rapid
    from extractor.ocr.openvino_runtime import RUNTIME_ENV, OpenVinoSession

    image = cv2.cvtColor(render_lines([CODE_LINE, LINE, "广州市天河区天河路100号天华大厦5楼01房"]), cv2.COLOR_BGR2GRAY)
    reads = {}
    for runtime in ("onnxruntime", "openvino-f32"):
        monkeypatch.setenv(RUNTIME_ENV, runtime)
        engine = rapid.RapidOcrEngine(threads=1)
        reads[runtime] = [(line.text, line.bbox) for line in engine.read(image).lines]
        swapped = isinstance(rapid._rapidocr(1).text_rec.session, OpenVinoSession)
        assert swapped is (runtime != "onnxruntime")
    assert reads["openvino-f32"] == reads["onnxruntime"] and len(reads["onnxruntime"]) == 3


@pytest.mark.slow
def test_the_default_runtime_reads_the_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever precision this CPU gives the default runtime, it reads a clean page right."""
    from extractor.ocr import rapid
    from extractor.ocr.openvino_runtime import RUNTIME_ENV

    monkeypatch.delenv(RUNTIME_ENV, raising=False)
    image = cv2.cvtColor(render_lines([CODE_LINE, LINE, "广州市天河区天河路100号天华大厦5楼01房"]), cv2.COLOR_BGR2GRAY)
    texts = [squash(line.text) for line in rapid.RapidOcrEngine(threads=1).read(image).lines]
    assert texts == [squash(CODE_LINE), squash(LINE), "广州市天河区天河路100号天华大厦5楼01房"]


# ---------------------------------------------------------------- detector input


@pytest.mark.parametrize("mean, std", [([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]), ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
def test_detector_input_by_table_is_the_librarys_bit_for_bit(mean: list[float], std: list[float]) -> None:
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    from extractor.ocr.model_inputs import normalise_by_table

    image = np.random.default_rng(7).integers(0, 256, (97, 130, 3), dtype=np.uint8)
    library = DetPreProcess(736, "min", mean, std)
    expected = library(image)
    library.normalize = normalise_by_table(library)
    got = library(image)
    assert got.dtype == expected.dtype == np.float32 and got.shape == expected.shape
    assert np.array_equal(got, expected)


def test_detector_input_by_table_leaves_other_arrays_to_the_library() -> None:
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    from extractor.ocr.model_inputs import normalise_by_table

    library = DetPreProcess(736, "min", None, None)
    floats = np.random.default_rng(8).random((20, 30, 3)).astype(np.float32) * 255
    assert np.array_equal(normalise_by_table(library)(floats), library.normalize(floats))


def test_the_process_detector_normalises_by_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr import rapid

    monkeypatch.setattr(rapid, "_instances", {})
    preprocess = rapid._rapidocr(1).text_det.get_preprocess(1760)
    assert preprocess.normalize.__qualname__.startswith("normalise_by_table")


# ---------------------------------------------------------------- recogniser input widths


def test_line_widths_are_padded_up_to_a_few_widths() -> None:
    from extractor.ocr.model_inputs import LINE_WIDTHS, padded_line_width

    assert padded_line_width(12) == padded_line_width(320) == 320  # the library's own minimum
    assert padded_line_width(321) == 384 and padded_line_width(1025) == 1280
    assert padded_line_width(LINE_WIDTHS[-1] + 1) == 5120
    widths = {padded_line_width(width) for width in range(1, 8000)}
    assert len(widths) <= len(LINE_WIDTHS) + 4  # a bounded number of input shapes
    assert all(padded_line_width(width) >= width for width in range(1, 8000))


def test_bucketed_recogniser_pads_each_batch_to_its_bucket() -> None:
    from rapidocr_onnxruntime.ch_ppocr_rec.text_recognize import TextRecognizer

    from extractor.ocr.model_inputs import bucketed_line_widths

    recogniser = TextRecognizer.__new__(TextRecognizer)  # only its input preparation is used here
    recogniser.rec_image_shape = [3, 48, 320]
    crop = np.full((30, 260, 3), 200, dtype=np.uint8)  # 416 px wide at the model's 48 px height
    assert recogniser.resize_norm_img(crop, 416 / 48).shape == (3, 48, 416)
    bucketed_line_widths(recogniser)
    padded = recogniser.resize_norm_img(crop, 416 / 48)
    assert padded.shape == (3, 48, 448)
    assert (padded[:, :, 416:] == 0).all() and not (padded[:, :, :416] == 0).all()


def test_the_bf16_engine_buckets_its_widths_and_the_f32_engine_keeps_the_librarys(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr import openvino_runtime, rapid
    from extractor.ocr.openvino_runtime import RUNTIME_ENV

    monkeypatch.setattr(openvino_runtime, "use_openvino", lambda instance, threads, precision: None)
    for runtime, has_bf16, bucketed in (("openvino", True, True), ("openvino", False, False),
                                        ("openvino-f32", True, False)):
        monkeypatch.setenv(RUNTIME_ENV, runtime)
        monkeypatch.setattr(openvino_runtime, "_cpu_has_bf16", lambda has=has_bf16: has)
        monkeypatch.setattr(rapid, "use_openvino", openvino_runtime.use_openvino)
        monkeypatch.setattr(rapid, "_instances", {})
        recogniser = rapid._rapidocr(1).text_rec
        is_bucketed = recogniser.resize_norm_img.__qualname__.startswith("bucketed_line_widths")
        assert is_bucketed is bucketed, (runtime, has_bf16)


@pytest.mark.parametrize("bucketed", [False, True])
def test_recogniser_batches_are_the_librarys_sixes_for_narrow_lines_and_fewer_wide_lines(bucketed: bool) -> None:
    from extractor.ocr.model_inputs import BATCH_WIDTH_BUDGET, LINE_HEIGHT, line_batches, padded_line_width

    narrow = [np.zeros((30, 30 * (1 + i % 5), 3), dtype=np.uint8) for i in range(13)]  # ratios 1..5
    batches = line_batches(narrow, bucketed)
    assert [len(batch) for batch in batches] == [6, 6, 1]
    assert all(batch == sorted(batch) for batch in batches), "each batch in the caller's order"
    ratio = [crop.shape[1] / crop.shape[0] for crop in narrow]
    assert max(ratio[i] for i in batches[0]) <= min(ratio[i] for i in batches[1]), "by width, as the library"

    wide = [np.zeros((32, width, 3), dtype=np.uint8) for width in (1800, 200, 1900, 1700, 2000, 150, 1850)]
    batches = line_batches(wide, bucketed)
    assert sorted(i for batch in batches for i in batch) == list(range(len(wide)))
    for batch in batches:
        widest = max(LINE_HEIGHT * wide[i].shape[1] / wide[i].shape[0] for i in batch)
        assert len(batch) * (padded_line_width(widest) if bucketed else widest) <= BATCH_WIDTH_BUDGET
    assert [1, 5] in batches  # the two short lines still go together


def test_a_bucketed_batch_is_filled_to_one_count_per_width() -> None:
    from extractor.ocr.model_inputs import BLANK_LINE, filled_batch

    expected = {100: 6, 600: 6, 1000: 4, 1500: 2, 2000: 2, 2900: 1}  # px at 32 high: x1.5 at 48
    for width, count in expected.items():
        line = np.zeros((32, width, 3), dtype=np.uint8)
        filled = filled_batch([line])
        assert len(filled) == count, width
        assert filled[0] is line and all(extra is BLANK_LINE for extra in filled[1:])
    counts = {len(filled_batch([np.zeros((32, w, 3), dtype=np.uint8)] * k)) for w in (200, 210, 230) for k in (1, 2, 5)}
    assert counts == {6}, "narrow batches of any size become one shape"


def test_rapidocr_recognises_in_bounded_batches_and_answers_in_the_callers_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Recogniser:
        def __init__(self) -> None:
            self.batches: list[int] = []

        def text_rec(self, crops: list[np.ndarray]) -> tuple[list[tuple[str, float]], float]:
            self.batches.append(len(crops))
            return [(f"w{crop.shape[1]}", 0.9) for crop in crops], 0.0

    widths = [2000, 100, 1900, 120, 1950, 110, 1800, 130]
    for runtime in ("openvino-f32", "openvino"):
        fake = Recogniser()
        monkeypatch.setattr(ocr.rapid, "_rapidocr", lambda threads, fake=fake: fake)
        monkeypatch.setenv("PACKETCHECK_INFERENCE", runtime)
        monkeypatch.setattr(ocr.openvino_runtime, "_cpu_has_bf16", lambda: True)
        reads = RapidOcrEngine().recognise([np.zeros((32, width, 3), dtype=np.uint8) for width in widths])
        assert reads == [(f"w{width}", 0.9) for width in widths], runtime
        # the four short lines together, the long ones two by two; at bf16 filled to fixed shapes
        assert fake.batches == ([6, 2, 2] if runtime == "openvino" else [4, 2, 2]), runtime


# ---------------------------------------------------------------- detector compiled for page shapes


class ShapeSession:
    """Stands in for one compiled detector: echoes its input's first channel as the map."""

    def __init__(self, shape: tuple[int, ...] | None, log: list[str]) -> None:
        self.shape, self.log = shape, log

    def __call__(self, x: np.ndarray) -> list[np.ndarray]:
        assert self.shape is None or x.shape == self.shape, "a static model gets exactly its shape"
        self.log.append(f"run {self.shape}")
        return [x[:, :1].copy()]

    def release_memory(self) -> None:
        self.log.append(f"release {self.shape}")


def test_page_shape_detector_pads_with_paper_cuts_back_and_holds_one_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr.openvino_runtime import PageShapeDetector

    log: list[str] = []
    detector = PageShapeDetector(Path("det.onnx"), 1, "bf16", np.array([1.0, 1.0, 1.0]),
                                 ((1760, 1248), (1248, 1760)))
    monkeypatch.setattr(detector, "_build", lambda shape: ShapeSession(shape, log))
    page = np.full((1, 3, 1700, 1200), -1.0, dtype=np.float32)  # all ink
    out = detector(page)[0]
    assert out.shape == (1, 1, 1700, 1200) and (out == -1.0).all(), "the padding is cut away again"
    assert log == ["run (1, 3, 1760, 1248)"]
    detector(np.zeros((1, 3, 1248, 1760), dtype=np.float32))  # a lying page: the other shape
    detector(np.zeros((1, 3, 1800, 1300), dtype=np.float32))  # fits neither: free input size
    assert log[1:] == ["release (1, 3, 1760, 1248)", "run (1, 3, 1248, 1760)",
                       "release (1, 3, 1248, 1760)", "run None"]


def test_page_shape_detector_pads_with_the_models_white(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr.openvino_runtime import PageShapeDetector

    seen: list[np.ndarray] = []
    detector = PageShapeDetector(Path("det.onnx"), 1, "bf16", np.array([0.5, 1.0, 2.0]), ((64, 64),))
    monkeypatch.setattr(detector, "_build", lambda shape: lambda x: (seen.append(x.copy()), [x[:, :1]])[1])
    detector(np.zeros((1, 3, 40, 50), dtype=np.float32))
    padded = seen[0]
    assert padded.shape == (1, 3, 64, 64) and (padded[:, :, :40, :50] == 0).all()
    assert [padded[0, c, 63, 63] for c in range(3)] == [0.5, 1.0, 2.0]
    assert [padded[0, c, 10, 60] for c in range(3)] == [0.5, 1.0, 2.0]


def test_only_the_bf16_engine_detects_with_page_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr import openvino_runtime, rapid
    from extractor.ocr.openvino_runtime import RUNTIME_ENV, OpenVinoSession, PageShapeDetector

    monkeypatch.setattr(openvino_runtime, "_cpu_has_bf16", lambda: True)
    for runtime, kind in (("openvino", PageShapeDetector), ("openvino-f32", OpenVinoSession)):
        monkeypatch.setenv(RUNTIME_ENV, runtime)
        monkeypatch.setattr(rapid, "_instances", {})
        assert type(rapid._rapidocr(1).text_det.infer) is kind, runtime


def test_the_line_angle_classifier_is_compiled_only_when_a_page_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ocr import rapid
    from extractor.ocr.openvino_runtime import RUNTIME_ENV, CompiledOnFirstUse

    monkeypatch.setenv(RUNTIME_ENV, "openvino-f32")
    monkeypatch.setattr(rapid, "_instances", {})
    classifier = rapid._rapidocr(1).text_cls.infer
    assert type(classifier) is CompiledOnFirstUse and classifier._session is None
    strip = np.full((48, 192, 3), 255, dtype=np.uint8)
    cv2.putText(strip, "2019", (10, 36), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 0), 2)
    rapid.RapidOcrEngine(threads=1, use_angle_cls=True).read(strip)
    assert classifier._session is not None
