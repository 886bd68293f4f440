"""事业单位法人证书, 社会团体法人登记证书, 民办非企业单位登记证书: cues and fields.

They state the same facts as a business licence under other labels (开办资金 / 注册资金,
有效期, 登记管理机关), so they share `read_registration` with the licence module.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.business_license import (
    ADDRESS_AHEAD,
    NAME_AHEAD,
    TYPE_AHEAD,
    Rule,
    read_registration,
)
from extractor.pages import ReadPage
from schemas.documents import RegistrationCertificateFields
from schemas.vocab import DocType

CERTIFICATE_RULES: tuple[Rule, ...] = (
    Rule("credit_code", (r"统一社会信用代[码玛吗]", r"社会信用代码", r"信用代码")),
    Rule("entity_name", (r"单位名称", r"名称", r"[名称]" + NAME_AHEAD), wraps=True),
    Rule("entity_type", (r"单位类型", r"社会组织类型", r"类型", r"[类型]" + TYPE_AHEAD), wraps=True),
    Rule("legal_representative", (r"法定代表[人入]", r"负责[人入]")),
    Rule("registered_capital", (r"开办资金", r"注册资金", r"注册资本", r"活动资金")),
    Rule("registration_date", (r"成立登记日期", r"成立日期", r"登记日期", r"成立时间")),
    Rule("term", (r"有效期限", r"有效期", r"证书有效期")),
    Rule("registered_address", (r"住所", r"办公地址", r"地址", r"[住所]" + ADDRESS_AHEAD), wraps=True),
    Rule("issuing_authority", (r"登记管理机关", r"发证机关", r"登记机关")),
)
OTHER_CERTIFICATE_LABELS = (r"业务范围", r"宗旨和业务范围", r"宗旨", r"举办单位", r"经费来源", r"业务主管单位",
                            r"活动地域", r"证书编号", r"证号")


def extract(pages: Sequence[ReadPage]) -> RegistrationCertificateFields:
    return read_registration(pages, CERTIFICATE_RULES, OTHER_CERTIFICATE_LABELS)


SPEC = DocTypeSpec(
    doc_type=DocType.LEGAL_PERSON_CERTIFICATE,
    # The certificate's own heading; prose says 法人证书 alone (法人证书或营业执照副本复印件).
    titles=(
        r"事业单[位立]法[人入]证[书节](?!复印|等|和|及|或|、|的|[,;。])",
        r"社会团体法[人入]登记证[书节](?!复印|等|和|及|或|、|的|[,;。])",
        r"民办非企业单[位立](?:\(法人\))?登记证[书节](?!复印|等|和|及|或|、|的|[,;。])",
        r"社会服务机构登记证[书节](?!复印|等|和|及|或|、|的|[,;。])",
    ),
    # Not 有效期限: an ID card's back prints it too.
    keywords=("业务范围", "开办资金", "举办单位", "登记管理机关", "宗旨", "业务主管单位", "成立登记日期",
              "活动地域", "经费来源", "单位类型"),
    extract=extract,
    multi_page=False,
    reads_seals=True,
)
