"""房屋所有权证 / 房地产权证 (old) and 不动产权证书 (since 2015): owner, address, area, number.

The number is printed as a line of its own (粤(2018)广州市不动产权第0123456号 or
粤房地权证穗字第…号 / 穗房权证字第…号), so it is found by its shape; the rest by their labels
(权利人 / 房屋所有权人, 坐落 / 房屋坐落, 面积 / 建筑面积).
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.textsearch import search_all, search_joined, to_field
from extractor.fieldfind import Located, find_labelled
from extractor.pages import ReadPage
from schemas.documents import PropertyCertificateFields
from schemas.fields import ExtractedField
from schemas.kinds import FieldKind
from schemas.vocab import DocType

_NUMBER = (r"([粤穗][\u4e00-\u9fff]{0,2}\(\d{4}\)[\u4e00-\u9fff]{2,8}不动产[权杈]第\d{5,10}号"
           r"|[粤穗][\u4e00-\u9fff]{0,6}[权杈]证[\u4e00-\u9fff]{0,4}字?第[0-9A-Z]{5,12}号)")
_LABELS = ("房屋所有权人", "所有权人", "权利人", "共有情况", "房屋坐落", "坐落", "登记时间", "规划用途", "用途",
           "权利类型", "权利性质", "建筑面积", "面积", "使用期限", "房屋状况", "附记")

_AREA_VALUE = r"\d[\d,]*(?:\.\d+)?\s*(?:平方米|平米|m2|M2|㎡)?"
# Areas of the land, not of the premises: printed beside the building's on a 不动产权证书.
_LAND_AREA_LABELS = ("共有宗地面积", "宗地面积", "土地使用权面积", "分摊土地面积", "分摊面积", "独用土地面积")
_LAND_AREA = r"(?:宗地|土地使用权|分摊土地|分摊|独用土地)面积[:：]?(\d[\d,]*(?:\.\d+)?)"


def _labelled(pages: Sequence[ReadPage], labels: tuple[str, ...], pattern: str | None = None) -> Located | None:
    stops = tuple(label for label in _LABELS if label not in labels and not any(label in own for own in labels))
    return find_labelled(pages, labels, stop_labels=stops, value_pattern=pattern)


def _floor_area(pages: Sequence[ReadPage]) -> ExtractedField | None:
    """The premises' floor area: 建筑面积 (房屋 / 套内) before any bare 面积.

    A 不动产权证书 prints the land with the building (共有宗地面积3862.00㎡/房屋建筑面积210.00㎡);
    the station's area is the building's, so 建筑面积 is looked for first, and a bare 面积 whose
    number is one printed as a land area (宗地 / 土地使用权 / 分摊) is refused.
    """
    stops = _LAND_AREA_LABELS + ("共有情况", "权利类型", "权利性质", "使用期限", "用途", "附记")
    building = find_labelled(pages, ("房屋建筑面积", "建筑面积"), stop_labels=stops, value_pattern=_AREA_VALUE)
    area = to_field(building, FieldKind.AREA)
    if area is not None:
        return area
    area = to_field(_labelled(pages, ("面积",), _AREA_VALUE), FieldKind.AREA)
    land = [to_field(found, FieldKind.AREA) for found in search_all(pages, _LAND_AREA)]
    land_values = [field.value for field in land if field is not None]
    return None if area is None or area.value in land_values else area


def extract(pages: Sequence[ReadPage]) -> PropertyCertificateFields:
    owner = _labelled(pages, ("房屋所有权人", "所有权人", "权利人"), r"^[\u4e00-\u9fff()·]{2,40}")
    address = _labelled(pages, ("房屋坐落", "坐落"), r"^[\u4e00-\u9fff0-9A-Za-z()\-#]{4,80}")
    number = search_joined(pages, _NUMBER)
    if number is None:
        number = _labelled(pages, ("证号", "证书编号", "编号"), r"[0-9A-Z\u4e00-\u9fff()]{6,40}")
    return PropertyCertificateFields(owner=to_field(owner, FieldKind.NAME),
                                     premises_address=to_field(address, FieldKind.ADDRESS),
                                     area=_floor_area(pages),
                                     certificate_no=to_field(number, FieldKind.CODE))


# A lease clause cites 房产证号 / 不动产权证书号: the number suffix is refused as a title.
SPEC = DocTypeSpec(
    doc_type=DocType.PROPERTY_CERTIFICATE,
    titles=(
        r"(?<![、,，;；(（及和与或凭附带供交/])(?:不动产[权杈]证[书节]|房屋所有[权杈]证|房地产[权杈]证|房产证)"
        r"(?![、,，;；)）及和与或…/]|号|编号|复印件[、,，])",
    ),
    keywords=("权利人", "所有权人", "坐落", "不动产单元号", "权利类型", "权利性质", "共有情况", "规划用途",
              "使用期限", "不动产权第"),
    extract=extract,
)
