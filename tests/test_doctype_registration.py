"""营业执照 and legal-person certificates: recognising their pages and reading their fields.

Replays recorded RapidOCR output of generated samples (tests/data/ocr/h4_*.json, with the
generator's truth) and hand-built OCR lines for the layouts and slips the samples do not cover.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from extractor.classify import classify_page
from extractor.doctypes import business_license, legal_person_certificate
from extractor.fieldfind import compact
from extractor.ocr.cache import page_text_from_json
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage, TextLine
from schemas.vocab import DocType

DATA = Path(__file__).parent / "data" / "ocr"


def read_page(lines: Sequence[TextLine] | PageText, file: str = "binder.pdf", page: int = 1) -> ReadPage:
    text = lines if isinstance(lines, PageText) else PageText(list(lines), "rapidocr")
    image = np.full((8, 8, 3), 255, dtype=np.uint8)
    source = SourcePage(file=file, page=page, image=image, dpi=300)
    return ReadPage(NormalizedPage(source, image, image[:, :, 0], 0, 0.0), text)


def recorded(name: str) -> tuple[list[ReadPage], dict[str, object]]:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    pages = [read_page(page_text_from_json(p["text"]), p["file"], p["page"]) for p in data["pages"]]
    return pages, data["truth"]


def rows(*texts: str, x_value: float = 0.25) -> list[TextLine]:
    """One printed row per text: `label|value` becomes a label box and a value box."""
    lines: list[TextLine] = []
    for number, text in enumerate(texts):
        top = 0.1 + number * 0.05
        label, _, value = text.partition("|")
        lines.append(TextLine(label, (0.1, top, 0.1 + 0.015 * len(label), top + 0.02), 0.99))
        if value:
            lines.append(TextLine(value, (x_value, top, x_value + 0.015 * len(value), top + 0.02), 0.98))
    return lines


def with_row_under_first(lines: list[TextLine], extra: TextLine) -> list[TextLine]:
    """`extra` as a row of its own under the first printed row; the rows below move down."""
    below = [TextLine(t.text, (t.bbox[0], t.bbox[1] + 0.03, t.bbox[2], t.bbox[3] + 0.03), t.confidence)
             for t in lines[2:]]
    return lines[:2] + [extra] + below


def values(fields: object) -> dict[str, object]:
    return {name: field.value for name, field in fields.present().items()}  # type: ignore[attr-defined]


def same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return compact(a) == compact(b)  # truth keeps full-width brackets, reports NFKC
    return a == b


# Fields the samples print only inside the red seal (removed before OCR), or that OCR mangled.
UNREADABLE = {
    "h4_licence_old_landscape": {"issuing_authority"},
    "h4_licence_new": {"issuing_authority"},
    "h4_licence_new_hanzi_date": {"issuing_authority", "issue_date"},  # 二〇一七年 read as 二七年
    "h4_certificate_association": {"issuing_authority"},
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_recorded_samples_give_their_truth(name: str) -> None:
    pages, truth = recorded(name)
    module = legal_person_certificate if "certificate" in name else business_license
    got = module.SPEC.extract(pages).present()
    expected = {key: value for key, value in truth.items() if key not in UNREADABLE[name]}
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert same(got[key].value, value), key


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_recorded_fields_point_at_their_page_region(name: str) -> None:
    pages, _ = recorded(name)
    module = legal_person_certificate if "certificate" in name else business_license
    for field in module.SPEC.extract(pages).present().values():
        assert field.file == pages[0].file and field.page == pages[0].page
        assert field.bbox is not None
        assert 0 <= field.bbox[0] < field.bbox[2] <= 1 and 0 <= field.bbox[1] < field.bbox[3] <= 1
        assert 0.5 < field.confidence <= 1.0


def test_landscape_issue_date_beside_founding_date_is_not_confused() -> None:
    pages, _ = recorded("h4_licence_old_landscape")
    fields = business_license.extract(pages)
    assert fields.registration_date is not None and fields.issue_date is not None
    assert fields.registration_date.value == "2009-06-09" and fields.issue_date.value == "2014-06-05"
    assert fields.issue_date.bbox[0] > fields.registration_date.bbox[2]  # type: ignore[index]


def test_old_licence_with_registration_number_has_no_credit_code() -> None:
    page = read_page(rows("注册号|440106000123456", "名      称|广州市某某科技有限公司", "住所|广州市天河区天河路1号",
                          "法定代表人姓名|张三", "注册资本|伍佰万元", "公司类型|有限责任公司", "成立日期|2005年3月2日",
                          "营业期限|2005年3月2日至2025年3月1日"))
    assert values(business_license.extract([page])) == {
        "entity_name": "广州市某某科技有限公司", "registered_address": "广州市天河区天河路1号",
        "legal_representative": "张三", "registered_capital": 5_000_000.0, "entity_type": "有限责任公司",
        "registration_date": "2005-03-02", "term_start": "2005-03-02", "term_end": "2025-03-01"}


def test_a_value_of_the_wrong_shape_beside_a_label_is_not_taken_for_it() -> None:
    """A tilted photo sets the term beside 住所 and a letter beside 法定代表人: neither is one."""
    page = read_page(rows("名称|广州海新科技园投资发展有限公司", "法定代表人|M", "营业期限",
                          "住所|2010年12月29日至长期", "成立日期|2010年12月29日"))
    got = values(business_license.extract([page]))
    assert "registered_address" not in got and "legal_representative" not in got
    assert got["registration_date"] == "2010-12-29"


@pytest.mark.parametrize("label", ["法定代表人姓名", "法定代表人婚名", "法定代表入娃名"])
def test_a_misread_name_label_is_not_read_into_the_name(label: str) -> None:
    page = read_page(rows("名称|广州市某某科技有限公司", f"{label}|宋晓顺", "成立日期|2005年3月2日"))
    assert values(business_license.extract([page]))["legal_representative"] == "宋晓顺"


def test_self_employed_licence_labels() -> None:
    page = read_page(rows("统一社会信用代码|92440101MA5ABCDE1X", "名称|广州市天河区某某便利店", "类型|个体工商户",
                          "经营者|李四", "组成形式|个人经营", "经营场所|广州市天河区体育西路2号", "注册日期|2016年08月01日"))
    got = values(business_license.extract([page]))
    assert got["legal_representative"] == "李四"
    assert got["registered_address"] == "广州市天河区体育西路2号"
    assert got["registration_date"] == "2016-08-01"
    assert got["entity_type"] == "个体工商户"


def test_spaced_label_split_into_two_boxes() -> None:
    lines = [TextLine("名", (0.1, 0.2, 0.12, 0.22), 0.99), TextLine("称", (0.17, 0.2, 0.19, 0.22), 0.99),
             TextLine("广州市某某物流园有限公司", (0.25, 0.2, 0.55, 0.22), 0.97)]
    fields = business_license.extract([read_page(lines)])
    assert fields.entity_name is not None and fields.entity_name.value == "广州市某某物流园有限公司"
    assert fields.entity_name.bbox is not None and fields.entity_name.bbox[0] >= 0.24
    assert fields.entity_name.confidence == pytest.approx(0.97)


def test_wrapped_address_continues_under_the_value() -> None:
    lines = with_row_under_first(rows("住所|广州市黄埔区香雪三路730号星河创意", "法定代表人|王五"),
                                 TextLine("园自编4号", (0.25, 0.123, 0.33, 0.143), 0.99))
    got = values(business_license.extract([read_page(lines)]))
    assert got["registered_address"] == "广州市黄埔区香雪三路730号星河创意园自编4号"
    assert got["legal_representative"] == "王五"


def test_words_on_a_seal_right_of_the_value_do_not_continue_it() -> None:
    """A piece of the applicant's seal read under the address (园运营拿) is not the address's end."""
    lines = with_row_under_first(rows("住所|广州市南沙区凤凰大道94号启航广场自编5号", "经营范围|企业管理咨询服务"),
                                 TextLine("园运营拿", (0.48, 0.123, 0.57, 0.143), 0.80))
    got = values(business_license.extract([read_page(lines)]))
    assert got["registered_address"] == "广州市南沙区凤凰大道94号启航广场自编5号"


def test_a_row_beside_another_label_does_not_continue_the_address() -> None:
    """As read on a tilted licence: 经营范围 sits a little lower than its value's first row, and
    登记机关 higher, so the row below the address starts under it but belongs to another label."""
    lines = [TextLine("住所", (0.098, 0.663, 0.163, 0.696), 1.0),
             TextLine("广州市从化区城郊街新城西路989号启航产业园273室", (0.2, 0.664, 0.564, 0.691), 0.999),
             TextLine("企业管理咨询服务；物业管理；场地租赁；会议及展览服", (0.2, 0.711, 0.586, 0.737), 1.0),
             TextLine("登记机关", (0.635, 0.697, 0.696, 0.724), 1.0),
             TextLine("经营范围", (0.099, 0.714, 0.163, 0.739), 1.0),
             TextLine("务；科技信息咨询服务；（依法须经批准的项目，经相关", (0.2, 0.742, 0.586, 0.769), 1.0)]
    got = values(business_license.extract([read_page(lines)]))
    assert got["registered_address"] == "广州市从化区城郊街新城西路989号启航产业园273室"


def test_misread_credit_code_is_repaired_with_lower_confidence() -> None:
    clean = business_license.extract([read_page(rows("统一社会信用代码|91440101MA59U2LX0T"))]).credit_code
    misread = business_license.extract([read_page(rows("统一社会信用代码|9144O1O1MA59U2LX0T"))]).credit_code
    assert clean is not None and misread is not None
    assert clean.value == misread.value == "91440101MA59U2LX0T"
    assert misread.confidence < clean.confidence


def test_credit_code_failing_its_check_is_kept_but_doubted() -> None:
    field = business_license.extract([read_page(rows("统一社会信用代码|91440101MA59U2LX0A"))]).credit_code
    assert field is not None and field.value == "91440101MA59U2LX0A"
    assert field.confidence <= 0.35


def test_authority_printed_as_text_under_its_label() -> None:
    page = read_page(rows("名称|广州市某某商会", "登记管理机关|", "广州市民政局", "二〇一五年十二月二十五日"))
    got = values(legal_person_certificate.extract([page]))
    assert got["issuing_authority"] == "广州市民政局"
    assert got["issue_date"] == "2015-12-25"


def test_certificate_term_and_capital() -> None:
    page = read_page(rows("统一社会信用代码|51440103UPF0JGBA6W", "名称|广州市某某商会", "住所|广州市越秀区北京路1号",
                          "法定代表人|康秀", "注册资金|人民币伍万元", "成立登记日期|2010年10月18日",
                          "有效期限|2015年12月25日至2020年12月24日", "业务范围|联系会员", "单位类型|社会团体"))
    got = values(legal_person_certificate.extract([page]))
    assert got == {"credit_code": "51440103UPF0JGBA6W", "entity_name": "广州市某某商会",
                   "registered_address": "广州市越秀区北京路1号", "legal_representative": "康秀",
                   "registered_capital": 50_000.0, "registration_date": "2010-10-18",
                   "term_start": "2015-12-25",
                   "term_end": "2020-12-24", "entity_type": "社会团体"}


def test_open_ended_term_has_no_end() -> None:
    got = values(business_license.extract([read_page(rows("营业期限|2015年03月12日至长期"))]))
    assert got == {"term_start": "2015-03-12"}


def test_empty_pages_give_no_fields() -> None:
    assert values(business_license.extract([])) == {}
    assert values(legal_person_certificate.extract([read_page([])])) == {}


# --- recognising the pages ------------------------------------------------------------------------


def heading_matches(spec: object, text: str) -> bool:
    return any(re.search(title, compact(text)) for title in spec.titles)  # type: ignore[attr-defined]


@pytest.mark.parametrize("heading", ["营业执照", "营 业 执 照（副 本）", "营业执照(正本)统一社会信用代码", "企业法人营业执照注册号"])
def test_licence_headings(heading: str) -> None:
    assert heading_matches(business_license.SPEC, heading)


@pytest.mark.parametrize("prose", [
    "乙方应提供营业执照复印件一份", "二、法人证书或营业执照副本复印件", "甲方：某公司（营业执照号：4401）",
    "申报材料：营业执照、租赁合同", "请核对营业执照的登记信息",
])
def test_licence_heading_not_found_in_prose(prose: str) -> None:
    assert not heading_matches(business_license.SPEC, prose)


@pytest.mark.parametrize("heading", ["社会团体法人登记证书", "事业单位法人证书", "民办非企业单位登记证书", "民办非企业单位(法人)登记证书"])
def test_certificate_headings(heading: str) -> None:
    assert heading_matches(legal_person_certificate.SPEC, heading)


@pytest.mark.parametrize("prose", ["申报（运营）主体法人证书或营业执照副本复印件", "社会团体法人登记证书复印件一份"])
def test_certificate_heading_not_found_in_prose(prose: str) -> None:
    assert not heading_matches(legal_person_certificate.SPEC, prose)


@pytest.mark.parametrize(("name", "doc_type"), [
    ("h4_licence_old_landscape", DocType.BUSINESS_LICENSE), ("h4_licence_new", DocType.BUSINESS_LICENSE),
    ("h4_certificate_association", DocType.LEGAL_PERSON_CERTIFICATE),
])
def test_recorded_pages_classified(name: str, doc_type: DocType) -> None:
    pages, _ = recorded(name)
    assert classify_page(pages[0].text).doc_type is doc_type


def test_lease_page_naming_a_licence_is_not_a_licence() -> None:
    lease = read_page(rows("房屋租赁合同", "出租方（甲方）：魏波娜", "承租方（乙方）：广州某某有限公司",
                           "统一社会信用代码：91440101MA59U2LX0T", "法定代表人：张三",
                           "乙方营业执照复印件作为本合同附件", "第一条 租赁房屋位于广州市天河区天河路1号"))
    assert classify_page(lease.text).doc_type is not DocType.BUSINESS_LICENSE


def test_service_notice_naming_a_company_is_not_a_licence() -> None:
    notice = read_page(rows("关于举办中小企业政策宣讲会的通知", "主办单位：广州市某某科技园管理有限公司",
                            "各入驻企业：请携带营业执照副本复印件参会", "时间：2018年5月12日"))
    registration = (DocType.BUSINESS_LICENSE, DocType.LEGAL_PERSON_CERTIFICATE)
    assert classify_page(notice.text).doc_type not in registration


@pytest.mark.slow
def test_generated_licence_read_with_the_real_engine(tmp_path: Path) -> None:
    """One freshly generated binder, its licence page through load → normalise → RapidOCR → extract."""
    from extractor.ingest import ingest
    from extractor.options import AnalyzeOptions
    from extractor.page_read import read_page as read_real_page
    from samples.generator import generate_submission

    folder = generate_submission(tmp_path, 404, problems=[], scan_profile="clean")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    document = next(d for d in truth["documents"]
                    if d["doc_type"] in ("business_license", "legal_person_certificate"))
    options = AnalyzeOptions()
    handles = {(str(h.path.relative_to(folder)), h.page): h
               for h in ingest([folder / name for name in truth["files"]], options.limits).pages}
    pages = [read_real_page(handles[(p["file"], p["page"])], options)[0] for p in document["pages"]]
    assert classify_page(pages[0].text).doc_type.value == document["doc_type"]
    certificate = document["doc_type"] == "legal_person_certificate"
    module = legal_person_certificate if certificate else business_license
    got = module.SPEC.extract(pages).present()
    right = [name for name, value in document["fields"].items()
             if name in got and same(got[name].value, value)]
    # A value the OCR got wrong (a stamp across the name) must at least come with a doubt.
    confidently_wrong = [name for name in got if name not in right and got[name].confidence >= 0.7]
    assert confidently_wrong == []
    assert len(right) >= len(document["fields"]) - 2  # the authority sits in the seal; one slip allowed


def test_credit_code_under_its_label_beside_the_copy_mark() -> None:
    # Post-2016 layout: label top-left sharing its row with `(副本)`, the code on the row below.
    lines = [TextLine("统一社会信用代码", (0.12, 0.088, 0.26, 0.103), 0.99),
             TextLine("(副本)", (0.80, 0.084, 0.87, 0.099), 0.96),
             TextLine("91440106MA59C3K2XE", (0.12, 0.111, 0.34, 0.124), 0.99),
             TextLine("营业执照", (0.31, 0.163, 0.66, 0.213), 0.99),
             *rows("名称|广州市天河智汇科技园管理有限公司", "注册资本|人民币1000万元")]
    fields = business_license.extract([read_page(lines)])
    assert fields.credit_code is not None and fields.credit_code.value == "91440106MA59C3K2XE"
    # With the label lost entirely the code is still taken by its shape.
    fields = business_license.extract([read_page(lines[1:])])
    assert fields.credit_code is not None and fields.credit_code.value == "91440106MA59C3K2XE"
