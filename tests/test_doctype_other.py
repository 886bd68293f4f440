"""Pages with no fields (other, service_record, cash_flow_statement): cues that identify them."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractor.doctypes import (
    balance_sheet,
    cash_flow_statement,
    diploma,
    income_statement,
    lease_contract,
    other,
    property_certificate,
    qualification_certificate,
    service_record,
    title_certificate,
)
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine
from schemas.documents import NoFields

TOC = ("目录一、广州市中小企业服务站申请表……1二、营业执照副本复印件……3三、专职工作人员学历证书、职称证书、"
       "职业资格证书复印件……4四、固定经营服务场所证明(房产证或租赁合同)……8五、2018年财务报表(资产负债表、利润表、"
       "现金流量表)……12六、近年来开展相关服务的证明材料……15")
MINE = (diploma, title_certificate, qualification_certificate, lease_contract, property_certificate,
        balance_sheet, income_statement, cash_flow_statement)


def test_table_of_contents_is_no_title_of_the_listed_documents() -> None:
    claimed = [m.SPEC.doc_type for m in MINE if any(re.search(t, TOC) for t in m.SPEC.titles)]
    assert claimed == []
    assert any(re.search(t, TOC) for t in other.SPEC.titles)


@pytest.mark.parametrize("text", [
    "关于举办2018年小微企业税收优惠政策宣讲会的通知各会员企业:",
    "企业人力资源管理沙龙签到表序号姓名单位联系电话",
    "中小企业服务协议甲方:广州某某有限公司乙方:",
    "知识产权保护专题培训现场照片",
])
def test_service_record_titles(text: str) -> None:
    assert any(re.search(t, text) for t in service_record.SPEC.titles)


def test_service_notice_naming_documents_is_not_claimed_by_them() -> None:
    notice = "关于举办融资对接会的通知请参会企业携带营业执照、租赁合同、资产负债表及利润表复印件"
    assert any(re.search(t, notice) for t in service_record.SPEC.titles)
    assert [m.SPEC.doc_type for m in MINE if any(re.search(t, notice) for t in m.SPEC.titles)] == []


def test_cash_flow_title_and_no_fields() -> None:
    assert any(re.search(t, "现金流量表会企03表") for t in cash_flow_statement.SPEC.titles)
    image = np.zeros((4, 4, 3), np.uint8)
    source = SourcePage(file="b.pdf", page=1, image=image, dpi=300)
    page = ReadPage(NormalizedPage(source, image, image, 0, 0.0),
                    PageText([TextLine("现金流量表", (0.4, 0.05, 0.6, 0.08), 0.9)], "rapidocr"))
    for module in (cash_flow_statement, service_record, other):
        assert module.SPEC.extract([page]) == NoFields()
