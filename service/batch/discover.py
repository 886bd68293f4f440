"""Find the submissions of an archive and fingerprint their inputs.

A submission is a sub-folder (its document files, recursively) or a .zip of one. Its fingerprint
is sha256 over (relative file name, content sha256) of every input plus the pipeline version, so
a rerun redoes a submission exactly when what it would produce can differ.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from extractor.errors import MissingFileError

# The file types SPEC.md accepts; anything else in a folder (truth.json, notes, Thumbs.db) is
# not part of the submission and is neither analysed nor fingerprinted.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".xlsx"})


class FileFingerprint(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str  # relative path inside the submission, '/'-separated
    size: int
    mtime_ns: int
    sha256: str


class Submission(BaseModel):
    """One submission of the archive: where it is and which files it has."""

    model_config = ConfigDict(frozen=True)

    name: str
    source: Path  # the folder or the .zip
    is_zip: bool
    files: tuple[Path, ...]  # the input files (for a zip: the zip itself)

    def relative_name(self, path: Path) -> str:
        return path.name if self.is_zip else path.relative_to(self.source).as_posix()


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(folder: Path) -> tuple[Path, ...]:
    found = [
        path for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES and not _is_hidden(path, folder)
    ]
    return tuple(sorted(found, key=lambda path: path.relative_to(folder).as_posix()))


def discover(archive_dir: Path, exclude: Path | None = None) -> list[Submission]:
    """Every submission of `archive_dir`, sorted by name; hidden entries and `exclude` (an
    OUT_DIR placed inside the archive) are skipped."""
    if not archive_dir.is_dir():
        raise MissingFileError(f"{archive_dir}: not a folder of submissions")
    excluded = exclude.resolve() if exclude is not None else None
    submissions: list[Submission] = []
    for entry in sorted(archive_dir.iterdir()):
        if entry.name.startswith(".") or entry.resolve() == excluded:
            continue
        if entry.is_dir():
            submissions.append(Submission(name=entry.name, source=entry, is_zip=False,
                                          files=_folder_files(entry)))
        elif entry.is_file() and entry.suffix.lower() == ".zip":
            submissions.append(Submission(name=entry.stem, source=entry, is_zip=True, files=(entry,)))
    return submissions


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint_files(submission: Submission,
                      known: Mapping[str, FileFingerprint] | None = None) -> list[FileFingerprint]:
    """Content hashes of the submission's files; a file whose size and mtime match `known` is not
    read again, so resuming a large archive costs a stat per file, not a read of every byte."""
    prints: list[FileFingerprint] = []
    for path in submission.files:
        name = submission.relative_name(path)
        status = path.stat()
        previous = (known or {}).get(name)
        if previous is not None and (previous.size, previous.mtime_ns) == (status.st_size,
                                                                           status.st_mtime_ns):
            prints.append(previous)
            continue
        prints.append(FileFingerprint(name=name, size=status.st_size, mtime_ns=status.st_mtime_ns,
                                      sha256=sha256_of_file(path)))
    return prints


def inputs_digest(prints: Iterable[FileFingerprint], pipeline_version: str) -> str:
    """Names and contents only: moving the archive or touching a file does not change it."""
    digest = hashlib.sha256(f"pipeline\t{pipeline_version}\n".encode())
    for item in sorted(prints, key=lambda fingerprint: fingerprint.name):
        digest.update(f"{item.name}\t{item.sha256}\n".encode())
    return digest.hexdigest()
