"""Proof of services delivered: activity notices, sign-in sheets, service agreements, photo pages.

No fields are read (SPEC names none); the type only has to be recognised. A notice often names
companies and even 营业执照, so the cues here are the shapes of the notice itself (关于举办…的通知,
签到表, 服务协议, captions of 会议/培训/讲座/沙龙 photos), not any document it mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.pages import ReadPage
from schemas.documents import NoFields
from schemas.vocab import DocType

_EVENT = r"(?:活动|会议|培训|讲座|沙龙|论坛|对接会|座谈会|交流会|宣讲会|研讨会|推介会|路演|峰会)"


def extract(pages: Sequence[ReadPage]) -> NoFields:
    return NoFields()


SPEC = DocTypeSpec(
    doc_type=DocType.SERVICE_RECORD,
    titles=(
        r"关于(?:举办|召开|开展|组织|参加|邀请).{0,40}?(?:的)?(?:通知|邀请函|函)",
        rf"{_EVENT}(?:的)?(?:通知|邀请函|签到表|签到册|签到|照片|现场|剪影|回顾|简报|纪要|记录|总结)",
        r"签到(?:表|册|名单)",
        r"(?<!租赁)(?:服务|委托|咨询|合作)(?:协议|合同)(?:书)?(?![、,，)）])",
        r"服务(?:记录|台账|证明|情况说明|成果|案例)",
        r"(?:活动|现场)(?:照片|图片)",
    ),
    keywords=("签到", "参会", "活动时间", "活动地点", "主办单位", "承办单位", "协办单位", "报名",
              "讲座", "沙龙", "培训会", "参加人员", "服务内容", "服务期限", "服务费"),
    extract=extract,
    reads_fields=False,
)
