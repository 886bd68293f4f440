"""What the image rules measured on each page, kept while the checks of one submission run.

The second look reruns every rule when it revised a value; the pixels did not change, so the
noise maps, region verdicts, seals and colour of the first run are looked up, not measured again
(they were a twelfth of a 40-page binder's time). Every whole-page read of the image rules goes
through here, each through a passing mapping (page_images.passing_read)."""

from __future__ import annotations

from extractor.checks.forensics.noise import NoiseMaps, noise_maps
from extractor.checks.forensics.regions import Box
from extractor.checks.forensics.seals import SealMark, find_seals, is_greyscale
from extractor.checks.forensics.tamper import RegionVerdict, assess_region
from extractor.page_images import passing_read
from extractor.pages import ReadPage

PageKey = tuple[str, int]


class ImageMemo:
    def __init__(self) -> None:
        self._maps: tuple[PageKey, NoiseMaps] | None = None  # one page's: 100 MB on a 300-DPI page
        self._verdicts: dict[tuple[PageKey, Box], RegionVerdict] = {}
        self._seals: dict[PageKey, list[SealMark]] = {}
        self._greyscale: dict[PageKey, bool] = {}

    def region_verdict(self, page: ReadPage, region: Box) -> RegionVerdict:
        """The tampering verdict on a region of the page's SOURCE image (as loaded, before any
        warp or deskew resampled it)."""
        key = (page.file, page.page)
        if (key, region) not in self._verdicts:
            if self._maps is None or self._maps[0] != key:
                self._maps = (key, noise_maps(passing_read(page.normalized.source.image)))
            self._verdicts[(key, region)] = assess_region(self._maps[1], region)
        return self._verdicts[(key, region)]

    def seals(self, page: ReadPage) -> list[SealMark]:
        key = (page.file, page.page)
        if key not in self._seals:
            self._seals[key] = find_seals(passing_read(page.normalized.upright))
        return self._seals[key]

    def greyscale(self, page: ReadPage) -> bool:
        key = (page.file, page.page)
        if key not in self._greyscale:
            self._greyscale[key] = is_greyscale(passing_read(page.normalized.upright))
        return self._greyscale[key]
