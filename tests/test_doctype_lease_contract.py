"""租赁合同: fields spread over pages and wrapped lines, annual rent, cues on continuation pages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import lease_contract
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine


def page_of(lines: list[str], page: int, confidence: float = 0.94) -> ReadPage:
    """Lines stacked down the page, one text line each."""
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="lease.pdf", page=page, image=image, dpi=300)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image, rotation=0, skew_degrees=0.0)
    text_lines = [TextLine(t, (0.1, 0.1 + 0.04 * i, 0.9, 0.12 + 0.04 * i), confidence) for i, t in enumerate(lines)]
    return ReadPage(normalized, PageText(text_lines, "rapidocr"))


PAGE_1 = ["房屋租赁合同", "出租方（甲方）：广州市润丰物业管理有限公司", "承租方（乙方）：广州天华科技园管理有限公司",
          "根据《中华人民共和国合同法》及有关规定，甲乙双方在平等、自愿、协商一致的基础上，就乙方",
          "承租甲方房屋事宜订立本合同。",
          "第一条 房屋坐落：甲方将位于广州市天河区天河路385号太古汇",
          "12楼05房的房屋出租给乙方使用。"]
PAGE_2 = ["第二条 租赁面积：该房屋建筑面积为120.5平方米。",
          "第三条 租赁期限：自2018年3月1日起至2021年2月28日止。",
          "第四条 租金：月租金为人民币12,050.00元，乙方应于每月5日前支付当月租金。",
          "第五条 押金：乙方应于签约时向甲方支付相当于两个月租金的押金。"]
PAGE_3 = ["第六条 乙方如需转租，应事先征得甲方书面同意。", "甲方（盖章）：", "乙方（盖章）：",
          "法定代表人或委托代理人：", "签订日期：2018年2月20日"]


def test_fields_over_three_pages() -> None:
    pages = [page_of(PAGE_1, 11), page_of(PAGE_2, 12), page_of(PAGE_3, 13)]
    fields = lease_contract.extract(pages)
    values = {name: f.value for name, f in fields.present().items()}
    assert values == {"lessor": "广州市润丰物业管理有限公司", "lessee": "广州天华科技园管理有限公司",
                      "premises_address": "广州市天河区天河路385号太古汇12楼05房", "area": 120.5,
                      "term_start": "2018-03-01", "term_end": "2021-02-28", "monthly_rent": 12050.0,
                      "signing_date": "2018-02-20"}
    assert fields.premises_address is not None and fields.premises_address.page == 11
    assert fields.signing_date is not None and fields.signing_date.page == 13
    bbox = fields.premises_address.bbox or (0, 0, 0, 0)
    assert bbox[3] - bbox[1] > 0.05  # the wrapped address spans both lines


def test_annual_rent_is_divided_and_less_certain() -> None:
    page_2 = [line.replace("月租金为人民币12,050.00元", "年租金为人民币144,600元") for line in PAGE_2]
    fields = lease_contract.extract([page_of(PAGE_1, 1), page_of(page_2, 2), page_of(PAGE_3, 3)])
    assert fields.monthly_rent is not None and fields.monthly_rent.value == 12050.0
    assert fields.monthly_rent.confidence < 0.94


def test_signature_block_is_not_a_party() -> None:
    fields = lease_contract.extract([page_of(PAGE_3, 1)])
    assert fields.lessor is None and fields.lessee is None


def test_titles_and_continuation_keywords() -> None:
    assert any(re.search(t, "房屋租赁合同出租方") for t in lease_contract.SPEC.titles)
    assert not any(re.search(t, "四、固定经营服务场所证明(房产证或租赁合同、)") for t in lease_contract.SPEC.titles)
    assert not any(re.search(t, "租赁合同期限届满") for t in lease_contract.SPEC.titles)
    assert not any(re.search(t, "请携带房屋租赁合同复印件") for t in lease_contract.SPEC.titles)
    assert any(re.search(t, "物业租赁合同甲方") for t in lease_contract.SPEC.titles)
    page_2 = "".join(PAGE_2)
    assert sum(k in page_2 for k in lease_contract.SPEC.keywords) >= 2
    assert lease_contract.SPEC.multi_page


@pytest.mark.parametrize("text", ["甲方将位于广州市越秀区东风中路300号金穗大厦1808室的房屋出租给乙方",
                                  "房屋坐落：广州市越秀区东风中路300号金穗大厦1808室，"])
def test_premises_phrasings(text: str) -> None:
    fields = lease_contract.extract([page_of([text], 1)])
    assert fields.premises_address is not None
    assert fields.premises_address.value == "广州市越秀区东风中路300号金穗大厦1808室"


def test_area_whose_superscript_was_lost() -> None:
    fields = lease_contract.extract([page_of(["第二条租赁面积：该房屋建筑面积为260.5m"], 1)])
    assert fields.area is not None and fields.area.value == 260.5


@pytest.mark.parametrize("alias", ["（以下简称甲方）", "（以下简称“甲方”）", "（下称\"甲方\"）"])
def test_parenthetical_alias_between_party_label_and_name(alias: str) -> None:
    lessee_alias = alias.replace("甲方", "乙方")
    page = page_of([f"出租方{alias}：广州市天河高新物业发展有限公司",
                    f"承租方{lessee_alias}：广州市天河智汇科技园管理有限公司",
                    "甲乙双方本着平等、自愿、诚实信用的原则，经友好协商，就乙方承租甲方房屋一事达成",
                    "如下协议，以资共同遵守。"], 1)
    fields = lease_contract.extract([page])
    assert fields.lessor is not None and fields.lessor.value == "广州市天河高新物业发展有限公司"
    assert fields.lessee is not None and fields.lessee.value == "广州市天河智汇科技园管理有限公司"
