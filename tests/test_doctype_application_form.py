"""The scanned 申请表: recognising its pages and reading its table into ApplicationFields.

Replays recorded RapidOCR output of generated forms (tests/data/ocr/h4_form_*.json, with the
generator's truth) and hand-built OCR lines for ticks, wraps and prose that names the form.
"""

from __future__ import annotations

import re

import pytest

from extractor.classify import classify_page
from extractor.doctypes import application_form
from extractor.fieldfind import compact
from extractor.pages import TextLine
from schemas.vocab import DocType
from tests.test_doctype_registration import read_page, recorded, rows, same, values

# What OCR lost on the recorded pages: the mobile number's last digits were glued into the
# e-mail cell (`020-35501874/1770818|电子邮箱4521`).
MANGLED: dict[str, set[str]] = {
    "h4_form_skewed": set(),
    "h4_form_split_header": set(),
    "h4_form_glued_label": {"contact_phone"},
}


@pytest.mark.parametrize("name", sorted(MANGLED))
def test_recorded_forms_give_their_truth(name: str) -> None:
    pages, truth = recorded(name)
    got = application_form.SPEC.extract(pages).present()
    expected = {key: value for key, value in truth.items() if key not in MANGLED[name]}
    assert set(expected) <= set(got)
    wrong = {key: (got[key].value, value) for key, value in expected.items()
             if not same(got[key].value, value)}
    assert wrong == {}


def test_recorded_form_fields_keep_page_region_and_confidence() -> None:
    pages, _ = recorded("h4_form_split_header")
    fields = application_form.extract(pages)
    assert fields.station_name is not None and fields.station_name.page == pages[1].page
    assert fields.entity_name is not None and fields.entity_name.page == pages[0].page
    for field in fields.present().values():
        assert field.bbox is not None and field.file == pages[0].file
        assert 0.5 < field.confidence <= 1.0


def test_mangled_phone_is_not_reported_as_the_email() -> None:
    pages, truth = recorded("h4_form_glued_label")
    fields = application_form.extract(pages)
    assert fields.contact_email is not None and fields.contact_email.value == truth["contact_email"]


def form_rows(*cells: list[str], top: float = 0.1) -> list[TextLine]:
    """A ruled table: each row's cells laid left to right on one line."""
    lines: list[TextLine] = []
    for number, row in enumerate(cells):
        y = top + number * 0.04
        x = 0.1
        for text in row:
            width = 0.012 * len(text)
            lines.append(TextLine(text, (x, y, x + width, y + 0.015), 0.99))
            x += width + 0.03
    return lines


def test_ticks_as_ocr_reads_them() -> None:
    page = read_page(form_rows(
        ["类型", "1.科技园区（）；2.文化创意园区（）；3.物流园区（V）；4.生态农业园区（）；5.工业园区（）；6.软件园区（）；"
                 "7.商协会（）；8.服务机构（）；9.其他（）；"],
        ["服务站负责人学历：", "1.初中及以下（）；2.高中丶中技（J）；3.大专丶本科（）；4.本科以上（）；"]))
    got = values(application_form.extract([page]))
    assert got == {"entity_category": "logistics_park", "station_head_education": "high_school"}


def test_checkbox_list_wrapped_beside_a_centred_label() -> None:
    lines = [
        TextLine("1.科技园区（）；2.文化创意园区（）；3.物流园区（）；4.生态农业园区（", (0.25, 0.241, 0.88, 0.257), 0.99),
        TextLine("类型", (0.11, 0.258, 0.15, 0.275), 0.99),
        TextLine("）；5.工业园区（）；6.软件园区（√）；7.商协会（）；8.服务机构（）；", (0.252, 0.259, 0.879, 0.275), 0.98),
        TextLine("9.其他（）；", (0.25, 0.276, 0.36, 0.293), 0.97),
    ]
    assert values(application_form.extract([read_page(lines)])) == {"entity_category": "software_park"}


def test_no_tick_gives_no_category() -> None:
    page = read_page(form_rows(["类型", "1.科技园区（）；2.文化创意园区（）；3.物流园区（）；7.商协会（）；"]))
    assert application_form.extract([page]).entity_category is None


def table(*cells: list[str], column_width: float = 0.12) -> list[TextLine]:
    """Centred cells in fixed columns, as the figures table prints them."""
    lines: list[TextLine] = []
    for number, row in enumerate(cells):
        y = 0.5 + number * 0.04
        for column, text in enumerate(row):
            if text:
                centre, half = 0.1 + (column + 0.5) * column_width, 0.006 * len(text)
                lines.append(TextLine(text, (centre - half, y, centre + half, y + 0.015), 0.99))
    return lines


def test_figures_in_wan_yuan_by_column() -> None:
    page = read_page(table(
        ["年度", "营业收入", "其中：服务收入", "资产总额", "利润总额", "上缴税金", "服务中小微企业户数"],
        ["2017", "134.57", "77.65", "360.65", "-7.46", "4.58", "166"],
        ["2018", "135.74", "", "219.11", "21.54", "2.25", "290"]))
    got = values(application_form.extract([page]))
    assert got["revenue_2017"] == pytest.approx(1_345_700.0)
    assert got["total_profit_2017"] == pytest.approx(-74_600.0)
    assert got["smes_served_2017"] == 166 and got["smes_served_2018"] == 290
    assert got["taxes_paid_2018"] == pytest.approx(22_500.0)
    assert "service_revenue_2018" not in got  # an empty cell is not a zero


