"""Reading a page: headings first, the other lines only where fields may be."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor import pipeline
from extractor.ingest import FileKind, PageHandle, ingest
from extractor.ocr.base import reading_order
from extractor.options import AnalyzeOptions, InputLimits
from extractor.page_read import read_headings_first, read_page
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def box(x: float, y: float, width: float, height: float) -> np.ndarray:
    return np.array([[x, y], [x + width, y], [x + width, y + height], [x, y + height]], dtype=np.float32)


class WordsAt:
    """A fake engine reading each box as the words planted at its top-left corner."""

    name = "fake"
    version = "1"

    def __init__(self, words: dict[tuple[int, int], str]) -> None:
        self.words = words
        self.batches: list[int] = []

    def read(self, image: np.ndarray) -> PageText:
        raise AssertionError("the lines were already found")

    def read_lines(self, image: np.ndarray, quads: list[np.ndarray]) -> PageText:
        self.batches.append(len(quads))
        height, width = image.shape[:2]
        lines = [TextLine(self.words[(int(q[0][0]), int(q[0][1]))],
                          (q[0][0] / width, q[0][1] / height, q[2][0] / width, q[2][1] / height), 0.98)
                 for q in quads]
        return PageText(reading_order(lines), self.name)


PAGE = np.full((2000, 1400), 255, dtype=np.uint8)


def test_a_page_of_a_type_without_fields_keeps_its_headings_only() -> None:
    quads = [box(500, 100, 400, 70), box(100, 300, 1200, 40)] + [box(100, 400 + 60 * i, 1200, 40) for i in range(20)]
    words = {(500, 100): "科技金融对接会签到表", (100, 300): "活动时间：2018年5月12日 活动地点：天河区"}
    words |= {(100, 400 + 60 * i): f"第{i}行 张三 13800000000" for i in range(20)}
    engine = WordsAt(words)
    text = read_headings_first(engine, PAGE, quads)
    assert engine.batches == [8] and not text.complete
    assert text.lines[0].text == "科技金融对接会签到表"


def test_a_page_that_may_hold_fields_is_read_whole_in_reading_order() -> None:
    quads = [box(100, 1500, 1200, 40), box(500, 100, 400, 70), box(100, 300, 1200, 40)]
    words = {(500, 100): "营业执照", (100, 300): "统一社会信用代码 91440101MA59U2LX0T",
             (100, 1500): "登记机关 广州市天河区市场监督管理局"}
    engine = WordsAt(words)
    text = read_headings_first(engine, PAGE, quads)
    assert engine.batches == [2, 1] and text.complete
    assert [line.text[:4] for line in text.lines] == ["营业执照", "统一社会", "登记机关"]


def test_a_cash_flow_statement_sharing_column_words_with_the_income_statement_keeps_its_headings_only() -> None:
    heads = [box(500, 100, 400, 70), box(100, 250, 300, 40), box(700, 250, 300, 40)]
    rows = [box(100, 400 + 60 * i, 1200, 40) for i in range(30)]
    words = {(500, 100): "现金流量表", (100, 250): "本期金额", (700, 250): "上期金额"}
    words |= {(100, 400 + 60 * i): f"第{i}行 1,234.56" for i in range(30)}
    engine = WordsAt(words)
    text = read_headings_first(engine, PAGE, heads + rows)
    assert engine.batches == [8] and not text.complete


def test_a_page_headed_by_two_titles_is_read_whole() -> None:
    """The page reads most like a cash-flow statement, but the rival has a title of its own
    (利润表, a type with fields): the page is in doubt."""
    quads = [box(500, 100, 400, 70), box(500, 200, 400, 70), box(100, 1500, 1200, 40)]
    words = {(500, 100): "现金流量表 经营活动产生的现金流量", (500, 200): "利润表", (100, 1500): "营业收入 1,234.56"}
    engine = WordsAt(words)
    assert read_headings_first(engine, PAGE, quads).complete and engine.batches == [2, 1]


def test_a_notice_mentioned_inside_a_licence_page_does_not_stop_the_read() -> None:
    """Only a confident heading of a field-less type stops reading; a page with no clear heading goes on."""
    quads = [box(100, 100, 1200, 40), box(100, 1600, 1200, 40)]
    words = {(100, 100): "附件：服务协议、营业执照复印件", (100, 1600): "法定代表人 张伟"}
    engine = WordsAt(words)
    assert read_headings_first(engine, PAGE, quads).complete and engine.batches == [1, 1]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["rapidocr", "tesseract"])
def test_each_engine_reads_a_scanned_page(tmp_path: Path, engine: str) -> None:
    """RapidOCR reads the orientation vote's lines; Tesseract, which finds its own, reads the page."""
    canvas = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 44, index=2)
    for row, words in enumerate(["营业执照", "名称 广州市天河创新科技有限公司", "成立日期 2015年03月12日"]):
        draw.text((150, 200 + row * 110), words, font=font, fill="black")
    canvas.rotate(180).save(tmp_path / "scan.png")
    handle = ingest([tmp_path / "scan.png"], InputLimits()).pages[0]
    page, error = read_page(handle, AnalyzeOptions(ocr_engine=engine, ocr_threads=1))
    assert error is None and page.normalized.rotation == 180
    assert "广州市天河创新科技有限公司" in "".join(page.text.text.split())


