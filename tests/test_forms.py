"""The editable application form (.docx / .xlsx) read into ApplicationFields, and bad files refused."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook

from extractor.errors import CorruptFileError, InputTooLargeError, UnsupportedFileError
from extractor.forms import GridCell, GridRow, fields_from_grid, read_editable_form
from extractor.forms.labels import is_label_text
from extractor.forms.values import (
    CATEGORY_ITEMS,
    EDUCATION_ITEMS,
    field_value,
    figure_value,
    looks_damaged,
    phone_doubtful,
    staff_counts,
    ticked_item,
)

CATEGORIES = "1. 科技园区（{0}）； 2. 文化创意园区（{1}）； 3. 物流园区（{2}）； 4. 生态农业园区（{3}）； 5. 工业园区（{4}）； " \
             "6. 软件园区（{5}）； 7. 商协会（{6}）； 8. 服务机构（{7}）； 9. 其他（{8}）"
EDUCATION = "1. 初中及以下（{0}）； 2. 高中、中技（{1}）； 3. 大专、本科（{2}）； 4. 本科以上（{3}）；"


def ticks(count: int, chosen: int, mark: str = "√") -> list[str]:
    return [mark if i == chosen else " " for i in range(count)]


# The seed form's rows on 7 grid columns: (text, span) per cell; values typed beside their labels.
FORM_ROWS: list[list[tuple[str, int]]] = [
    [("一、申请（运营）主体基本情况", 7)],
    [("名称：", 1), ("广州市天华科技园管理有限公司", 2), ("办公地址：", 1), ("广州市天河区天河路 1 号 301 房", 3)],
    [("类型", 1), (CATEGORIES.format(*ticks(9, 4)), 6)],
    [("服务对象主导产业或所属行业", 2), ("新一代信息技术", 5)],
    [("注册日期：", 1), ("2015年3月12日", 1), ("单位性质：", 1), ("民营企业", 1), ("法人代表：", 1), ("张 三", 2)],
    [("注册地址：", 1), ("广州市天河区天河路1号", 3), ("邮政编码：", 1), ("510630", 2)],
    [("统一社会信用代码：", 2), ("91440101MA59U2LX0T", 5)],
    [("联系人：", 1), ("李四", 1), ("联系电话（固话+手机）：", 1), ("020-38622962/13800138000", 2), ("电子邮箱：", 1),
     ("abc@qq.com", 1)],
    [("开园时间（年/月）：", 1), ("2016/05", 1), ("服务企业数量（家）：", 2), ("120", 3)],
    [("二、近两年运营情况（单位：万元）", 7)],
    [("年度", 1), ("营业收入", 1), ("其中：服务收入", 1), ("资产总额", 1), ("利润总额", 1), ("上缴税金", 1),
     ("服务中小微企业户数", 1)],
    [("2017", 1), ("1,234.50", 1), ("300", 1), ("5000", 1), ("120.25", 1), ("30", 1), ("80", 1)],
    [("2018", 1), ("1500", 1), ("", 1), ("5200", 1), ("-10", 1), ("35", 1), ("95", 1)],
    [("三、中小企业服务站相关情况", 7)],
    [("服务站名称：", 1), ("广州市中小企业服务站（天华）", 2),
     ("服务站工作人员：专职（ 2 ）人，其中：大专或中级职称以上（ 1 ）人；兼职（ 3 ）人。", 4)],
    [("服务站面积：", 1), ("120㎡", 1), ("服务站具体位置：", 1), ("广州市天河区天河路1号301", 4)],
    [("服务站负责人：", 1), ("王五", 1), ("联系电话（固话+手机）：", 1), ("13900139000", 2), ("电子邮箱：", 1),
     ("Wang@163.com", 1)],
    [("服务站负责人学历：", 1), (EDUCATION.format(*ticks(4, 2, "✓")), 6)],
]

EXPECTED: dict[str, object] = {
    "entity_name": "广州市天华科技园管理有限公司", "office_address": "广州市天河区天河路1号301房",
    "entity_category": "industrial_park", "industry": "新一代信息技术", "registration_date": "2015-03-12",
    "entity_nature": "民营企业", "legal_representative": "张三", "registered_address": "广州市天河区天河路1号",
    "postal_code": "510630", "credit_code": "91440101MA59U2LX0T", "contact_name": "李四",
    "contact_phone": "020-38622962/13800138000", "contact_email": "abc@qq.com", "park_opening": "2016-05",
    "enterprises_served": 120, "revenue_2017": 12_345_000.0, "service_revenue_2017": 3_000_000.0,
    "total_assets_2017": 50_000_000.0, "total_profit_2017": 1_202_500.0, "taxes_paid_2017": 300_000.0,
    "smes_served_2017": 80, "revenue_2018": 15_000_000.0, "total_assets_2018": 52_000_000.0,
    "total_profit_2018": -100_000.0, "taxes_paid_2018": 350_000.0, "smes_served_2018": 95,
    "station_name": "广州市中小企业服务站(天华)", "staff_fulltime": 2, "staff_fulltime_qualified": 1,
    "staff_parttime": 3, "station_area": 120.0, "station_address": "广州市天河区天河路1号301",
    "station_head": "王五", "station_head_phone": "13900139000", "station_head_email": "wang@163.com",
    "station_head_education": "college_or_bachelor",
}


def write_docx(path: Path, rows: list[list[tuple[str, int]]]) -> Path:
    document = docx.Document()
    document.add_paragraph("广州市中小企业服务站申请表")
    table = document.add_table(rows=len(rows), cols=7)
    for r, row in enumerate(rows):
        column = 0
        for text, span in row:
            cell = table.cell(r, column)
            if span > 1:
                cell = cell.merge(table.cell(r, column + span - 1))
            cell.text = text
            column += span
    document.add_paragraph("申请单位（盖章）：            法定代表人（签字）：")
    document.save(str(path))
    return path


def write_xlsx(path: Path, rows: list[list[tuple[object, int]]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.cell(1, 1, "广州市中小企业服务站申请表")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    for r, row in enumerate(rows, start=2):
        column = 1
        for value, span in row:
            if value != "":
                sheet.cell(r, column, value)
            if span > 1:
                sheet.merge_cells(start_row=r, start_column=column, end_row=r, end_column=column + span - 1)
            column += span
    workbook.save(str(path))
    return path


def values_of(path: Path) -> dict[str, object]:
    return {name: field.value for name, field in read_editable_form(path).present().items()}


def test_docx_form_gives_every_field(tmp_path: Path) -> None:
    assert values_of(write_docx(tmp_path / "form.docx", FORM_ROWS)) == EXPECTED


def test_docx_fields_carry_file_name_and_full_confidence(tmp_path: Path) -> None:
    fields = read_editable_form(write_docx(tmp_path / "申请表.docx", FORM_ROWS))
    assert fields.entity_name is not None
    assert fields.entity_name.file == "申请表.docx" and fields.entity_name.confidence == 1.0
    assert fields.entity_name.page is None and fields.entity_name.bbox is None


def test_xlsx_form_with_typed_numbers_and_dates(tmp_path: Path) -> None:
    rows: list[list[tuple[object, int]]] = [list(row) for row in FORM_ROWS]
    rows[4][1] = (dt.datetime(2015, 3, 12), 1)   # a date cell, as Excel stores it
    rows[5][3] = (510630, 2)                      # the postal code typed as a number
    rows[11] = [(2017, 1), (1234.5, 1), (300, 1), (5000, 1), (120.25, 1), (30, 1), (80, 1)]
    assert values_of(write_xlsx(tmp_path / "form.xlsx", rows)) == EXPECTED


def test_values_typed_into_the_label_cells(tmp_path: Path) -> None:
    rows = [
        [("名称：广州某某企业服务有限公司", 3), ("办公地址：广州市越秀区北京路 8 号", 4)],
        [("注册日期：2012.05.04", 2), ("单位性质：民营企业", 2), ("法人代表：赵六", 3)],
        [("服务站负责人：钱七", 2), ("联系电话：13800000000", 3), ("电子邮箱：q7@126.com", 2)],
        [("服务站面积：85.5平方米", 3), ("服务站具体位置：广州市越秀区北京路8号2楼", 4)],
    ]
    values = values_of(write_docx(tmp_path / "inline.docx", rows))
    assert values == {
        "entity_name": "广州某某企业服务有限公司", "office_address": "广州市越秀区北京路8号",
        "registration_date": "2012-05-04", "entity_nature": "民营企业", "legal_representative": "赵六",
        "station_head": "钱七", "station_head_phone": "13800000000", "station_head_email": "q7@126.com",
        "station_area": 85.5, "station_address": "广州市越秀区北京路8号2楼",
    }


def test_paragraph_form_without_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("名称：广州市穗新商会", "注册日期：2010年1月5日  单位性质：社会团体  法人代表：孙八",
                 "类型：7. 商协会（√）", "服务站工作人员：专职（3）人，其中：大专或中级职称以上（2）人；兼职（0）人"):
        document.add_paragraph(line)
    document.save(str(tmp_path / "p.docx"))
    values = values_of(tmp_path / "p.docx")
    assert values == {"entity_name": "广州市穗新商会", "registration_date": "2010-01-05", "entity_nature": "社会团体",
                      "legal_representative": "孙八", "entity_category": "association", "staff_fulltime": 3,
                      "staff_fulltime_qualified": 2, "staff_parttime": 0}


def test_wingdings_tick_symbol_in_docx(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "sym.docx", [[("类型", 1), ("1. 科技园区（ ）； 2. 文化创意园区（）", 6)]])
    document = docx.Document(str(path))
    paragraph = document.tables[0].cell(0, 1).paragraphs[0]
    run = paragraph.runs[0]
    text = run.text
    run.text = text[: text.index("文化创意园区") - 3]
    sym_run = paragraph.add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), "F0FE")
    sym_run._r.append(sym)
    paragraph.add_run("2. 文化创意园区")
    document.save(str(path))
    assert values_of(path) == {"entity_category": "cultural_creative_park"}


@pytest.mark.parametrize(("text", "expected"), [
    (CATEGORIES.format(*ticks(9, 0)), "science_park"),
    (CATEGORIES.format(*ticks(9, 3, "V")), "eco_agriculture_park"),
    (CATEGORIES.format(*ticks(9, 4, "v")), "industrial_park"),
    (CATEGORIES.format(*ticks(9, 8, "J")), "other"),
    (CATEGORIES.format(*ticks(9, 6, "☑")), "association"),
    ("1.科技园区( );2.文化创意园区( );☑3.物流园区;4.生态农业园区( )", "logistics_park"),
    ("■服务机构 □其他 □商协会", "service_agency"),
    ("1.科技园区（）；2.文化创意园区（）；8.服务机构（口）；9.其他（）；", "service_agency"),  # OCR: 口 for √
])
def test_ticked_category(text: str, expected: str) -> None:
    tick = ticked_item(text, CATEGORY_ITEMS)
    assert tick is not None and tick.value == expected
    assert tick.certain == ("口" not in text)  # an unknown mark inside the brackets is a doubtful tick


def test_no_tick_and_two_ticks() -> None:
    assert ticked_item(CATEGORIES.format(*ticks(9, -1)), CATEGORY_ITEMS) is None
    both = EDUCATION.format("√", " ", "√", " ")
    tick = ticked_item(both, EDUCATION_ITEMS)
    assert tick is not None and not tick.certain


def test_postgraduate_is_not_mistaken_for_bachelor() -> None:
    tick = ticked_item(EDUCATION.format(" ", " ", " ", "√"), EDUCATION_ITEMS)
    assert tick is not None and tick.value == "postgraduate"


def test_staff_counts_with_spaces_and_chinese_numerals() -> None:
    counts = staff_counts("专职（ 2 ）人，其中：大专或中级职称以上（ 1 ）人；兼职（ 3 ）人。")
    assert (counts.fulltime, counts.qualified, counts.parttime) == (2, 1, 3)
    counts = staff_counts("专职（三）人，其中：大专或中级职称以上（两）人；兼职（ ）人")
    assert (counts.fulltime, counts.qualified, counts.parttime) == (3, 2, None)
    counts = staff_counts("专职（2）人，其中：大专或中级职称以上(2）人；兼职.（1）人。")  # as OCR read it
    assert (counts.fulltime, counts.qualified, counts.parttime) == (2, 2, 1)


def test_grid_rows_in_any_order_of_cells() -> None:
    rows = [GridRow((GridCell(0, 1, "联系人："), GridCell(1, 2, "周九"), GridCell(2, 3, "电子邮箱："),
                     GridCell(3, 4, "z9@qq.com")))]
    fields = fields_from_grid(rows, "f.docx")
    assert fields.contact_name is not None and fields.contact_name.value == "周九"
    assert fields.contact_email is not None and fields.contact_email.value == "z9@qq.com"


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("contact_email", "243991502aqq.com", "243991502@qq.com"),     # @ read as a
    ("contact_email", "yxsa960qq.com", "yxsa96@qq.com"),           # @ read as 0
    ("contact_email", "vtmm90@1.63.com", "vtmm90@163.com"),
    ("contact_email", "yfgdukcgl3@foxmai1", None),                 # cut or misread: unread, not wrong
    ("contact_phone", "02031680450/18874770695", "020-31680450/18874770695"),
    ("station_head_phone", "（固话+手|18053075506机）：", "18053075506"),
    ("office_address", "上|广州市黄埔区黄埔东路292号", "广州市黄埔区黄埔东路292号"),
    ("entity_name", "广州市黄埔区盈科商会与原件一致", "广州市黄埔区盈科商会"),
    ("legal_representative", "M", None),                           # a fragment is no person's name
    ("station_head", "7", None),
    ("legal_representative", "戴文楠", "戴文楠"),
    ("contact_name", "John Lee", "JohnLee"),
])
def test_ocr_debris_in_values(field: str, text: str, expected: object) -> None:
    assert field_value(field, text) == expected


def test_figure_with_colon_for_a_point_and_empty_cells() -> None:
    assert figure_value("revenue", "532:12") == pytest.approx(5_321_200.0)
    assert figure_value("taxes_paid", "1,234") == pytest.approx(12_340_000.0)
    assert figure_value("revenue", "") is None and figure_value("revenue", "/") is None


def test_doubts_are_flagged() -> None:
    assert phone_doubtful("020-69750472/1587844906") and not phone_doubtful("020-69750472/15878449061")
    assert looks_damaged("广州市中小企业服务站南方中小企业服务中心)") and not looks_damaged("服务站(天华)")


def test_misread_long_label_still_found_but_not_latin_words() -> None:
    rows = [GridRow((GridCell(0, 1, "服务站负费人："), GridCell(1, 2, "邵秀武")))]
    fields = fields_from_grid(rows, "scan")
    assert fields.station_head is not None and fields.station_head.value == "邵秀武"
    # The second line of a wrapped address is no misread `Email` label (it must join its first line).
    assert not is_label_text("xmail.com") and is_label_text("服务站负费人：")


def test_doubtful_scan_value_gets_lower_confidence() -> None:
    rows = [GridRow((GridCell(0, 1, "联系电话："), GridCell(1, 2, "020-69750472/1587844906"))),
            GridRow((GridCell(0, 1, "电子邮箱："), GridCell(1, 2, "abc@qq.com")))]
    fields = fields_from_grid(rows, "f.docx")
    assert fields.contact_phone is not None and fields.contact_phone.confidence < 0.7
    assert fields.contact_email is not None and fields.contact_email.confidence == 1.0


# --- bad files -----------------------------------------------------------------------------------


def test_not_a_zip_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    path.write_bytes(b"this is not a word file at all")
    with pytest.raises(CorruptFileError, match="form.docx"):
        read_editable_form(path)


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", FORM_ROWS).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(CorruptFileError):
        read_editable_form(path)


def test_docx_with_broken_xml_is_corrupt(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", FORM_ROWS)
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document><unclosed>" if item.filename == "word/document.xml" else data)
    with pytest.raises(CorruptFileError, match="cannot be read"):
        read_editable_form(path)


def test_legacy_doc_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "form.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(UnsupportedFileError, match="legacy"):
        read_editable_form(path)


def test_other_zip_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(UnsupportedFileError, match="neither"):
        read_editable_form(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 2**20) + b"</w:document>")
    assert path.stat().st_size < 1 * 2**20
    with pytest.raises(InputTooLargeError, match="bomb|expands"):
        read_editable_form(path)


def test_total_unzipped_size_is_bounded(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", FORM_ROWS)
    with pytest.raises(InputTooLargeError, match="expands"):
        read_editable_form(good, max_unzipped_bytes=1000)


def test_doctype_in_xml_is_refused(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", FORM_ROWS)
    path = tmp_path / "entities.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaa">]>', 1)
            target.writestr(item, data)
    with pytest.raises(UnsupportedFileError, match="DOCTYPE"):
        read_editable_form(path)


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><broken")
    with pytest.raises(CorruptFileError):
        read_editable_form(path)


# --- against the sample generator (slow: it renders whole binders) ---------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "kind"), [(301, "docx"), (302, "xlsx"), (303, "docx")])
def test_generated_editable_forms_give_their_truth(tmp_path: Path, seed: int, kind: str) -> None:
    import json

    from extractor.fieldfind import compact
    from samples.generator import generate_submission

    folder = generate_submission(tmp_path, seed, problems=[], scan_profile="clean", editable=kind)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    form = next(folder / name for name in truth["files"] if name.endswith(f".{kind}"))
    got = {name: field.value for name, field in read_editable_form(form).present().items()}
    want = truth["application"]["fields"]
    assert set(got) == set(want)
    for name, value in want.items():
        if isinstance(value, str):
            assert compact(str(got[name])) == compact(value), name
        else:
            assert got[name] == pytest.approx(value), name


def test_docx_figures_table_transposed(tmp_path: Path) -> None:
    # Indicators as rows, years as columns: each figure is found by the header cells, not by position.
    transposed = [
        [("指标（单位：万元）", 1), ("2017年", 3), ("2018年", 3)],
        [("营业收入", 1), ("1,234.50", 3), ("1500", 3)],
        [("其中：服务收入", 1), ("300", 3), ("", 3)],
        [("资产总额", 1), ("5000", 3), ("5200", 3)],
        [("利润总额", 1), ("120.25", 3), ("-10", 3)],
        [("上缴税金", 1), ("30", 3), ("35", 3)],
        [("服务中小微企业户数", 1), ("80", 3), ("95", 3)],
    ]
    rows = FORM_ROWS[:10] + transposed + FORM_ROWS[13:]
    assert values_of(write_docx(tmp_path / "form.docx", rows)) == EXPECTED


@pytest.mark.parametrize(("text", "items", "expected"), [
    # ☑ lost by OCR, □ read as 口: the one item without its box is the ticked one.
    ("口科技园区口文化创意园区口物流园区口生态农业园区口工业园区口软件园区商协会口服务机构口其他",
     CATEGORY_ITEMS, "association"),
    ("口初中及以下口高中、中技大专、本科口本科以上", EDUCATION_ITEMS, "college_or_bachelor"),
    ("初中及以下□ 高中、中技□ 大专、本科 本科以上□", EDUCATION_ITEMS, "college_or_bachelor"),
])
def test_ticked_item_is_the_one_without_its_box(text: str, items: tuple[tuple[str, str], ...],
                                               expected: str) -> None:
    tick = ticked_item(text, items)
    assert tick is not None and tick.value == expected


def test_every_item_boxed_or_ambiguous_box_side_is_no_tick() -> None:
    assert ticked_item("口初中及以下口高中、中技口大专、本科口本科以上口", EDUCATION_ITEMS) is None
    # Boxes before (then 初中及以下 is bare) or after (then 本科以上 is): cannot tell which.
    assert ticked_item("初中及以下口高中、中技口大专、本科口本科以上", EDUCATION_ITEMS) is None


def test_name_field_does_not_take_a_checkbox_list() -> None:
    rows = [GridRow((GridCell(0, 1, "服务站负责人"), GridCell(1, 5, "初中及以下口高中、中技大专、本科本科以上")))]
    assert fields_from_grid(rows, "scan.pdf").station_head is None
