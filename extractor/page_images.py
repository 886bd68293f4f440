"""Page images kept in files while a binder is analysed, and mapped into memory where used.

After OCR a page's pixels are needed only by the image checks, the seal reader and the second
look, yet every page kept two full colour images (the source and the upright page, 13 MB at 150
DPI) in the pipeline's memory until the checks ran: 540 MB for a 40-page binder, 7.8 GB for the
600 pages a binder may have. Page workers also pickled them to the pipeline through a pipe
(1.5 CPU s of the parent for 40 pages, while the workers wanted both cores).

Kept in a file instead, a page travels as its path, and its pixels stay in the page cache: the
kernel can drop them under pressure and read them again, which it cannot do with a process's own
memory. When the file cannot be written (a full disk), the image stays in memory, as before.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray


class MappedImage(np.memmap):  # type: ignore[type-arg]
    """A whole page image mapped copy-on-write from its file: it pickles as the file's path.

    Writes stay private to the process, as with an array of its own. A slice or view of it
    pickles as an ordinary array (only the whole image is the file).
    """

    whole = False

    def __reduce__(self) -> tuple[Any, ...]:
        if self.whole and self.filename is not None:
            return (open_image, (self.filename,))
        return np.asarray(self).copy().__reduce__()


def open_image(path: str | Path) -> MappedImage:
    image = np.load(path, mmap_mode="c").view(MappedImage)
    image.whole = True
    return image


def passing_read(image: NDArray[Any]) -> NDArray[Any]:
    """The pixels of a page image for one read-only pass over the whole page (a check that
    measures every page): a file-backed image is mapped afresh, so the pages of memory the pass
    touches are let go when its result no longer refers to them, instead of staying resident in
    the page's own mapping until the binder is done. Measured on a 21-page binder, 2026-12-06:
    the checks had 254 MiB of page images resident at their end, which took a batch worker's
    resident high-water mark from 849 to 1093 MiB. Kept images are never written after `keep`."""
    if isinstance(image, MappedImage) and image.whole and image.filename is not None:
        return np.load(image.filename, mmap_mode="r")
    return image


class ImageFolder:
    """Where one analysis keeps its page images (a temporary directory it removes at the end)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def keep(self, image: NDArray[Any]) -> NDArray[Any]:
        """The image, backed by a new file of this folder; the array itself if it cannot be written."""
        if isinstance(image, MappedImage) and image.whole:
            return image
        path = self.directory / f"{uuid.uuid4().hex}.npy"
        try:
            np.save(path, np.ascontiguousarray(image), allow_pickle=False)
            return open_image(path)
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
            return image