def _options_seen(handle: PageHandle, options: AnalyzeOptions,
                  images: object = None) -> tuple[ReadPage, str | None]:
    image = np.full((20, 20, 3), 255, dtype=np.uint8)
    source = SourcePage(file=handle.name, page=handle.page, image=image, dpi=200)
    normalized = NormalizedPage(source, image, None, 0, 0.0, notes=[f"{options.page_workers}x{options.ocr_threads}"])
    return ReadPage(normalized, PageText([], "fake")), None


def _handles(count: int) -> list[PageHandle]:
    return [PageHandle(Path("binder.pdf"), "binder.pdf", FileKind.PDF, index) for index in range(count)]


def test_a_short_binder_is_read_in_one_process_with_every_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "read_page", _options_seen)
    pages, errors = pipeline.read_pages(_handles(4), AnalyzeOptions(page_workers=2, ocr_threads=1))
    assert errors == [] and [page.normalized.notes for page in pages] == [["1x2"]] * 4
    assert [page.page for page in pages] == [1, 2, 3, 4]


def test_a_long_binder_is_spread_over_page_workers_in_binder_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "read_page", _options_seen)
    pages, _ = pipeline.read_pages(_handles(7), AnalyzeOptions(page_workers=2, ocr_threads=1))
    assert [page.normalized.notes for page in pages] == [["2x1"]] * 7
    assert [page.page for page in pages] == list(range(1, 8))


# ---------------------------------------------------------------- hash and seals in the page worker


def _licence_or_notice(title: str):  # noqa: ANN202 — a fake read_page_text
    def read(handle: PageHandle, options: AnalyzeOptions) -> tuple[ReadPage, str | None]:
        image = np.full((400, 300, 3), 255, dtype=np.uint8)
        source = SourcePage(file=handle.name, page=handle.page, image=image, dpi=200)
        lines = [TextLine(title, (0.3, 0.05, 0.7, 0.1), 0.99), TextLine("统一社会信用代码 91440101MA59U2LX0T",
                                                                      (0.1, 0.2, 0.9, 0.25), 0.99)]
        return ReadPage(NormalizedPage(source, image, None, 0, 0.0), PageText(lines, "fake")), None
    return read


def test_a_page_reading_as_a_licence_has_its_seals_read_in_the_worker(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    from extractor import page_read
    from extractor.grouping import group_pages
    from extractor.page_images import ImageFolder, MappedImage

    seals_read: list[tuple[int, int]] = []
    monkeypatch.setattr(page_read, "read_seals", lambda image, engine: seals_read.append(image.shape) or [])
    monkeypatch.setattr(page_read, "page_engine", lambda options: None)
    for title, expected in (("营业执照", True), ("关于举办政策宣讲会的通知", False)):
        seals_read.clear()
        monkeypatch.setattr(page_read, "read_page_text", _licence_or_notice(title))
        read, error = read_page(_handles(1)[0], AnalyzeOptions(), ImageFolder(tmp_path))
        assert error is None and read.seals_read is expected and len(seals_read) == int(expected)
        assert read.phash and isinstance(read.normalized.upright, MappedImage)
        assert read.normalized.source.image is read.normalized.upright  # one file for the same pixels
        # the pipeline does not read them again
        groups, _ = group_pages(pipeline.classify_pages([read])[0])
        pipeline.read_seal_text([read], groups, AnalyzeOptions())
        assert len(seals_read) == int(expected)
