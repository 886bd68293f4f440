"""广州市中小企业服务站申请表, scanned: cues, and its fields read into ApplicationFields.

The scan is read as the same grid of label and value cells as the editable form
(extractor.forms), so both sources share one label table and one set of value parsers; what
only a scan needs is the OCR row grouping and a credit-code repair against its check character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.forms.grid import fields_from_grid
from extractor.forms.ocr_rows import grid_rows
from extractor.normalize import clean_code, repair_credit_code
from extractor.pages import ReadPage
from schemas.application import ApplicationFields
from schemas.vocab import DocType


def extract(pages: Sequence[ReadPage]) -> ApplicationFields:
    if not pages:
        return ApplicationFields()
    fields = fields_from_grid(grid_rows(pages), pages[0].file)
    code = fields.credit_code
    shape = _CODE_SHAPE.search(clean_code(code.raw)) if code is not None and code.raw else None
    if code is not None and shape is not None:
        # An OCR'd code is checked and, where unambiguous, repaired (GB 32100); its confidence
        # says how much of that was needed. (A typed code, in the editable form, stays as typed.)
        read = repair_credit_code(shape.group(0))
        fields.credit_code = code.model_copy(update={
            "value": read.value, "confidence": round(code.confidence * read.confidence, 3)})
    return fields


_CODE_SHAPE = re.compile(r"[0-9A-Z]{15,20}")


# What follows the name in prose and lists: （附件1的附件）, 的通知, 、营业执照, dots, a page
# number, the next item of a table of contents (二、). OCR may drop the 一 of the form's own
# section heading, so 、申请 still counts as a heading.
_NOT_A_HEADING_AFTER = r"(?!\(附件|的|等|及|和|与|、(?!申请)|》|[,;。.…·]|\d|\(盖章|二、|2\.)"

SPEC = DocTypeSpec(
    doc_type=DocType.APPLICATION_FORM,
    # The form's own heading, not its name in prose or in a numbered list (一、广州市…申请表).
    titles=(
        r"(?:(?<![、.)\d])广州市|(?<![、.)\d市]))中小企业服务站申[请清]表" + _NOT_A_HEADING_AFTER,
        r"一、申请\(运营\)主体基本情况",
    ),
    keywords=("近两年运营情况", "服务站名称", "专职", "兼职", "服务站面积", "服务站具体位置", "服务站负责人",
              "服务中小微企业户数", "上缴税金", "大专或中级职称以上", "开园时间", "单位性质", "法人代表",
              "办公地址", "服务对象主导产业"),
    extract=extract,
    multi_page=True,
)
