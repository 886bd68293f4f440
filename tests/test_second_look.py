"""The second look: a finding that rests on a value OCR read is kept only when a re-read confirms it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from extractor.checks import run_checks
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage
from extractor.second_look.reread import crop_box, reread_region, views
from extractor.second_look.stage import check_with_second_look
from extractor.second_look.verdict import DOUBT_FACTOR, Reading, Verdict, judge
from schemas import DocType, FindingCode
from schemas.kinds import FieldKind
from tests.test_checks_support import (
    clean_documents,
    clean_form,
    codes,
    context,
    fld,
    form_fld,
    replace_field,
)

SHEET_BOX = (0.5, 0.4, 0.7, 0.43)


def _reads(*texts: str, confidence: float = 0.97) -> list[Reading]:
    return [Reading(text, confidence) for text in texts]


@pytest.mark.parametrize("again", ["154,663.01", "154663.01", "期末余额154.663.01 88,000.00", "154，663.01",
                                   "154,663.0136"])  # the next column's 36,850.20 glued on
def test_a_re_read_with_the_same_digits_confirms(again: str) -> None:
    first = fld(154663.01, raw="154,663.01")
    look = judge("total_assets", "资产负债表", FieldKind.MONEY, first, _reads(again, "184,663.01"))
    assert look.verdict is Verdict.CONFIRMED and look.revised() == first


def test_re_reads_that_agree_on_another_figure_correct_it_in_the_first_reading_s_unit() -> None:
    first = fld(1346600.0, raw="134.66")  # printed in 万元: the unit is value / printed number
    look = judge("revenue", "利润表", FieldKind.MONEY, first, _reads("154.66", "154.66  120.00"))
    assert look.verdict is Verdict.CORRECTED
    revised = look.revised()
    assert revised.value == pytest.approx(1546600.0) and revised.raw == "154.66"
    assert (revised.file, revised.page, revised.bbox) == (first.file, first.page, first.bbox)


@pytest.mark.parametrize("readings", [
    _reads("154,663.01", "184,663.01"),                  # the re-reads disagree with each other
    _reads("154,663.01", "154,663.01", confidence=0.7),  # they agree, but unsure
    _reads("154,663.01"),                                # one re-read cannot outvote the first
])
def test_a_disagreement_without_a_winner_makes_the_value_doubtful(readings: list[Reading]) -> None:
    first = fld(134663.01, raw="134,663.01")
    look = judge("total_assets", "资产负债表", FieldKind.MONEY, first, readings)
    assert look.verdict is Verdict.DOUBTFUL
    assert look.revised().value == 134663.01 and look.revised().confidence == 0.95 * DOUBT_FACTOR


def test_names_are_never_corrected_only_doubted() -> None:
    first = fld("王玮", raw="王玮")
    look = judge("legal_representative", "营业执照", FieldKind.NAME, first, _reads("法定代表人王伟", "王伟"))
    assert look.verdict is Verdict.DOUBTFUL and look.revised().value == "王玮"
    same = judge("legal_representative", "营业执照", FieldKind.NAME, first, _reads("法定代表人 王 玮", ""))
    assert same.verdict is Verdict.CONFIRMED


def test_a_name_one_view_reads_otherwise_at_least_as_surely_is_doubtful() -> None:
    first = fld("彭玉消", raw="彭玉消")
    rival = [Reading("表：彭玉清", 0.88), Reading("表：彭玉消", 0.857)]
    assert judge("legal_representative", "申请表", FieldKind.NAME, first, rival).verdict is Verdict.DOUBTFUL
    unsure_rival = [Reading("彭玉消", 0.993), Reading("彭卡消", 0.68)]
    assert judge("legal_representative", "申请表", FieldKind.NAME, first, unsure_rival).verdict is Verdict.CONFIRMED
    other_text = [Reading("法定代表人：彭玉消", 0.9), Reading("代表人：彭玉消", 0.95)]
    assert judge("legal_representative", "申请表", FieldKind.NAME, first, other_text).verdict is Verdict.CONFIRMED


def test_re_reads_that_found_nothing_abstain() -> None:
    first = fld(134663.01, raw="134,663.01")
    look = judge("total_assets", "资产负债表", FieldKind.MONEY, first, _reads("", "", confidence=0.0))
    assert look.verdict is Verdict.CONFIRMED


# --- the stage, with an engine that reads what the test says --------------------------------------


class _Engine:
    """Stands in for reading a region again: each box reads as the texts the test gave it, one per
    view (a single text: the same in both); any other box reads as nothing."""

    name, version = "fake", "1"

    def __init__(self, texts: dict[int, str | tuple[str, str]]) -> None:
        self.texts, self.calls = texts, 0

    def reread(self, bbox: tuple[float, float, float, float]) -> list[Reading]:
        self.calls += 1
        level = next((level for level, box in BOXES.items() if box == bbox), None)
        texts = self.texts.get(level, ("", "")) if level is not None else ("", "")
        pair = (texts, texts) if isinstance(texts, str) else texts
        return [Reading(text, 0.98 if text else 0.0) for text in pair]


@pytest.fixture(autouse=True)
def _fake_reread(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.second_look import stage

    monkeypatch.setattr(stage, "reread_region", lambda upright, bbox, engine: engine.reread(bbox))


ASSETS, LIABILITIES, EQUITY = 10, 20, 30
BOXES = {ASSETS: SHEET_BOX, LIABILITIES: (0.5, 0.5, 0.7, 0.53), EQUITY: (0.5, 0.6, 0.7, 0.63)}
SHEET_AS_PRINTED = {LIABILITIES: "2,000,000.00", EQUITY: "3,678,912.34"}


def _page(number: int) -> ReadPage:
    """A white page whose value boxes are filled with their own grey level (the fake engine's key)."""
    image = np.full((1400, 1000, 3), 255, np.uint8)
    for level, (x0, y0, x1, y1) in BOXES.items():
        image[int(y0 * 1400):int(y1 * 1400), int(x0 * 1000):int(x1 * 1000)] = level
    source = SourcePage(file="binder.pdf", page=number, image=image, dpi=150)
    return ReadPage(NormalizedPage(source, image, image[:, :, 2], 0, 0.0), PageText([], "rapidocr"))


def _sheet_read_as(total_assets: float, raw: str):  # type: ignore[no-untyped-def]
    """The clean submission with its balance sheet's 资产总计 misread; the form states 567.89 万元."""
    documents = replace_field(clean_documents(), DocType.BALANCE_SHEET,
                              total_assets=fld(total_assets, raw=raw, bbox=BOXES[ASSETS]),
                              total_liabilities=fld(2000000.0, raw="2,000,000.00", bbox=BOXES[LIABILITIES]),
                              total_equity=fld(3678912.34, raw="3,678,912.34", bbox=BOXES[EQUITY]))
    return context(documents=documents, pages=(_page(9),))


def _engine_source(engine: _Engine) -> Callable[[], _Engine]:
    return lambda: engine


def test_a_misread_total_read_right_twice_again_raises_nothing() -> None:
    ctx = _sheet_read_as(5078912.34, "5,078,912.34")
    first, _ = run_checks(ctx)
    assert {c for c, _ in codes(first)} == {"field_mismatch", "balance_sheet_unbalanced"}
    engine = _Engine({ASSETS: "5,678,912.34"} | SHEET_AS_PRINTED)
    checked = check_with_second_look(ctx, _engine_source(engine))
    assert codes(checked.findings) == [] and engine.calls == 3  # each of the three totals
    sheet = next(d for d in checked.documents if d.doc_type is DocType.BALANCE_SHEET)
    assert sheet.fields["total_assets"].value == 5678912.34  # the report shows the corrected reading
    run = next(r for r in checked.checks if r.check == "second_look")
    assert "2 confirmed, 1 corrected" in run.detail and "5678912.34" in run.detail


def test_a_total_read_the_same_again_keeps_its_findings() -> None:
    ctx = _sheet_read_as(5078912.34, "5,078,912.34")
    checked = check_with_second_look(ctx, _engine_source(_Engine({ASSETS: "5.078.912.34"} | SHEET_AS_PRINTED)))
    assert {c for c, _ in codes(checked.findings)} == {"field_mismatch", "balance_sheet_unbalanced"}
    assert "3 confirmed" in next(r.detail for r in checked.checks if r.check == "second_look")


def test_a_total_read_two_other_ways_is_doubtful_and_reported_as_unreadable() -> None:
    ctx = _sheet_read_as(5078912.34, "5,078,912.34")
    engine = _Engine({ASSETS: ("5,678,912.34", "5,978,912.34")} | SHEET_AS_PRINTED)
    checked = check_with_second_look(ctx, _engine_source(engine))
    assert codes(checked.findings) == []
    remarks = [f for f in checked.findings if f.code is FindingCode.UNREADABLE_FIELD and f.field == "total_assets"]
    assert len(remarks) == 1 and "5,078,912.34" in remarks[0].message and "5,978,912.34" in remarks[0].message
    assert remarks[0].evidence[0].bbox == SHEET_BOX


def test_no_finding_no_second_look_and_no_engine() -> None:
    def no_engine() -> _Engine:
        raise AssertionError("the engine must not be loaded for a clean submission")

    checked = check_with_second_look(context(pages=(_page(9),)), no_engine)
    assert codes(checked.findings) == []
    assert next(r for r in checked.checks if r.check == "second_look").status == "ran"


def test_values_from_the_editable_form_or_a_text_layer_are_not_re_read() -> None:
    form = clean_form() | {"legal_representative": form_fld("王建国")}
    born_digital = ReadPage(_page(3).normalized, PageText([], "text_layer"))
    ctx = context(form=form, pages=(born_digital,))
    engine = _Engine({ASSETS: "王伟"})
    checked = check_with_second_look(ctx, _engine_source(engine))
    assert codes(checked.findings) == [("field_mismatch", "legal_representative")] and engine.calls == 0


def test_a_statement_item_the_chain_reads_itself_is_revised_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.checks import statements
    from extractor.second_look import stage

    items = {"营业利润": fld(250000.0, page=10, raw="250,000.00", bbox=BOXES[ASSETS]),
             "营业外收入": fld(5000.0, page=10, raw="5,000.00", bbox=BOXES[LIABILITIES]),
             "营业外支出": fld(520.0, page=10, raw="520.00", bbox=BOXES[EQUITY])}
    monkeypatch.setattr(statements, "_statement_amount_reader", lambda: lambda pages: items)
    monkeypatch.setattr(stage, "statement_amounts", lambda pages: items)
    ctx = context(pages=(_page(10),))
    assert ("income_statement_inconsistent", "total_profit") in codes(run_checks(ctx)[0])
    engine = _Engine({ASSETS: "230,000.00", LIABILITIES: "5,000.00", EQUITY: "520.00"})
    checked = check_with_second_look(ctx, _engine_source(engine))
    assert codes(checked.findings) == []


def test_the_crop_keeps_a_margin_around_an_estimated_box() -> None:
    image = np.zeros((1000, 1000, 3), np.uint8)
    crop = crop_box(image, (0.5, 0.5, 0.6, 0.52))
    assert crop is not None and crop.shape[0] > 20 and crop.shape[1] > 100
    assert crop_box(image, (0.5, 0.5, 0.5, 0.5)) is None
    assert all(view.ndim == 2 and view.shape[0] == 2 * crop.shape[0] for view in views(crop))


def test_the_ink_only_view_drops_a_grey_seal_but_keeps_the_print() -> None:
    crop = np.full((40, 200, 3), 240, np.uint8)
    crop[10:30, 20:60] = 20     # printed text
    crop[5:35, 120:140] = 150   # a seal's stroke on a grey scan (the red channel cannot drop it)
    whitened, ink_only = views(crop)
    assert whitened[40, 80] < 30 and 100 < whitened[40, 260] < 200 and whitened[5, 5] == 255
    assert ink_only[40, 80] < 30 and ink_only[40, 260] == 255


def test_a_region_is_read_by_the_line_recogniser_when_the_engine_has_one() -> None:
    class Recogniser:
        name, version = "fake", "1"

        def __init__(self) -> None:
            self.seen: list[tuple[int, ...]] = []

        def read(self, image: np.ndarray) -> PageText:
            raise AssertionError("a one-line crop is not read as a page")

        def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
            self.seen = [crop.shape for crop in crops]
            return [("154,663.01", 0.99), ("154,663.01", 0.97)]

    image = np.full((1400, 1000, 3), 255, np.uint8)
    engine = Recogniser()
    assert reread_region(image, (0.5, 0.5, 0.6, 0.52), engine) == [  # type: ignore[arg-type]
        Reading("154,663.01", 0.99), Reading("154,663.01", 0.97)]
    assert len(engine.seen) == 2
    assert reread_region(image, (0.5, 0.5, 0.5, 0.5), engine) == []  # type: ignore[arg-type]


def test_a_date_in_chinese_numerals_is_compared_as_words() -> None:
    first = fld("2015-03-12", raw="二〇一五年三月十二日")
    confirmed = judge("registration_date", "营业执照", FieldKind.DATE, first, _reads("成立日期二○一五年三月十二日"))
    assert confirmed.verdict is Verdict.CONFIRMED
    doubted = judge("registration_date", "营业执照", FieldKind.DATE, first, _reads("二〇一六年三月十二日"))
    assert doubted.verdict is Verdict.DOUBTFUL


def test_a_doubt_covers_every_field_read_from_the_same_text() -> None:
    from extractor.second_look.stage import revised_context

    term = "2015年03月12日至2035年03月11日"
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE,
                              term_start=fld("2015-03-12", raw=term), term_end=fld("2035-03-11", raw=term))
    ctx = context(documents=documents)
    licence = next(d for d in ctx.documents if d.doc_type is DocType.BUSINESS_LICENSE)
    look = judge("term_start", "营业执照", FieldKind.DATE, licence.fields["term_start"], _reads("2016年03月12日至"))
    revised = next(d for d in revised_context(ctx, [look]).documents if d.doc_type is DocType.BUSINESS_LICENSE)
    assert revised.fields["term_start"].confidence == revised.fields["term_end"].confidence == 0.95 * DOUBT_FACTOR


