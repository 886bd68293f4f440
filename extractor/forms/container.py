"""Checking an Office file's zip container before any parser touches it.

A .docx/.xlsx is a zip of XML parts. A hostile one can expand to gigabytes (zip bomb) or carry
XML entity tricks; a broken one makes python-docx/openpyxl fail deep inside with a traceback.
Here the container is vetted from its central directory alone, then every XML part is checked
for a DOCTYPE (OOXML never needs one; entity-expansion attacks do).
"""

from __future__ import annotations

import zipfile
from enum import StrEnum
from pathlib import Path

from extractor.errors import CorruptFileError, InputTooLargeError, UnsupportedFileError

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 200  # uncompressed / compressed of one member; real OOXML parts stay well below
_RATIO_FLOOR = 1024 * 1024  # small members may compress extremely well (runs of spaces)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class OfficeKind(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"


def vet_office_file(path: Path, max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
                    name: str | None = None, max_ratio: float = MAX_RATIO) -> OfficeKind:
    """The kind of Office file at `path`, after checking it is a sane, bounded zip container.

    `name` is how error messages call the file (the report's file name), by default its own.
    """
    shown = Path(name) if name else path
    head = _head(path, shown)
    if head.startswith(OLE_MAGIC):
        raise UnsupportedFileError(
            f"{shown.name}: a legacy .doc/.xls or password-protected Office file; save it as .docx or .xlsx")
    if not head.startswith(b"PK"):
        raise CorruptFileError(f"{shown.name}: not a .docx/.xlsx file (no zip container)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(shown, members, max_unzipped_bytes, max_ratio)
            kind = _kind(shown, {m.filename for m in members})
            _check_xml(shown, archive, members)
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"{shown.name}: damaged zip container ({exc})") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError) as exc:
        raise CorruptFileError(f"{shown.name}: unreadable zip container ({exc})") from exc
    return kind


def _head(path: Path, shown: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(8)
    except OSError as exc:
        raise CorruptFileError(f"{shown.name}: cannot be read ({exc.strerror})") from exc


def _check_sizes(path: Path, members: list[zipfile.ZipInfo], limit: int, max_ratio: float) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputTooLargeError(
            f"{path.name}: {len(members)} parts in the container, more than {MAX_MEMBERS}")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > _RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
            raise InputTooLargeError(
                f"{path.name}: part {member.filename} expands "
                f"{member.file_size // max(member.compress_size, 1)}-fold (zip bomb?)")
    if total > limit:
        raise InputTooLargeError(
            f"{path.name}: expands to {total // 2**20} MiB, more than {limit // 2**20} MiB")


def _kind(path: Path, names: set[str]) -> OfficeKind:
    if "word/document.xml" in names:
        return OfficeKind.DOCX
    if "xl/workbook.xml" in names:
        return OfficeKind.XLSX
    if "EncryptedPackage" in names:
        raise UnsupportedFileError(f"{path.name}: the Office file is password-protected")
    raise UnsupportedFileError(f"{path.name}: a zip archive that is neither .docx nor .xlsx")


def _check_xml(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(member) as stream:
            # Sizes are already bounded; reading the declaration area is enough for a DOCTYPE.
            head = stream.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise UnsupportedFileError(f"{path.name}: part {member.filename} declares a DOCTYPE; refusing it")
