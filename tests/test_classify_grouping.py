"""Page classification from doc-type cues, and grouping consecutive pages into documents."""

from __future__ import annotations

from extractor.classify import PageClass, classify_page
from extractor.grouping import group_pages
from extractor.pages import PageText, TextLine
from schemas.vocab import DocType


def _text(*rows: str, top: float = 0.05) -> PageText:
    lines = [TextLine(row, (0.1, top + 0.04 * i, 0.9, top + 0.04 * i + 0.03), 0.95) for i, row in enumerate(rows)]
    return PageText(lines, "rapidocr")


LICENCE = _text("营业执照", "（副本）", "统一社会信用代码 91440101MA59U2LX0T", "名称 广州市天河区示例科技有限公司",
                "类型 有限责任公司", "法定代表人 张伟", "注册资本 人民币500万元", "成立日期 2015年03月12日",
                "营业期限 2015年03月12日至长期", "住所 广州市天河区天河路100号", "登记机关")
LEASE_FIRST = _text("房屋租赁合同", "出租方（甲方）：广州市某某物业管理有限公司", "承租方（乙方）：广州市天河区示例科技有限公司",
                    "第一条 甲方将位于广州市天河区天河路100号的房屋出租给乙方使用")
LEASE_SECOND = _text("第三条 租赁期限自2018年1月1日起至2020年12月31日止", "第四条 租金每月人民币8000元",
                     "乙方不得转租", "押金为两个月租金")
LEASE_LAST = _text("甲方（盖章）：", "乙方（盖章）：", "签订日期：2017年12月20日")
BALANCE = _text("资产负债表", "编制单位：广州市天河区示例科技有限公司 2018年12月31日 单位：元",
                "项目 期末余额 年初余额", "流动资产：", "资产总计 1,000,000.00 900,000.00",
                "负债合计 400,000.00 300,000.00", "所有者权益合计 600,000.00 600,000.00")


def test_a_licence_page_is_recognised_with_high_confidence() -> None:
    result = classify_page(LICENCE)
    assert result.doc_type is DocType.BUSINESS_LICENSE and result.has_title
    assert result.confidence > 0.8


def test_statements_are_recognised() -> None:
    assert classify_page(BALANCE).doc_type is DocType.BALANCE_SHEET


def test_a_blank_page_is_other_with_low_confidence() -> None:
    result = classify_page(_text("  ", "1"))
    assert result.doc_type is DocType.OTHER and result.confidence <= 0.5


def test_a_page_without_any_cue_is_not_a_confident_type() -> None:
    result = classify_page(_text("今天天气很好，我们去公园散步。", "大家都很开心，拍了很多照片。"))
    assert result.doc_type is DocType.OTHER or result.confidence < 0.6


def test_lease_pages_without_heading_join_the_lease() -> None:
    classes = [classify_page(LICENCE), classify_page(LEASE_FIRST), classify_page(LEASE_SECOND),
               classify_page(LEASE_LAST), classify_page(BALANCE)]
    groups, adjusted = group_pages(classes)
    assert [(g.doc_type, g.page_indices) for g in groups] == [
        (DocType.BUSINESS_LICENSE, [0]), (DocType.LEASE_CONTRACT, [1, 2, 3]), (DocType.BALANCE_SHEET, [4])]
    assert all(c.doc_type is DocType.LEASE_CONTRACT for c in adjusted[1:4])


def test_two_certificates_of_one_type_in_a_row_stay_two_documents() -> None:
    diploma = PageClass(DocType.DIPLOMA, 0.95, has_title=True)
    groups, _ = group_pages([diploma, diploma])
    assert [g.page_indices for g in groups] == [[0], [1]]


def test_a_weak_page_after_a_single_page_type_starts_its_own_document() -> None:
    licence = PageClass(DocType.BUSINESS_LICENSE, 0.95, has_title=True)
    weak = PageClass(DocType.SERVICE_RECORD, 0.55, has_title=False)
    groups, _ = group_pages([licence, weak])
    assert [g.doc_type for g in groups] == [DocType.BUSINESS_LICENSE, DocType.SERVICE_RECORD]
