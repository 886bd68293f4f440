"""Ingest: turn the files of one submission into page handles and editable forms.

Files are recognised by their bytes, not their names. Pages are not rasterised here: a
`PageHandle` is cheap to pass to a worker process, which loads the one page it works on, so a
large binder never sits in memory whole.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from extractor.errors import (
    CorruptFileError,
    EncryptedPdfError,
    InputTooLargeError,
    MissingFileError,
    UnsupportedFileError,
)
from extractor.forms.container import OLE_MAGIC, OfficeKind, vet_office_file
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


def sniff(path: Path, name: str | None = None, limits: InputLimits = InputLimits()) -> FileKind:
    """The kind of file by its first bytes; an Office file is checked as a bounded zip on the way."""
    shown = name or path.name
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"%PDF"):
        return FileKind.PDF
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")):
        return FileKind.IMAGE
    if head.startswith((b"PK\x03\x04", OLE_MAGIC)):
        office = vet_office_file(path, limits.max_unzipped_bytes, shown, limits.max_zip_ratio)
        return FileKind.DOCX if office is OfficeKind.DOCX else FileKind.XLSX
    raise UnsupportedFileError(f"{shown}: not a PDF, image, .docx or .xlsx file")


def page_count(path: Path, kind: FileKind, name: str, limits: InputLimits) -> int:
    """Pages of a PDF or frames of an image, refusing what is over the limits; 0 for a form."""
    if kind is FileKind.PDF:
        count = pdf_page_count(path, name)
    elif kind is FileKind.IMAGE:
        count = image_frame_count(path, name, limits)
    else:
        return 0
    if count == 0:
        raise CorruptFileError(f"{name}: the file has no pages")
    if count > limits.max_pages:
        raise InputTooLargeError(f"{name}: {count} pages, more than the {limits.max_pages} allowed")
    return count


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


def pdf_page_count(path: Path, name: str) -> int:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError(f"{name}: the PDF is encrypted; send it without a password") from exc
        raise CorruptFileError(f"{name}: the PDF cannot be read ({exc})") from exc
    try:
        return len(document)
    finally:
        document.close()


def image_frame_count(path: Path, name: str, limits: InputLimits) -> int:
    """Frames of an image, from its headers only: a 50000×50000 PNG of a few KB is never decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = limits.max_page_pixels
            with Image.open(path) as image:
                frames = getattr(image, "n_frames", 1)
                if frames > limits.max_pages:
                    raise InputTooLargeError(f"{name}: {frames} pages, more than the {limits.max_pages} allowed")
                for frame in range(frames):
                    image.seek(frame)
                    width, height = image.size
                    if width * height > limits.max_page_pixels:
                        raise InputTooLargeError(f"{name}: page {frame + 1} is {width}x{height} pixels, too large")
                return frames
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputTooLargeError(f"{name}: the image is too large to open safely") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFileError(f"{name}: the image cannot be read ({exc})") from exc


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
        kind = sniff(path, name, limits)
        if kind in (FileKind.DOCX, FileKind.XLSX):
            forms.append(EditableForm(path, name, kind))
            continue
        count = page_count(path, kind, name, limits)
        if len(pages) + count > limits.max_pages:
            raise InputTooLargeError(f"the submission has more than {limits.max_pages} pages")
        pages.extend(PageHandle(path, name, kind, index) for index in range(count))
    return Ingested(pages=pages, forms=forms)
