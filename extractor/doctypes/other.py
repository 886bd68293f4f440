"""Covers, tables of contents, separator sheets and anything no other type claims (no fields).

A table of contents names every material of the binder (营业执照, 租赁合同, 资产负债表 ...); its own
cues (目录, dotted leaders, 页码) must outweigh those mentions, so they are kept as keywords here
while the other types' titles refuse list-shaped mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.pages import ReadPage
from schemas.documents import NoFields
from schemas.vocab import DocType


def extract(pages: Sequence[ReadPage]) -> NoFields:
    return NoFields()


SPEC = DocTypeSpec(
    doc_type=DocType.OTHER,
    titles=(
        r"目[录錄]",
        r"申[报請请](?:材料|资料)(?:汇编|清单|目录)?(?!表)",
        r"(?:材料|资料)(?:清单|目录|汇编)",
        r"封面|分隔页",
    ),
    # The binder's section names (the call's list of materials): a contents page or a separator
    # sheet names them, a document of those sections does not.
    keywords=("目录", "……", "页码", "材料名称", "申报单位", "申报日期", "专职工作人员情况",
              "固定经营服务场所证明", "相关服务的证明材料", "营业执照副本复印件", "财务报表"),
    extract=extract,
)
