"""Decide what an uploaded file is from its bytes (never its name) and refuse the dangerous ones.

Runs on the stored blob before the submission is accepted: unknown types, encrypted or corrupt
PDFs, PDFs with more pages than allowed, decompression-bomb images and zip bombs dressed up as
.docx/.xlsx are all refused here with a one-line InputError, before any worker touches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.errors import UnsupportedFileError
from extractor.ingest import FileKind, page_count, sniff
from extractor.options import InputLimits

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
    """What the upload is and how many pages it has, by the pipeline's own checks and limits."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    kind = sniff_kind(head)
    if kind is None:
        raise UnsupportedFileError(f"{name}: not a PDF, PNG, JPEG, TIFF, BMP, DOCX or XLSX file")
    input_limits = InputLimits(max_pages=limits.max_pages, max_page_pixels=limits.max_image_pixels,
                               max_unzipped_bytes=limits.max_unzipped_bytes,
                               max_zip_ratio=limits.max_zip_ratio)
    file_kind = sniff(path, name, input_limits)
    if file_kind in (FileKind.DOCX, FileKind.XLSX):
        return Inspected(file_kind.value, 1)
    return Inspected(kind, page_count(path, file_kind, name, input_limits))