def test_a_re_read_one_character_off_is_no_confirmation_even_of_a_long_address() -> None:
    first = fld("广州伟荔湾区黄沙大道170号穗新产业园25楼15房", raw="广州伟荔湾区黄沙大道170号穗新产业园25楼15房")
    again = _reads("新产州伟荔湾区黄沙大道170号穗新产业园25楼15房", "广州市荔湾区黄沙大道170号穗新产业园25楼15房")
    assert judge("registered_address", "营业执照", FieldKind.ADDRESS, first, again).verdict is Verdict.DOUBTFUL
    noisy_edges = _reads("住所：广州伟荔湾区黄沙大道170号穗新产业园25楼15房）", "")
    assert judge("registered_address", "营业执照", FieldKind.ADDRESS, first, noisy_edges).verdict is Verdict.CONFIRMED


def test_a_name_mixed_with_a_copy_certification_stamp_is_doubtful_however_often_it_reads_so() -> None:
    first = fld("本复印件与原伟申企业联投促进会", raw="本复印件与原伟申企业联投促进会")
    look = judge("entity_name", "法人证书", FieldKind.NAME, first, _reads("称本复印件与原伟申企业联投促进会"))
    assert look.verdict is Verdict.DOUBTFUL


def test_a_figure_is_confirmed_only_by_a_whole_figure_and_codes_fold_o_and_i() -> None:
    fragment = fld(30000.0, raw="3")  # a piece of -0.24 (万元) read as 3
    assert judge("total_profit", "利润表", FieldKind.MONEY, fragment,
                 _reads("-0.24 3.18", "-0.24")).verdict is Verdict.DOUBTFUL
    spaced = fld(29394490.27, raw="29,394,490.27")
    assert judge("total_liabilities", "资产负债表", FieldKind.MONEY, spaced,
                 _reads("29, 394. 490.27 28,000.00")).verdict is Verdict.CONFIRMED
    code = fld("9144011120MJC4GB0T", raw="9144011120MJC4GB0T")
    assert judge("credit_code", "营业执照", FieldKind.CODE, code,
                 _reads("信用代码9144011120MJC4GBOT")).verdict is Verdict.CONFIRMED


