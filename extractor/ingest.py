"""Ingest: turn the files of one submission into page handles and editable forms.

Files are recognised by their bytes, not their names. Pages are not rasterised here: a
`PageHandle` is cheap to pass to a worker process, which loads the one page it works on, so a
large binder never sits in memory whole.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from extractor.errors import (
    CorruptFileError,
    EncryptedPdfError,
    InputTooLargeError,
    MissingFileError,
    UnsupportedFileError,
)
from extractor.options import InputLimits


class FileKind(StrEnum):
    PDF = "pdf"
    IMAGE = "image"
    DOCX = "docx"
    XLSX = "xlsx"


@dataclass(frozen=True)
class PageHandle:
    path: Path
    name: str  # the file name the report shows
    kind: FileKind
    index: int  # 0-based page or frame within the file

    @property
    def page(self) -> int:
        return self.index + 1


@dataclass(frozen=True)
class EditableForm:
    path: Path
    name: str
    kind: FileKind


@dataclass(frozen=True)
class Ingested:
    pages: list[PageHandle]
    forms: list[EditableForm]


def sniff(path: Path) -> FileKind:
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"%PDF"):
        return FileKind.PDF
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")):
        return FileKind.IMAGE
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(path)
    raise UnsupportedFileError(f"{path.name}: not a PDF, image, .docx or .xlsx file")


def _office_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"{path.name}: damaged zip container ({exc})") from exc
    if "word/document.xml" in names:
        return FileKind.DOCX
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    raise UnsupportedFileError(f"{path.name}: a zip archive that is neither .docx nor .xlsx")


def _root(paths: Sequence[Path]) -> Path:
    """The folder report names are relative to: a folder given is its own root, a file its parent's."""
    anchors = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in paths]
    return Path(os.path.commonpath(anchors))


def expand(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """Every input file with the name the report shows for it.

    A folder stands for the files inside it (sorted, recursively) that are documents; anything
    else in it (a checksum list, a notes.txt) is passed over. A file named on its own must be a
    document.
    """
    for path in paths:
        if not path.exists():
            raise MissingFileError(f"{path}: no such file")
    root = _root(paths)
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            found.extend((m, m.resolve().relative_to(root).as_posix()) for m in members if _is_document(m))
        elif path.is_file():
            found.append((path, path.resolve().relative_to(root).as_posix()))
        else:
            raise UnsupportedFileError(f"{path}: not a regular file")
    if not found:
        raise MissingFileError("no document files in the input")
    return found


def _is_document(path: Path) -> bool:
    try:
        sniff(path)
    except (UnsupportedFileError, CorruptFileError, OSError):
        return False
    return True


def pdf_page_count(path: Path) -> int:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError(f"{path.name}: the PDF is encrypted; send it without a password") from exc
        raise CorruptFileError(f"{path.name}: the PDF cannot be read ({exc})") from exc
    try:
        return len(document)
    finally:
        document.close()


def image_frame_count(path: Path, limits: InputLimits) -> int:
    Image.MAX_IMAGE_PIXELS = limits.max_page_pixels
    try:
        with Image.open(path) as image:
            frames = 0
            for frame in ImageSequence.Iterator(image):
                if frame.width * frame.height > limits.max_page_pixels:
                    raise InputTooLargeError(f"{path.name}: image of {frame.width}x{frame.height} pixels is too large")
                frames += 1
                if frames > limits.max_pages:
                    break
            return frames
    except Image.DecompressionBombError as exc:
        raise InputTooLargeError(f"{path.name}: image is too large to open safely") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise CorruptFileError(f"{path.name}: the image cannot be read ({exc})") from exc


def ingest(files: Sequence[Path], limits: InputLimits) -> Ingested:
    if not files:
        raise MissingFileError("no input files given")
    named = expand(files)
    for path, name in named:
        if path.stat().st_size == 0:
            raise CorruptFileError(f"{name}: the file is empty")
        if path.stat().st_size > limits.max_file_bytes:
            raise InputTooLargeError(f"{name}: larger than {limits.max_file_bytes // 2**20} MiB")
    pages: list[PageHandle] = []
    forms: list[EditableForm] = []
    for path, name in named:
        kind = sniff(path)
        if kind in (FileKind.DOCX, FileKind.XLSX):
            forms.append(EditableForm(path, name, kind))
            continue
        count = pdf_page_count(path) if kind is FileKind.PDF else image_frame_count(path, limits)
        if count == 0:
            raise CorruptFileError(f"{name}: the file has no pages")
        if len(pages) + count > limits.max_pages:
            raise InputTooLargeError(f"the submission has more than {limits.max_pages} pages")
        pages.extend(PageHandle(path, name, kind, index) for index in range(count))
    return Ingested(pages=pages, forms=forms)
