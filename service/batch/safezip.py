"""Extract a submission .zip without trusting it: no path traversal, no links, bounded size.

An archive from years of district uploads may hold anything; a member named `../../etc/x`, an
absolute path, a symlink or a zip bomb must fail that one submission with a clear message and
never write outside its scratch folder or fill the disk.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict

from extractor.errors import CorruptFileError, InputTooLargeError, UnsupportedFileError


class ZipLimits(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_members: int = 2000
    max_total_bytes: int = 2 * 1024 ** 3
    max_member_bytes: int = 600 * 1024 ** 2
    max_ratio: float = 200.0  # uncompressed / compressed, per member: beyond it is a bomb, not a scan


def _safe_relative(name: str, archive_name: str) -> PurePosixPath | None:
    """The member's path inside the scratch folder; None for directories; error for escapes."""
    if name.endswith("/"):
        return None
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise UnsupportedFileError(f"{archive_name}: member {name!r} points outside the archive")
    return path


def _check_member(info: zipfile.ZipInfo, archive_name: str, limits: ZipLimits) -> None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UnsupportedFileError(f"{archive_name}: member {info.filename!r} is a symbolic link")
    if info.flag_bits & 0x1:
        raise UnsupportedFileError(f"{archive_name}: member {info.filename!r} is encrypted")
    if info.file_size > limits.max_member_bytes:
        raise InputTooLargeError(f"{archive_name}: member {info.filename!r} is larger than "
                                 f"{limits.max_member_bytes // 1024 ** 2} MiB")
    if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
        raise InputTooLargeError(f"{archive_name}: member {info.filename!r} is compressed "
                                 f"{info.file_size / info.compress_size:.0f}:1 (a zip bomb?)")


def extract_zip(archive: Path, target: Path, limits: ZipLimits = ZipLimits()) -> list[Path]:
    """Extract regular files of `archive` under `target`; return them sorted by relative path."""
    try:
        with zipfile.ZipFile(archive) as opened:
            members = opened.infolist()
            if len(members) > limits.max_members:
                raise InputTooLargeError(f"{archive.name}: more than {limits.max_members} members")
            if sum(info.file_size for info in members) > limits.max_total_bytes:
                raise InputTooLargeError(f"{archive.name}: unpacks to more than "
                                         f"{limits.max_total_bytes // 1024 ** 3} GiB")
            extracted: list[Path] = []
            for info in members:
                relative = _safe_relative(info.filename, archive.name)
                if relative is None:
                    continue
                _check_member(info, archive.name, limits)
                destination = target.joinpath(*relative.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                _copy_bounded(opened, info, destination, limits)
                extracted.append(destination)
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"{archive.name}: damaged zip archive ({exc})") from exc
    return sorted(extracted, key=lambda path: path.relative_to(target).as_posix())


def _copy_bounded(opened: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path,
                  limits: ZipLimits) -> None:
    """Copy one member, stopping at its declared size: headers can lie about file_size."""
    written = 0
    with opened.open(info) as source, destination.open("wb") as sink:
        while chunk := source.read(1024 * 1024):
            written += len(chunk)
            if written > min(info.file_size, limits.max_member_bytes):
                raise InputTooLargeError(f"{info.filename!r}: more data than its header declares")
            sink.write(chunk)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
