"""The 11 districts of Guangzhou: the code the API uses and the name people read."""

from __future__ import annotations

from enum import StrEnum


class District(StrEnum):
    YUEXIU = "yuexiu"
    LIWAN = "liwan"
    HAIZHU = "haizhu"
    TIANHE = "tianhe"
    BAIYUN = "baiyun"
    HUANGPU = "huangpu"
    PANYU = "panyu"
    HUADU = "huadu"
    NANSHA = "nansha"
    CONGHUA = "conghua"
    ZENGCHENG = "zengcheng"


DISTRICT_NAME: dict[District, str] = {
    District.YUEXIU: "越秀区",
    District.LIWAN: "荔湾区",
    District.HAIZHU: "海珠区",
    District.TIANHE: "天河区",
    District.BAIYUN: "白云区",
    District.HUANGPU: "黄埔区",
    District.PANYU: "番禺区",
    District.HUADU: "花都区",
    District.NANSHA: "南沙区",
    District.CONGHUA: "从化区",
    District.ZENGCHENG: "增城区",
}


def district_name(code: str) -> str:
    try:
        return DISTRICT_NAME[District(code)]
    except ValueError:
        return code
