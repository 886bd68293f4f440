"""One verdict per field region, combining the independent cues of an edit.

Each cue alone is tuned to stay quiet on clean scans (seals, signatures, photos, QR codes):
  noise   — the region's flat pixels carry much less noise than the band around it;
  paper   — the region's paper is a clearly different grey than the paper around it: on its own
            this fires on shadows of phone photos, so it only counts with weak pairing beside it;
  upscale — the region's pixels come in 2×2 pairs, as a value cut from a smaller image does.

The region is a box of the SOURCE image (as loaded: a scan's embedded image at native
resolution), never of the upright page: deskew and warps resample and erase the pairing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.checks.forensics.noise import NoiseMaps, compare_region
from extractor.checks.forensics.regions import Box
from extractor.checks.forensics.resampling import PAIR_RATIO, strongest_pairing

WEAK_PAIRING = 1.6  # above every clean region measured, below the threshold that decides alone
# Pairing decides alone only on regions this long (source pixels, along the line): on native-resolution pipeline
# pages a clean two-character line ("）：", 42 px) reached 2.6, while every pasted value measured
# (dates, codes) was ≥ 160 px wide.
MIN_PAIRING_WIDTH = 48
# The cues that decide alone (noise, pairing) need a region at least this many times longer than
# it is thick, about three characters: on short words ("类型", "0.00", "工程师") both statistics
# rest on a few strokes' surroundings. Measured on four fresh 30-submission benchmark seeds: all
# eleven false alarms were regions below 3 (noise 0.9–1.2 against 2.1–3.6; pairing 2.0–2.5),
# while all sixteen pasted values found were ≥ 5 (dates).
MIN_ELONGATION = 3.0
# Pairing this strong decides even on a short region: the short clean words above peaked at 2.5,
# while pasted upscaled values measured 3.4–9.4 (a pasted e-mail box, 2.4 times longer than thick: 5.2).
STRONG_PAIRING = 4.0


@dataclass(frozen=True)
class RegionVerdict:
    suspicious: bool
    reasons: list[str] = field(default_factory=list)


def assess_region(maps: NoiseMaps, region: Box) -> RegionVerdict:
    noise = compare_region(maps, region)
    reasons: list[str] = []
    long_enough = max(region.width, region.height) >= MIN_ELONGATION * max(min(region.width, region.height), 1)
    if noise.quieter_inside and long_enough:
        reasons.append(f"噪声水平 {noise.inner_sigma:.1f} 明显低于周围 {noise.outer_sigma:.1f}")
    pairing = strongest_pairing(maps.gray[region.y0:region.y1, region.x0:region.x1])
    if noise.paper_differs and pairing >= WEAK_PAIRING:
        reasons.append(f"底色灰度 {noise.inner_paper:.0f} 与周围 {noise.outer_paper:.0f} 明显不同")
    decisive_pairing = pairing >= (PAIR_RATIO if long_enough else STRONG_PAIRING)
    if decisive_pairing and max(region.width, region.height) >= MIN_PAIRING_WIDTH:
        reasons.append(f"像素呈 2×2 成对排列（比值 {pairing:.1f}），疑似由低分辨率图像放大后粘贴")
    return RegionVerdict(suspicious=bool(reasons), reasons=reasons)