def test_figure_rows_whose_year_cells_were_cut_off() -> None:
    page = read_page(table(
        ["", "营业收入", "其中：服务收入", "资产总额", "利润总额", "上缴税金", "服务中小微企业户数"],
        ["", "83.02", "52.00", "130.71", "16.66", "4.39", "74"],
        ["", "86.90", "76.27", "230.76", "-3.63", "2.49", "198"]))
    got = values(application_form.extract([page]))
    assert got["revenue_2017"] == pytest.approx(830_200.0) and got["smes_served_2017"] == 74
    assert got["total_profit_2018"] == pytest.approx(-36_300.0) and got["smes_served_2018"] == 198


def test_station_head_contact_is_not_the_applicant_contact() -> None:
    page = read_page(form_rows(
        ["联系人：", "姚胜世", "联系电话（固话+手机）：020-64260698/18756955535", "电子邮箱：rrczs79@qq.com"],
        ["三、中小企业服务站相关情况"],
        ["服务站负责人：邱宁全", "联系电话（固话+手机）：15926909957", "电子邮箱：", "mccneug18@foxmail.com"]))
    got = values(application_form.extract([page]))
    assert got == {"contact_name": "姚胜世", "contact_phone": "020-64260698/18756955535",
                   "contact_email": "rrczs79@qq.com", "station_head": "邱宁全",
                   "station_head_phone": "15926909957",
                   "station_head_email": "mccneug18@foxmail.com"}


def test_signature_line_is_not_the_legal_representative() -> None:
    page = read_page(form_rows(["申请单位（盖章）：广州某某公司"], ["法定代表人（签字）："], ["日期：2019年6月12日"]))
    assert application_form.extract([page]).legal_representative is None


def test_ocr_read_credit_code_is_checked() -> None:
    page = read_page(form_rows(["统一社会信用代码：", "9144O112MARMCW909T"]))
    field = application_form.extract([page]).credit_code
    assert field is not None and field.value == "91440112MARMCW909T" and field.confidence < 0.99


# --- recognising the pages ------------------------------------------------------------------------


def heading_matches(text: str) -> bool:
    return any(re.search(title, compact(text)) for title in application_form.SPEC.titles)


@pytest.mark.parametrize("heading", ["附件 广州市中小企业服务站申请表 一、申请（运营）主体基本情况",
                                     "广州市中小企业服务站申请表、申请（运营）主体基本情况", "广州市中小企业服务站申请表名称："])
def test_form_headings(heading: str) -> None:
    assert heading_matches(heading)


@pytest.mark.parametrize("prose", [
    "（一）广州市中小企业服务站申请表（附件1的附件）。", "一、广州市中小企业服务站申请表……………1",
    "关于报送广州市中小企业服务站申请表的通知", "申报单位需将申请表（附件2的附件）和其他申报材料",
    "目录 1.广州市中小企业服务站申请表 3",
    "目录一、广州市中小企业服务站申请表二、营业执照副本复印件",  # a TOC as OCR reads it: no dots
    "目录、广州市中小企业服务站申请表、营业执照副本复印件",      # … and without its 一 and 二
])
def test_form_heading_not_found_in_prose(prose: str) -> None:
    assert not heading_matches(prose)


def test_recorded_second_page_is_a_form_page_by_its_keywords() -> None:
    pages, _ = recorded("h4_form_skewed")
    page_class = classify_page(pages[1].text)
    assert page_class.doc_type is DocType.APPLICATION_FORM and not page_class.has_title


@pytest.mark.parametrize("first", ["一、广州市中小企业服务站申请表", "、广州市中小企业服务站申请表"])
def test_table_of_contents_is_not_the_form(first: str) -> None:
    toc = read_page(rows("目录", first, "二、营业执照副本复印件", "三、专职工作人员情况", "四、固定经营服务场所证明",
                         "五、财务报表", "六、开展相关服务的证明材料"))
    page_class = classify_page(toc.text)
    assert page_class.doc_type not in (DocType.APPLICATION_FORM, DocType.BUSINESS_LICENSE)


def test_tightly_wrapped_cells_and_labels_are_joined() -> None:
    # Line boxes of a wrapped cell overlap by ~0.2-0.3 line heights when the cell is tightly set.
    from extractor.forms.ocr_rows import merge_wrapped

    lines = [
        TextLine("广州市番禺区中小企业发", (0.205, 0.1497, 0.41, 0.1668), 0.98),
        TextLine("展促进会", (0.2042, 0.1632, 0.2833, 0.1803), 0.99),
        TextLine("服务站负责", (0.096, 0.1881, 0.1798, 0.2052), 1.0),
        TextLine("人：", (0.096, 0.2007, 0.1258, 0.2155), 1.0),
        TextLine("服务站具体位置：", (0.3452, 0.2488, 0.4282, 0.2625), 1.0),
        TextLine("联系电话（固话+手机）：", (0.3435, 0.2585, 0.4235, 0.2773), 1.0),
    ]
    texts = sorted(line.text for line in merge_wrapped(lines))
    assert texts == sorted(["广州市番禺区中小企业发展促进会", "服务站负责人：", "服务站具体位置：",
                            "联系电话（固话+手机）："])
