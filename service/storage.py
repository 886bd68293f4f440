"""Content-addressed file store: blobs live at <root>/<sha[:2]>/<sha>, written atomically.

The client's file name never reaches a path: blobs are named by their sha256, and the name a
submission's file carries inside reports (`safe_file_name`) is reduced to harmless characters.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from extractor.errors import InputTooLargeError

CHUNK = 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_UNSAFE = re.compile(r"[^\w.\-()\[\]（）]+")


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path
    created: bool  # False when the store already held these bytes


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, source: BinaryIO | Iterable[bytes], max_bytes: int, what: str) -> StoredBlob:
        """Copy a stream into the store, hashing and counting; refuse it past max_bytes.

        Durable on return: the data and the directory entry are fsynced before the answer.
        """
        chunks = iter(lambda: source.read(CHUNK), b"") if hasattr(source, "read") else source
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="upload-")
        tmp_path = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputTooLargeError(f"{what} is larger than {max_bytes} bytes")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_of(sha)
            created = not final.exists()
            if not created:
                tmp_path.unlink()
            else:
                final.parent.mkdir(exist_ok=True)
                os.replace(tmp_path, final)
                _fsync_dir(final.parent)
            return StoredBlob(sha256=sha, size=size, path=final, created=created)
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise


def safe_file_name(original: str | None, position: int, taken: set[str]) -> str:
    """A display and report name for an uploaded file: its base name without any path, control
    characters or shell-special characters, unique within the submission."""
    name = unicodedata.normalize("NFKC", original or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip("._ ")[:120]
    if not name:
        name = f"file{position}"
    candidate = name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    counter = 2
    while candidate in taken:
        candidate = f"{stem}-{counter}.{ext}" if ext else f"{stem}-{counter}"
        counter += 1
    taken.add(candidate)
    return candidate
