"""现金流量表: recognised so it is not mistaken for another statement; SPEC names no fields."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.pages import ReadPage
from schemas.documents import NoFields
from schemas.vocab import DocType


def extract(pages: Sequence[ReadPage]) -> NoFields:
    return NoFields()


SPEC = DocTypeSpec(
    doc_type=DocType.CASH_FLOW_STATEMENT,
    # A list mention (资产负债表、现金流量表) is preceded or followed by list punctuation.
    titles=(r"(?<![、,，;；(（及和与])现金流[量蛍]表(?![、,，;；)）及和与…]|附注)",),
    keywords=("经营活动产生的现金流量", "现金及现金等价物", "投资活动", "筹资活动",
              "销售商品、提供劳务收到的现金", "现金流入小计", "现金流出小计"),
    extract=extract,
    reads_fields=False,
    multi_page=True,
)