def test_an_illegible_re_read_cannot_confirm() -> None:
    fragment = fld(30000.0, raw="3", confidence=0.67)
    illegible = [Reading("琪", 0.094), Reading("3", 0.137)]
    assert judge("total_profit", "利润表", FieldKind.MONEY, fragment, illegible).verdict is Verdict.DOUBTFUL
    legible = [Reading("3", 0.93)]
    assert judge("total_profit", "利润表", FieldKind.MONEY, fragment, legible).verdict is Verdict.CONFIRMED


def test_a_re_read_cut_through_a_cell_abstains() -> None:
    first = fld(12317582.71, raw="12,317,582.71")
    cut = [Reading("12,317,.7", 0.791), Reading("12:317,32.71", 0.724)]
    assert judge("total_liabilities", "资产负债表", FieldKind.MONEY, first, cut).verdict is Verdict.CONFIRMED
    other = [Reading("12,817,582.71", 0.95), Reading("12:317,32.71", 0.724)]
    assert judge("total_liabilities", "资产负债表", FieldKind.MONEY, first, other).verdict is Verdict.DOUBTFUL


@pytest.mark.parametrize(("raw", "again"), [("155m", "面积为155m。"), ("340m2", "340m²"), ("340m2", "|340m²")])
def test_an_area_is_confirmed_by_its_figure_whatever_unit_letters_surround_it(raw: str, again: str) -> None:
    first = fld(float(raw.rstrip("m2")), raw=raw)
    look = judge("station_area", "申请表", FieldKind.AREA, first, _reads(again, again))
    assert look.verdict is Verdict.CONFIRMED


