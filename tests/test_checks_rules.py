"""Each document rule on a minimal hand-made case: it fires when it must, and only then."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from extractor.checks import RULES, run_checks
from extractor.checks.registry import rule
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage
from schemas import DocType, FindingCode, Severity
from tests.test_checks_support import (
    clean_documents,
    clean_form,
    codes,
    context,
    fld,
    form_fld,
    replace_field,
    serious,
)


def _run(**kwargs):  # type: ignore[no-untyped-def]
    findings, _ = run_checks(context(**kwargs))
    return findings


@pytest.mark.parametrize(("name", "form_value", "licence_value"), [
    ("registration_date", "2015-03-12", "2016-03-12"),
    ("entity_name", "广州市天河区天华科技园管理有限公司", "广州市天河区天华科技园发展有限公司"),
    ("legal_representative", "王伟", "王玮"),
    ("credit_code", "91440101MA59U2LX0T", "91440101MA59U3LX0T"),
    ("registered_address", "广州市天河区天河路100号天华大厦5楼01房", "广州市天河区天河路101号天华大厦5楼01房"),
])
def test_form_vs_licence_mismatch(name: str, form_value: str, licence_value: str) -> None:
    form = clean_form() | {name: form_fld(form_value)}
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE, **{name: fld(licence_value)})
    found = [f for f in _run(form=form, documents=documents) if f.code is FindingCode.FIELD_MISMATCH]
    assert [(f.field, f.expected, f.found) for f in found] == [(name, form_value, licence_value)]
    assert found[0].severity is Severity.ERROR and found[0].evidence[0].page == 3
    assert form_value in found[0].message and licence_value in found[0].message


def test_a_doubtful_one_character_slip_in_a_name_is_a_remark_not_an_error() -> None:
    form = clean_form() | {"legal_representative": form_fld("常欣利")}
    doubtful = replace_field(clean_documents(), DocType.BUSINESS_LICENSE,
                             legal_representative=fld("常欣称", confidence=0.79))
    found = _run(form=form, documents=doubtful)
    assert serious(found) == []
    remark = [f for f in found if f.code is FindingCode.UNREADABLE_FIELD and f.field == "legal_representative"]
    assert len(remark) == 1 and remark[0].severity is Severity.INFO and "常欣称" in remark[0].message
    sure = replace_field(clean_documents(), DocType.BUSINESS_LICENSE, legal_representative=fld("常欣称"))
    assert codes(_run(form=form, documents=sure)) == [("field_mismatch", "legal_representative")]
    other_person = replace_field(clean_documents(), DocType.BUSINESS_LICENSE,
                                 legal_representative=fld("王建国", confidence=0.79))
    assert codes(_run(form=form, documents=other_person)) == [("field_mismatch", "legal_representative")]


def test_licence_formatting_differences_are_tolerated() -> None:
    form = clean_form() | {"entity_name": form_fld("广州市天河区天华科技园管理有限公司 "),
                           "registered_address": form_fld("天河区天河路１００号天华大厦5楼01房"),
                           "registration_date": form_fld("2015-03")}
    assert serious(_run(form=form)) == []


def test_form_money_within_rounding_of_wan_yuan_agrees() -> None:
    # 123.45 万元 on the form, 1,234,549.99 元 in the statement: same figure rounded.
    documents = replace_field(clean_documents(), DocType.INCOME_STATEMENT, revenue=fld(1234549.99))
    assert serious(_run(documents=documents)) == []


def test_form_money_beyond_rounding_is_a_mismatch() -> None:
    documents = replace_field(clean_documents(), DocType.INCOME_STATEMENT, revenue=fld(1235500.0))
    assert codes(_run(documents=documents)) == [("field_mismatch", "revenue_2018")]


def test_form_money_tolerance_follows_printed_decimals() -> None:
    # Printed as 123.5 万元, the form can only mean 1,230,000..1,240,000 元 at one decimal.
    form = clean_form() | {"revenue_2018": form_fld(1235000.0, raw="123.5")}
    documents = replace_field(clean_documents(), DocType.INCOME_STATEMENT, revenue=fld(1234512.0))
    assert serious(_run(form=form, documents=documents)) == []


def test_form_money_read_with_a_colon_for_its_point_keeps_its_printed_precision() -> None:
    # OCR gave 123:45 for 123.45 万元; the form still means ±50 元, not ±0.5 元.
    form = clean_form() | {"revenue_2018": form_fld(1234500.0, raw="123:45")}
    near = replace_field(clean_documents(), DocType.INCOME_STATEMENT, revenue=fld(1234523.29))
    assert serious(_run(form=form, documents=near)) == []
    far = replace_field(clean_documents(), DocType.INCOME_STATEMENT, revenue=fld(1234623.29))
    assert codes(_run(form=form, documents=far)) == [("field_mismatch", "revenue_2018")]


def test_total_assets_mismatch_names_form_field() -> None:
    documents = replace_field(clean_documents(), DocType.BALANCE_SHEET, total_assets=fld(6678912.34),
                              total_equity=fld(4678912.34))
    assert codes(_run(documents=documents)) == [("field_mismatch", "total_assets_2018")]


def test_statements_of_2019_are_not_compared_with_2018_figures() -> None:
    documents = replace_field(clean_documents(), DocType.INCOME_STATEMENT, period_start=fld("2019-01-01"),
                              period_end=fld("2019-04-30"), revenue=fld(99.0))
    assert serious(_run(documents=documents)) == []


def test_station_area_tolerance() -> None:
    near = replace_field(clean_documents(), DocType.LEASE_CONTRACT, area=fld(120.5))
    assert serious(_run(documents=near)) == []
    far = replace_field(clean_documents(), DocType.LEASE_CONTRACT, area=fld(150.0))
    found = serious(_run(documents=far))
    assert [(f.code, f.field, f.expected, f.found) for f in found] == [
        (FindingCode.FIELD_MISMATCH, "station_area", 120.0, 150.0)]


def test_low_confidence_value_is_unreadable_not_mismatch() -> None:
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE,
                              registration_date=fld("2016-08-12", confidence=0.4))
    findings = _run(documents=documents)
    assert serious(findings) == []
    remarks = [f for f in findings if f.field == "registration_date"]
    assert len(remarks) == 1 and remarks[0].code is FindingCode.UNREADABLE_FIELD
    assert remarks[0].severity is Severity.INFO and remarks[0].evidence


@pytest.mark.parametrize(("dropped", "material"), [
    ({DocType.BUSINESS_LICENSE}, "business_license"),
    ({DocType.LEASE_CONTRACT}, "premises_proof"),
    ({DocType.BALANCE_SHEET, DocType.INCOME_STATEMENT}, "financial_statements"),
    ({DocType.DIPLOMA, DocType.TITLE_CERTIFICATE}, "staff_certificate"),
])
def test_missing_document(dropped: set[DocType], material: str) -> None:
    documents = [d for d in clean_documents() if d.doc_type not in dropped]
    assert ("missing_document", material) in codes(_run(documents=documents))


def test_missing_form_only_when_no_form_at_all() -> None:
    no_scan = [d for d in clean_documents() if d.doc_type is not DocType.APPLICATION_FORM]
    assert ("missing_document", "application_form") not in codes(_run(documents=no_scan))
    found = codes(_run(documents=no_scan, source="none", form={}))
    assert ("missing_document", "application_form") in found


def test_one_premises_or_statement_kind_is_enough() -> None:
    documents = [d for d in clean_documents() if d.doc_type is not DocType.BALANCE_SHEET]
    assert not [c for c in codes(_run(documents=documents)) if c[0] == "missing_document"]


def test_registered_too_late_uses_licence() -> None:
    form = clean_form() | {"registration_date": form_fld("2018-01-01")}
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE, registration_date=fld("2018-01-01"),
                              term_start=fld("2018-01-01"), issue_date=fld("2018-01-05"))
    assert codes(_run(form=form, documents=documents)) == [("registered_too_late", "registration_date")]
    day_before = replace_field(clean_documents(), DocType.BUSINESS_LICENSE, registration_date=fld("2017-12-31"),
                               term_start=fld("2017-12-31"), issue_date=fld("2018-01-02"))
    form = clean_form() | {"registration_date": form_fld("2017-12-31")}
    assert serious(_run(form=form, documents=day_before)) == []


def test_registered_too_late_falls_back_to_form() -> None:
    documents = [d for d in clean_documents() if d.doc_type is not DocType.BUSINESS_LICENSE]
    form = clean_form() | {"registration_date": form_fld("2018-03-01")}
    assert ("registered_too_late", "registration_date") in codes(_run(form=form, documents=documents))


@pytest.mark.parametrize(("address", "outside"), [
    ("广东省佛山市南海区桂城街道南海大道北1号", True),
    ("东莞市南城街道鸿福路88号", True),
    ("广州市南海区桂城街道1号", True),
    ("广州市番禺区市桥街清河东路1号", False),
    ("黄埔区科学大道18号", False),
])
def test_not_registered_in_guangzhou(address: str, outside: bool) -> None:
    form = clean_form() | {"registered_address": form_fld(address)}
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE, registered_address=fld(address))
    found = codes(_run(form=form, documents=documents))
    assert (("not_registered_in_guangzhou", "registered_address") in found) is outside
    assert ("field_mismatch", "registered_address") not in found


@pytest.mark.parametrize(("count", "fires"), [(0, True), (1, False), (3, False), (4, True), (6, True)])
def test_staff_count_range(count: int, fires: bool) -> None:
    form = clean_form() | {"staff_fulltime": form_fld(count), "staff_fulltime_qualified": form_fld(min(count, 2))}
    found = codes(_run(form=form))
    assert (("staff_count_out_of_range", "staff_fulltime") in found) is fires


def test_staff_qualification_shortfall_counts_distinct_qualified_people() -> None:
    form = clean_form() | {"staff_fulltime": form_fld(3), "staff_fulltime_qualified": form_fld(3)}
    found = [f for f in _run(form=form) if f.code is FindingCode.STAFF_QUALIFICATION_SHORTFALL]
    assert [(f.field, f.expected, f.found) for f in found] == [("staff_fulltime_qualified", 3, 2)]
    # A junior title does not qualify, and one person's two certificates count once.
    documents = replace_field(clean_documents(), DocType.TITLE_CERTIFICATE, holder_name=fld("李娜"))
    found = codes(_run(documents=documents))
    assert found == [("staff_qualification_shortfall", "staff_fulltime_qualified")]
    documents = replace_field(clean_documents(), DocType.TITLE_CERTIFICATE, title_level=fld("junior"))
    assert codes(_run(documents=documents)) == [("staff_qualification_shortfall", "staff_fulltime_qualified")]


def test_unreadable_certificate_level_gets_benefit_of_doubt() -> None:
    documents = replace_field(clean_documents(), DocType.TITLE_CERTIFICATE, title_level=fld("senior", 0.3))
    findings = _run(documents=documents)
    assert serious(findings) == []
    assert any(f.code is FindingCode.UNREADABLE_FIELD and f.field == "title_level" for f in findings)


@pytest.mark.parametrize(("start", "end", "fires"), [
    ("2017-01-01", "2017-12-31", True),
    ("2018-01-01", "2018-06-30", True),
    ("2019-01-01", "2019-04-30", False),
    ("2019-01-01", "2019-05-31", True),
    ("2018-07-01", "2018-12-31", True),
])
def test_financial_period(start: str, end: str, fires: bool) -> None:
    documents = replace_field(clean_documents(), DocType.INCOME_STATEMENT, period_start=fld(start),
                              period_end=fld(end))
    documents = replace_field(documents, DocType.BALANCE_SHEET, period_end=fld(end))
    found = codes(_run(documents=documents))
    assert (("financial_period_invalid", "period_end") in found) is fires


def test_lease_expired_before_submission() -> None:
    documents = replace_field(clean_documents(), DocType.LEASE_CONTRACT, term_end=fld("2019-05-31"))
    found = [f for f in _run(documents=documents) if f.code is FindingCode.PREMISES_NOT_COVERED]
    assert [(f.field, f.found) for f in found] == [("term_end", "2019-05-31")]
    documents = replace_field(clean_documents(), DocType.LEASE_CONTRACT, term_end=fld("2019-06-12"))
    assert serious(_run(documents=documents)) == []


@pytest.mark.parametrize(("premises", "covered"), [
    ("广州市天河区天河路100号天华大厦5楼01房", True),
    ("天河区天河路100号天华大厦5楼01房", True),
    ("广东省广州市天河区天河路100号天华大厦", True),
    ("广州市天河区天河路100号天华大厦6楼01房", False),
    ("广州市海珠区新港东路88号万科广场1201室", False),
])
def test_premises_address_covers_station(premises: str, covered: bool) -> None:
    documents = replace_field(clean_documents(), DocType.LEASE_CONTRACT, premises_address=fld(premises))
    found = codes(_run(documents=documents))
    assert (("premises_not_covered", "station_address") not in found) is covered


def test_property_certificate_used_without_lease() -> None:
    documents = [d for d in clean_documents() if d.doc_type is not DocType.LEASE_CONTRACT]
    from tests.test_checks_support import doc
    documents.append(doc(9, DocType.PROPERTY_CERTIFICATE, 8, premises_address=fld("广州市越秀区北京路1号"),
                         area=fld(120.0)))
    assert codes(_run(documents=documents)) == [("premises_not_covered", "station_address")]


def test_invalid_credit_code_on_licence_and_form() -> None:
    broken = "91440101MA59U2LX0A"
    form = clean_form() | {"credit_code": form_fld(broken)}
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE, credit_code=fld(broken))
    found = [f for f in _run(form=form, documents=documents) if f.severity is not Severity.INFO]
    assert [(f.code, f.field) for f in found] == [(FindingCode.INVALID_CREDIT_CODE, "credit_code")]
    assert found[0].severity is Severity.WARNING
    assert "营业执照、申请表" in found[0].message and len(found[0].evidence) == 1  # the form has no page


@pytest.mark.parametrize(("number", "birth", "fires"), [
    ("440106198802030028", "1988-02-03", False),
    ("440106198802030021", "1988-02-03", True),    # wrong check digit
    ("440106198802030028", "1988-03-02", True),    # card's birth date disagrees with the number
    ("440106201502030024", "2015-02-03", True),    # a nine-year-old full-time employee
])
def test_invalid_id_number(number: str, birth: str, fires: bool) -> None:
    documents = replace_field(clean_documents(), DocType.ID_CARD, id_number=fld(number), birth_date=fld(birth))
    # The diploma carries its own birth date, so the graduation-age rule is not confused by the card.
    found = codes(_run(documents=documents))
    assert (("invalid_id_number", "id_number") in found) is fires


def test_balance_sheet_unbalanced_with_unit_awareness() -> None:
    off = replace_field(clean_documents(), DocType.BALANCE_SHEET, total_equity=fld(3678910.00))
    found = [f for f in _run(documents=off) if f.code is FindingCode.BALANCE_SHEET_UNBALANCED]
    assert [(f.field, f.found) for f in found] == [("total_assets", 5678912.34)]
    # Printed in 万元 with two decimals, three figures may be 150 yuan apart by rounding alone.
    wan = replace_field(clean_documents(), DocType.BALANCE_SHEET, total_assets=fld(5678900.0, raw="567.89"),
                        total_liabilities=fld(2000000.0, raw="200.00"), total_equity=fld(3678800.0, raw="367.88"))
    assert not [f for f in _run(documents=wan) if f.code is FindingCode.BALANCE_SHEET_UNBALANCED]


def test_income_statement_chain_from_fields() -> None:
    broken = replace_field(clean_documents(), DocType.INCOME_STATEMENT, net_profit=fld(185860.0))
    found = [f for f in _run(documents=broken) if f.code is FindingCode.INCOME_STATEMENT_INCONSISTENT]
    assert [(f.field, f.expected, f.found) for f in found] == [("total_profit", 175860.0, 185860.0)]


@pytest.mark.parametrize(("doc_type", "fields", "field"), [
    (DocType.BUSINESS_LICENSE, {"issue_date": "2014-01-01"}, "issue_date"),
    (DocType.LEASE_CONTRACT, {"signing_date": "2021-01-05"}, "signing_date"),
    (DocType.LEASE_CONTRACT, {"term_start": "2021-01-01"}, "term_end"),
    (DocType.DIPLOMA, {"graduation_date": "2000-06-30"}, "graduation_date"),
    (DocType.TITLE_CERTIFICATE, {"issue_date": "2019-07-01"}, "issue_date"),
])
def test_date_inconsistent(doc_type: DocType, fields: dict[str, str], field: str) -> None:
    documents = replace_field(clean_documents(), doc_type, **{k: fld(v) for k, v in fields.items()})
    found = [f for f in _run(documents=documents) if f.code is FindingCode.DATE_INCONSISTENT]
    assert [f.field for f in found] == [field]
    assert found[0].severity is Severity.WARNING and found[0].evidence


def test_graduation_age_uses_matching_id_card() -> None:
    documents = clean_documents()
    diploma = next(d for d in documents if d.doc_type is DocType.DIPLOMA)
    del diploma.fields["birth_date"]
    documents = replace_field(documents, DocType.DIPLOMA, graduation_date=fld("1999-07-01"))
    found = codes(_run(documents=documents))
    assert found == [("date_inconsistent", "graduation_date")]


def test_every_rule_reports_a_check_run_and_codes_are_covered() -> None:
    _, runs = run_checks(context())
    assert [r.check for r in runs] == [r.name for r in RULES]
    covered = {r.code for r in RULES}
    assert covered | {FindingCode.DUPLICATE_ACROSS_SUBMISSIONS} == set(FindingCode)


def test_duplicate_rule_name_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        rule(RULES[0].name, FindingCode.FIELD_MISMATCH)(RULES[0].run)


def test_submission_date_matters() -> None:
    late = context(submitted=datetime.date(2021, 2, 1))
    findings, _ = run_checks(late)
    assert ("premises_not_covered", "term_end") in codes(findings)


def _statement_page(page: int = 10) -> ReadPage:
    image = np.full((40, 30, 3), 255, np.uint8)
    source = SourcePage(file="binder.pdf", page=page, image=image, dpi=150)
    return ReadPage(NormalizedPage(source, image, image[:, :, 0], 0, 0.0), PageText([], "rapidocr"))


@pytest.mark.parametrize(("operating", "fires"), [(230000.0, False), (250000.0, True)])
def test_income_chain_from_table_items(monkeypatch: pytest.MonkeyPatch, operating: float, fires: bool) -> None:
    from extractor.checks import statements
    items = {"营业利润": fld(operating, page=10), "营业外收入": fld(5000.0, page=10),
             "营业外支出": fld(520.0, page=10), "利润总额": fld(1.0, 0.3, page=10)}
    monkeypatch.setattr(statements, "_statement_amount_reader", lambda: lambda pages: items)
    findings, runs = run_checks(context(pages=(_statement_page(),)))
    found = [f for f in findings if f.code is FindingCode.INCOME_STATEMENT_INCONSISTENT]
    assert bool(found) is fires
    assert "2 profit chain" in next(r.detail for r in runs if r.check == "income_statement_chain")
    if fires:  # the extractor's 利润总额 (234,480) wins over the table's unreadable one
        assert (found[0].expected, found[0].found) == (254480.0, 234480.0)


@pytest.mark.parametrize(("grand_total", "fires"), [(5678912.34, False), (5498912.34, True), (None, False)])
def test_an_unreadable_side_is_balanced_against_the_printed_grand_total(
        monkeypatch: pytest.MonkeyPatch, grand_total: float | None, fires: bool) -> None:
    from extractor.checks import statements
    items = {} if grand_total is None else {"负债和所有者权益总计": fld(grand_total, page=9)}
    monkeypatch.setattr(statements, "_statement_amount_reader", lambda: lambda pages: items)
    sheet_without_liabilities = clean_documents()
    del next(d for d in sheet_without_liabilities if d.doc_type is DocType.BALANCE_SHEET).fields["total_liabilities"]
    findings, runs = run_checks(context(documents=sheet_without_liabilities, pages=(_statement_page(9),)))
    found = [f for f in findings if f.code is FindingCode.BALANCE_SHEET_UNBALANCED]
    assert [(f.expected, f.found) for f in found] == ([(5498912.34, 5678912.34)] if fires else [])
    run = next(r for r in runs if r.check == "balance_sheet_balances")
    remarked = {f.field for f in findings if f.code is FindingCode.UNREADABLE_FIELD}
    if grand_total is None:
        assert run.status == "skipped" and "total_liabilities" in remarked
    else:
        assert run.status == "ran" and "负债和所有者权益总计" in run.detail and "total_liabilities" not in remarked


@pytest.mark.parametrize(("number", "raw", "confidence", "expected"), [
    # Read exactly as printed, only the check digit fails: the extractor's 0.3 factor is not doubt.
    ("440106198802030021", "440106198802030021", round(0.95 * 0.3, 3), "invalid_id_number"),
    # A doubtful OCR read (low confidence before the check factor) stays unreadable.
    ("440106198802030021", "440106198802030021", round(0.5 * 0.3, 3), "unreadable_field"),
    # Wrong length: not a code the rule can judge.
    ("44010619880203002", "44010619880203002", round(0.95 * 0.3, 3), "unreadable_field"),
])
def test_id_number_failing_check_digit_is_invalid_not_unreadable(
        number: str, raw: str, confidence: float, expected: str) -> None:
    documents = replace_field(clean_documents(), DocType.ID_CARD,
                              id_number=fld(number, confidence, raw=raw), birth_date=fld("1988-02-03"))
    found = [(str(f.code), f.field) for f in _run(documents=documents)]
    assert (expected, "id_number") in found
    if expected == "unreadable_field":
        assert ("invalid_id_number", "id_number") not in found


def test_credit_code_failing_check_char_is_invalid_not_unreadable() -> None:
    broken = "91440101MA59U2LX0A"
    documents = replace_field(clean_documents(), DocType.BUSINESS_LICENSE,
                              credit_code=fld(broken, round(0.9 * 0.3, 3), raw=broken))
    found = [(str(f.code), f.field) for f in _run(documents=documents)]
    assert ("invalid_credit_code", "credit_code") in found


@pytest.mark.parametrize("fields", [
    {"total_profit": -1431247.07, "income_tax": 0.0, "net_profit": 1431247.07},  # net profit's minus lost
    {"total_profit": 234480.0, "income_tax": 58620.0, "net_profit": -175860.0},  # a stray minus
    {"total_profit": -234480.0, "income_tax": 58620.0, "net_profit": -175860.0},  # a loss with a tax refund misread
])
def test_income_statement_chain_tolerates_one_lost_sign(fields: dict[str, float]) -> None:
    documents = replace_field(clean_documents(), DocType.INCOME_STATEMENT,
                              **{name: fld(value) for name, value in fields.items()})
    findings, runs = run_checks(context(documents=documents))
    assert not [f for f in findings if f.code is FindingCode.INCOME_STATEMENT_INCONSISTENT]
    run = next(r for r in runs if r.check == "income_statement_chain")
    assert "sign" in run.detail
