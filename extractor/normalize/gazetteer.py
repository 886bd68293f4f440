"""Place names and authority kinds of Guangdong: the closed lists OCR readings are snapped to."""

from __future__ import annotations

GUANGZHOU_DISTRICTS = ("越秀区", "荔湾区", "海珠区", "天河区", "白云区", "黄埔区", "番禺区", "花都区",
                       "南沙区", "从化区", "增城区")
# Districts merged or renamed since (2005, 2014): old licences still name their authorities.
FORMER_GUANGZHOU_DISTRICTS = ("萝岗区", "东山区", "芳村区")
FORMER_GUANGZHOU_CITIES = ("从化市", "增城市")
GUANGDONG_CITIES = ("广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "湛江市", "肇庆市", "江门市",
                    "茂名市", "惠州市", "梅州市", "汕尾市", "河源市", "阳江市", "清远市", "东莞市", "中山市",
                    "潮州市", "揭阳市", "云浮市")

# The kinds of office that register entities or certify staff, as their names end.
AUTHORITY_KINDS = ("市场监督管理局", "工商行政管理局", "市场和质量监督管理委员会", "市场监管局", "工商局",
                   "民政局", "民政厅", "事业单位登记管理局", "机构编制委员会办公室", "行政审批局",
                   "人力资源和社会保障局", "人力资源和社会保障厅", "市场监督管理总局")

# Guangzhou first: on ties between equally near places the service's own city wins.
AUTHORITY_PLACES = (
    ("广州市",) + tuple(f"广州市{d}" for d in GUANGZHOU_DISTRICTS + FORMER_GUANGZHOU_DISTRICTS)
    + FORMER_GUANGZHOU_CITIES + ("广东省",) + GUANGDONG_CITIES[1:]
)
