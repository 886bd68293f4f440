"""Decide what an uploaded file is from its bytes (never its name) and refuse the dangerous ones.

Runs on the stored blob before the submission is accepted: unknown types, encrypted or corrupt
PDFs, PDFs with more pages than allowed, decompression-bomb images and zip bombs dressed up as
.docx/.xlsx are all refused here with a one-line InputError, before any worker touches them.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from extractor.errors import (
    CorruptFileError,
    EncryptedPdfError,
    InputTooLargeError,
    UnsupportedFileError,
)

EXTENSION_OF = {
    "pdf": "pdf",
    "png": "png",
    "jpeg": "jpg",
    "tiff": "tif",
    "bmp": "bmp",
    "docx": "docx",
    "xlsx": "xlsx",
}
MEDIA_TYPE_OF = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "bmp": "image/bmp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ZIP_ENTRIES = 5000


@dataclass(frozen=True)
class UploadLimits:
    max_pages: int
    max_image_pixels: int
    max_unzipped_bytes: int
    max_zip_ratio: float


@dataclass(frozen=True)
class Inspected:
    kind: str  # a key of EXTENSION_OF
    page_count: int


def sniff_kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def inspect_file(path: Path, name: str, limits: UploadLimits) -> Inspected:
    with path.open("rb") as handle:
        head = handle.read(2048)
    kind = sniff_kind(head)
    if kind == "pdf":
        return Inspected("pdf", _pdf_pages(path, name, limits))
    if kind in ("png", "jpeg", "tiff", "bmp"):
        return Inspected(kind, _image_pages(path, name, limits))
    if kind == "zip":
        return Inspected(_office_kind(path, name, limits), 1)
    raise UnsupportedFileError(f"{name}: not a PDF, PNG, JPEG, TIFF, BMP, DOCX or XLSX file")


def _pdf_pages(path: Path, name: str, limits: UploadLimits) -> int:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedPdfError(f"{name}: the PDF is encrypted") from None
        raise CorruptFileError(f"{name}: the PDF cannot be read ({error})") from None
    try:
        pages = len(document)
    finally:
        document.close()
    if pages == 0:
        raise CorruptFileError(f"{name}: the PDF has no pages")
    if pages > limits.max_pages:
        raise InputTooLargeError(f"{name}: {pages} pages, more than the {limits.max_pages} allowed")
    return pages


def _image_pages(path: Path, name: str, limits: UploadLimits) -> int:
    """Reads only headers: a 50000×50000 PNG of a few KB is refused without being decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                frames = getattr(image, "n_frames", 1)
                if frames > limits.max_pages:
                    raise InputTooLargeError(f"{name}: {frames} pages, more than allowed")
                for frame in range(frames):
                    image.seek(frame)
                    width, height = image.size
                    if width * height > limits.max_image_pixels:
                        raise InputTooLargeError(
                            f"{name}: page {frame + 1} is {width}×{height} pixels, too large"
                        )
                return frames
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputTooLargeError(
            f"{name}: the image is too large to open safely (a decompression bomb)"
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise CorruptFileError(f"{name}: the image cannot be read ({error})") from None


def _office_kind(path: Path, name: str, limits: UploadLimits) -> str:
    """DOCX/XLSX are zips: refuse one whose declared contents would blow up on extraction.

    zipfile stops reading an entry at its declared size, so checking declared sizes bounds what
    python-docx / openpyxl can ever inflate, even when the archive lies about them.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CorruptFileError(f"{name}: the archive cannot be read ({error})") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputTooLargeError(f"{name}: {len(entries)} entries in the archive, too many")
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unzipped_bytes:
        raise InputTooLargeError(f"{name}: unpacks to {total} bytes, more than allowed")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > limits.max_zip_ratio:
            raise InputTooLargeError(f"{name}: {entry.filename!r} is compressed {ratio:.0f}:1, a zip bomb")
    names = {entry.filename for entry in entries}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnsupportedFileError(f"{name}: a zip archive that is neither a .docx nor a .xlsx")