def test_an_area_read_otherwise_twice_is_corrected_from_its_figure() -> None:
    first = fld(155.0, raw="155m")
    look = judge("area", "租赁合同", FieldKind.AREA, first, _reads("面积为165m。", "165m²"))
    assert look.verdict is Verdict.CORRECTED and look.revised().value == 165.0


@pytest.mark.parametrize("again", [
    _reads("-7.77", "7.77"),                # the darkest-ink view drops a thin minus: one view shows it
    _reads("利润总额 -7.77", "(7.77)"),
])
def test_a_minus_sign_the_first_reading_lost_is_restored_by_a_confident_re_read(again: list[Reading]) -> None:
    first = fld(77700.0, raw="7.77")  # 万元 on the form: the small minus was not read
    look = judge("total_profit_2018", "申请表", FieldKind.MONEY, first, again)
    assert look.verdict is Verdict.CORRECTED and look.revised().value == -77700.0


def test_a_minus_read_unsurely_doubts_unless_outvoted_and_a_lost_bracket_never_flips_a_negative() -> None:
    first = fld(77700.0, raw="7.77")
    unsure = judge("total_profit_2018", "申请表", FieldKind.MONEY, first, [Reading("-7.77", 0.7)])
    assert unsure.verdict is Verdict.DOUBTFUL
    outvoted = judge("total_profit_2018", "申请表", FieldKind.MONEY, first, [Reading("-7.77", 0.7), Reading("7.77", 0.99)])
    assert outvoted.verdict is Verdict.CONFIRMED
    stub = judge("total_assets", "资产负债表", FieldKind.MONEY, fld(1625712.83, raw="1625712.83"),
                 _reads(" 1625712.83", '"- 1625712.83'))  # a rule's stub beside the cell, not a minus
    assert stub.verdict is Verdict.CONFIRMED
    positive = judge("total_profit_2018", "申请表", FieldKind.MONEY, first, _reads("7.77", "7 .77"))
    assert positive.verdict is Verdict.CONFIRMED
    negative = fld(-1423888.02, raw="(1,423,888.02)")
    look = judge("total_profit", "利润表", FieldKind.MONEY, negative, _reads("1,423,888.02", "1,423,888.02"))
    assert look.verdict is Verdict.CONFIRMED
