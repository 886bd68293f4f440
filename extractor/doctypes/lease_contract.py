"""租赁合同 (every page of it): parties, premises, area, term, rent and signing date.

The terms are spread over the contract's pages and its clauses wrap over lines, so fields are
matched on each page's joined text (`search_joined`). The parties come from the party block at
the top (出租方（甲方）：…), never from a clause that merely mentions 甲方, nor from the signature
block (甲方（盖章）：). An annual rent is divided by 12 and reported with lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.doctypes.base import DocTypeSpec
from extractor.doctypes.textsearch import DATE, search_all, search_joined, to_field
from extractor.fieldfind import Located, compact
from extractor.normalize import parse_date, parse_money
from extractor.pages import ReadPage
from schemas.documents import LeaseContractFields
from schemas.fields import ExtractedField
from schemas.kinds import FieldKind
from schemas.vocab import DocType

ANNUAL_RENT_FACTOR = 0.8   # monthly rent computed as annual / 12
SIGNATURE_DATE_FACTOR = 0.85  # a date near the signatures without its 签订日期 label

_PARTY_END = r"(?=承租方|乙方|出租方|甲方|法定代表人|地址|住所|联系|电话|身份证|统一社会信用代码|根据|第一条|$)"
_WHOLE_PARTY = r"(?:公司|中心|厂|店|社|院|所|会|部|局|委员会)$|^[\u4e00-\u9fff·]{2,4}$"
_NOT_A_PARTY = r"盖章|签字|签章|签名|\(章\)|代表人"
_MONEY = r"(?:人民币|RMB|¥|￥)?[:：]?(?:\(小写\))?[:：]?(\d[\d,]*(?:\.\d+)?(?:万元|元))"


def _party(pages: Sequence[ReadPage], role: str, letter: str) -> ExtractedField | None:
    # The alias may be bare or worded: 出租方（甲方）, 出租方（以下简称"甲方"）, 甲方（出租方）.
    label = rf"(?:{role}(?:\([^()]{{0,8}}?{letter}[^()]{{0,3}}\))?|{letter}(?:\([^()]{{0,8}}?{role}[^()]{{0,3}}\))?)"
    pattern = rf"{label}[:：]([^:：]{{2,40}}?){_PARTY_END}"
    located = _party_on_one_line(pages, pattern) or search_joined(pages, pattern, reject=_NOT_A_PARTY)
    return to_field(located, FieldKind.NAME)


def _party_on_one_line(pages: Sequence[ReadPage], pattern: str) -> Located | None:
    """A party whose whole name ends its line (`承租方（以下简称乙方）：…有限公司`).

    On the joined text such a name runs on into the preamble below (甲乙双方本着…) and can end
    nowhere; a line that ends with a complete organisation or person name needs no joining.
    """
    regex = re.compile(pattern)
    for page in pages:
        for line in page.text.lines:
            text = compact(line.text)
            match = regex.search(text)
            if match is None or match.end(1) != len(text) or re.search(_NOT_A_PARTY, match.group(1)):
                continue
            if re.search(_WHOLE_PARTY, match.group(1)):
                x0, y0, x1, y1 = line.bbox
                a = match.start(1) / max(len(text), 1)
                return Located(match.group(1), page, (x0 + (x1 - x0) * a, y0, x1, y1), line.confidence)
    return None


def _premises(pages: Sequence[ReadPage]) -> ExtractedField | None:
    patterns = (
        r"(?:位于|坐落于|坐落在)([^,，。;；]{6,60}?)(?:的|之)?(?:房屋|物业|场地|商铺|写字楼|办公室|房产|单元)",
        r"(?:房屋坐落|租赁地址|房屋地址|租赁物业地址|物业地址|坐落)[:：]?([^,，。;；:：]{6,60}?)(?:[,，。;；]|$|第二条)",
    )
    for pattern in patterns:
        located = search_joined(pages, pattern, reject=r"^甲方|^乙方")
        if located is not None:
            return to_field(located, FieldKind.ADDRESS)
    return None


def _area(pages: Sequence[ReadPage]) -> ExtractedField | None:
    # A bare m: OCR drops the small ² of m² more often than not.
    located = search_joined(pages, r"(?:建筑面积|租赁面积|使用面积|出租面积|面积)(?:为|共|约|合计)?[:：]?"
                                   r"(\d[\d,]*(?:\.\d+)?\s*(?:平方米|平米|m2|M2|㎡|平方|[mM](?![a-zA-Z])))")
    return to_field(located, FieldKind.AREA)


def _term(pages: Sequence[ReadPage]) -> tuple[ExtractedField | None, ExtractedField | None]:
    pattern = rf"(?:自|从|期限为?[:：]?)({DATE})(?:起)?(?:至|到|-|~)({DATE})(?:止)?"
    start = search_joined(pages, pattern, group=1)
    end = search_joined(pages, pattern, group=2)
    return to_field(start, FieldKind.DATE), to_field(end, FieldKind.DATE)


def _monthly_rent(pages: Sequence[ReadPage]) -> ExtractedField | None:
    monthly = search_joined(pages, rf"(?:月租金|每月租金|租金每月|每月)(?:为|合计|标准为)?{_MONEY}")
    if monthly is not None and (value := parse_money(monthly.text)) is not None and value > 0:
        return monthly.to_field(round(value, 2))
    annual = search_joined(pages, rf"(?:年租金|每年租金|租金每年|每年)(?:为|合计|标准为)?{_MONEY}")
    if annual is not None and (value := parse_money(annual.text)) is not None and value > 0:
        return annual.to_field(round(value / 12, 2), annual.confidence * ANNUAL_RENT_FACTOR)
    return None


def _signing_date(pages: Sequence[ReadPage]) -> ExtractedField | None:
    labelled = search_joined(pages, rf"(?:签订|签约|签署|订立)(?:日期|时间)[:：]?({DATE})")
    if labelled is not None:
        return to_field(labelled, FieldKind.DATE)
    # Otherwise the last date on the last page, which sits by the signatures.
    dates: list[Located] = search_all(pages[-1:], rf"({DATE})")
    if not dates:
        return None
    last = max(dates, key=lambda d: d.bbox[1])
    value = parse_date(last.text)
    return last.to_field(value, last.confidence * SIGNATURE_DATE_FACTOR) if value else None


def extract(pages: Sequence[ReadPage]) -> LeaseContractFields:
    term_start, term_end = _term(pages)
    return LeaseContractFields(
        lessor=_party(pages, "出租方", "甲方"), lessee=_party(pages, "承租方", "乙方"),
        premises_address=_premises(pages), area=_area(pages), term_start=term_start, term_end=term_end,
        monthly_rent=_monthly_rent(pages), signing_date=_signing_date(pages))


SPEC = DocTypeSpec(
    doc_type=DocType.LEASE_CONTRACT,
    titles=(
        # Without a prefix the character before 租赁 must not end one, or 携带房屋租赁合同 would
        # match from 租赁 and slip past the mention check.
        r"(?<![、,，;；(（及和与或凭附带供交签])(?:房屋|物业|房产|场地|厂房|写字楼|商铺|办公(?:用房|室)?|(?<![屋业产地房楼铺室公]))"
        r"租赁合[同间](?:书)?"
        r"(?![、,，;；)）及和与或…]|复印件[、,，]|期限|编号|备案)",
        r"(?<![、,，;；(（及和与或])(?:房屋|物业)租赁协议(?:书)?(?![、,，;；)）及和与或…])",
    ),
    keywords=("出租方", "承租方", "甲方", "乙方", "租金", "租赁期限", "租赁期", "押金", "转租", "续租"),
    extract=extract,
    multi_page=True,
)
