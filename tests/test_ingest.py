"""Ingest of every file kind, and the one-line errors for files that cannot be used."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from extractor.errors import (
    CorruptFileError,
    EncryptedPdfError,
    InputTooLargeError,
    MissingFileError,
    UnsupportedFileError,
)
from extractor.ingest import FileKind, ingest
from extractor.options import InputLimits
from extractor.page_load import load_page

LIMITS = InputLimits()


def test_scanned_pdf_gives_one_handle_per_page_and_no_text_layer(scanned_pdf: Path) -> None:
    ingested = ingest([scanned_pdf], LIMITS)
    assert [(h.name, h.page, h.kind) for h in ingested.pages] == [
        ("binder.pdf", 1, FileKind.PDF), ("binder.pdf", 2, FileKind.PDF)]
    page = load_page(ingested.pages[1], raster_dpi=100, limits=LIMITS)
    assert page.image.ndim == 3 and page.image.shape[2] == 3
    assert page.image.shape[0] > page.image.shape[1]  # portrait, as drawn
    assert page.text_layer is None


def test_born_digital_pdf_keeps_its_text_layer_with_page_fraction_boxes(text_pdf: Path) -> None:
    handle = ingest([text_pdf], LIMITS).pages[0]
    page = load_page(handle, raster_dpi=100, limits=LIMITS)
    assert page.text_layer is not None and page.text_layer.engine == "text_layer"
    text = page.text_layer.text
    assert "资产负债表" in text and "1,234,567.89" in text
    label = next(line for line in page.text_layer.lines if "资产总计" in line.text)
    amount = next(line for line in page.text_layer.lines if "1,234,567.89" in line.text)
    assert label is not amount  # a wide gap splits table cells into separate lines
    assert 0 <= label.bbox[0] < label.bbox[2] <= 1 and 0 <= label.bbox[1] < label.bbox[3] <= 1
    assert amount.bbox[0] > label.bbox[2]


def test_images_and_multipage_tiff(png_page: Path, jpeg_page: Path, multipage_tiff: Path) -> None:
    ingested = ingest([png_page, jpeg_page, multipage_tiff], LIMITS)
    assert [(h.name, h.page) for h in ingested.pages] == [
        ("page.png", 1), ("photo.jpg", 1), ("scan.tiff", 1), ("scan.tiff", 2), ("scan.tiff", 3)]
    third = load_page(ingested.pages[4], raster_dpi=200, limits=LIMITS)
    assert third.image.shape[:2] == (1169, 827)
    assert load_page(ingested.pages[0], 200, LIMITS).dpi == 100


def test_same_file_name_in_two_folders_stays_distinct(tmp_path: Path, png_page: Path) -> None:
    other = tmp_path / "second"
    other.mkdir()
    copy = other / "page.png"
    copy.write_bytes(png_page.read_bytes())
    names = [h.name for h in ingest([png_page, copy], LIMITS).pages]
    assert len(set(names)) == 2


def test_editable_forms_are_recognised_by_content_not_name(tmp_path: Path) -> None:
    import docx
    import openpyxl

    document = docx.Document()
    document.add_paragraph("广州市中小企业服务站申请表")
    docx_path = tmp_path / "form.bin"
    document.save(docx_path)
    workbook = openpyxl.Workbook()
    xlsx_path = tmp_path / "申请表.xlsx"
    workbook.save(xlsx_path)
    ingested = ingest([docx_path, xlsx_path], LIMITS)
    assert ingested.pages == []
    assert [f.kind for f in ingested.forms] == [FileKind.DOCX, FileKind.XLSX]


@pytest.mark.parametrize("content, error", [
    (b"", CorruptFileError),
    (b"hello, this is not a document", UnsupportedFileError),
    (b"%PDF-1.4\n1 0 obj broken", CorruptFileError),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, CorruptFileError),
])
def test_unusable_files_raise_input_errors(tmp_path: Path, content: bytes, error: type) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        ingest([path], LIMITS)
    assert "bad.pdf" in str(raised.value) and "\n" not in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        ingest([tmp_path / "nope.pdf"], LIMITS)


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hi")
    with pytest.raises(UnsupportedFileError):
        ingest([path], LIMITS)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(100, 700, "locked")
    pdf.save()
    with pytest.raises(EncryptedPdfError):
        ingest([path], LIMITS)


def test_decompression_bomb_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (12000, 12000)).save(path)  # tiny file, 144 megapixels
    with pytest.raises(InputTooLargeError):
        ingest([path], InputLimits(max_page_pixels=50_000_000))


def test_page_limit(scanned_pdf: Path) -> None:
    with pytest.raises(InputTooLargeError):
        ingest([scanned_pdf], InputLimits(max_pages=1))


def test_a_folder_stands_for_its_documents_named_relative_to_it(tmp_path: Path, png_page: Path) -> None:
    submission = tmp_path / "tianhe-017"
    (submission / "扫描件").mkdir(parents=True)
    (submission / "扫描件" / "p2.png").write_bytes(png_page.read_bytes())
    (submission / "扫描件" / "p1.png").write_bytes(png_page.read_bytes())
    (submission / "truth.json").write_text("{}")
    (submission / ".DS_Store").write_bytes(b"\x00\x01")
    names = [h.name for h in ingest([submission], LIMITS).pages]
    assert names == ["扫描件/p1.png", "扫描件/p2.png"]
    # the same files named one by one (as a shell glob does) get the same names
    globbed = sorted(submission.iterdir())
    with pytest.raises(UnsupportedFileError):  # truth.json named on its own is not a document
        ingest(globbed, LIMITS)
    names = [h.name for h in ingest([submission / "扫描件"], LIMITS).pages]
    assert names == ["p1.png", "p2.png"]


def test_a_folder_without_documents(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here")
    with pytest.raises(MissingFileError):
        ingest([tmp_path], LIMITS)
