"""Writing a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path


def default_file_mode() -> int:
    """0666 minus the umask, read from /proc: os.umask() to read it would race other threads."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    return 0o644


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over `path`, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, default_file_mode())  # not mkstemp's 0600: others may read reports
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def save_workbook_atomic(workbook: object, path: Path) -> None:
    """An openpyxl workbook, serialised in memory and then written like any other file."""
    buffer = io.BytesIO()
    workbook.save(buffer)  # type: ignore[attr-defined]
    write_atomic(path, buffer.getvalue())
