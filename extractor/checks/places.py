"""Is an address in 广州市? The call accepts only applicants registered in its 11 districts."""

from __future__ import annotations

import re
from enum import StrEnum

from extractor.checks.compare import canonical_address
from extractor.normalize.gazetteer import GUANGZHOU_DISTRICTS

# Names a Guangzhou address may start with instead of a district (old and zone names).
_GUANGZHOU_ZONES = ("广州开发区", "广州经济技术开发区", "广州高新技术产业开发区", "南沙新区", "萝岗区",
                    "广州南沙", "中新广州知识城")
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(市|自治州|地区|盟)")
_DISTRICT_AFTER_CITY = re.compile(r"^广州市([\u4e00-\u9fff]{2,3}?(?:区|县|市))")


class Place(StrEnum):
    GUANGZHOU = "guangzhou"
    ELSEWHERE = "elsewhere"
    UNKNOWN = "unknown"


def locate(address: str) -> tuple[Place, str]:
    """Where `address` is, and the place name that decided it."""
    text = canonical_address(address)
    for name in GUANGZHOU_DISTRICTS + _GUANGZHOU_ZONES:
        if text.startswith(name):
            return Place.GUANGZHOU, name
    if text.startswith("广州市"):
        district = _DISTRICT_AFTER_CITY.match(text)
        if district and district[1] not in GUANGZHOU_DISTRICTS and not _is_zone(district[1]):
            return Place.ELSEWHERE, district[1]
        return Place.GUANGZHOU, "广州市"
    city = _CITY.match(text)
    if city:
        return (Place.GUANGZHOU if city[1] == "广州" else Place.ELSEWHERE), city[0]
    return Place.UNKNOWN, ""


def _is_zone(name: str) -> bool:
    return name.endswith(("开发区", "新区")) or name == "萝岗区"
