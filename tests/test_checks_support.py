"""Builders of hand-made submissions for the check tests, and a test that the clean one is clean."""

from __future__ import annotations

import datetime
from typing import Any

from extractor.checks import CheckContext, run_checks
from schemas import Application, DocType, DocumentEntry, ExtractedField, PageEntry, PageRef, Severity
from schemas.findings import Finding

SUBMITTED = datetime.date(2019, 6, 12)


def fld(value: Any, confidence: float = 0.95, *, page: int = 1, file: str = "binder.pdf",
        bbox: tuple[float, float, float, float] | None = (0.2, 0.3, 0.5, 0.33),
        raw: str | None = None) -> ExtractedField:
    return ExtractedField(value=value, confidence=confidence, file=file, page=page, bbox=bbox, raw=raw)


def form_fld(value: Any, confidence: float = 1.0, raw: str | None = None) -> ExtractedField:
    """A value from the editable .docx form: no page, no region."""
    return ExtractedField(value=value, confidence=confidence, file="申请表.docx", raw=raw)


def doc(index: int, doc_type: DocType, page: int, **fields: ExtractedField) -> DocumentEntry:
    placed = {name: value.model_copy(update={"page": page}) if value.file == "binder.pdf" else value
              for name, value in fields.items()}
    return DocumentEntry(index=index, doc_type=doc_type, pages=[PageRef(file="binder.pdf", page=page)],
                         fields=placed)


def clean_form() -> dict[str, ExtractedField]:
    return {
        "entity_name": form_fld("广州市天河区天华科技园管理有限公司"),
        "registration_date": form_fld("2015-03-12"),
        "legal_representative": form_fld("王伟"),
        "registered_address": form_fld("广州市天河区天河路100号天华大厦5楼01房"),
        "credit_code": form_fld("91440101MA59U2LX0T"),
        "revenue_2018": form_fld(1234500.0, raw="123.45"),
        "total_profit_2018": form_fld(234500.0, raw="23.45"),
        "total_assets_2018": form_fld(5678900.0, raw="567.89"),
        "staff_fulltime": form_fld(2),
        "staff_fulltime_qualified": form_fld(2),
        "station_area": form_fld(120.0),
        "station_address": form_fld("广州市天河区天河路100号天华大厦5楼01房"),
    }


def clean_documents() -> list[DocumentEntry]:
    return [
        doc(1, DocType.APPLICATION_FORM, 1),
        doc(2, DocType.BUSINESS_LICENSE, 3,
            credit_code=fld("91440101MA59U2LX0T"), entity_name=fld("广州市天河区天华科技园管理有限公司"),
            legal_representative=fld("王 伟"), registration_date=fld("2015-03-12"),
            registered_address=fld("广东省广州市天河区天河路100號天华大厦5楼01房"),
            issue_date=fld("2016-05-20"), term_start=fld("2015-03-12")),
        doc(3, DocType.DIPLOMA, 4, holder_name=fld("李娜"), education_level=fld("bachelor"),
            birth_date=fld("1988-02-03"), graduation_date=fld("2010-06-30"), certificate_no=fld("105581201005001234")),
        doc(4, DocType.TITLE_CERTIFICATE, 5, holder_name=fld("张强"), title_level=fld("intermediate"),
            issue_date=fld("2014-12-01"), certificate_no=fld("粤中2014000123")),
        doc(5, DocType.ID_CARD, 6, holder_name=fld("李娜"), id_number=fld("440106198802030028"),
            birth_date=fld("1988-02-03")),
        doc(6, DocType.LEASE_CONTRACT, 7, premises_address=fld("广州市天河区天河路100号天华大厦5楼01房"),
            area=fld(120.3), term_start=fld("2018-01-01"), term_end=fld("2020-12-31"),
            signing_date=fld("2017-12-20")),
        doc(7, DocType.BALANCE_SHEET, 9, period_end=fld("2018-12-31"), total_assets=fld(5678912.34),
            total_liabilities=fld(2000000.00), total_equity=fld(3678912.34)),
        doc(8, DocType.INCOME_STATEMENT, 10, period_start=fld("2018-01-01"), period_end=fld("2018-12-31"),
            revenue=fld(1234512.00), total_profit=fld(234480.00), income_tax=fld(58620.00),
            net_profit=fld(175860.00)),
    ]


def context(form: dict[str, ExtractedField] | None = None, documents: list[DocumentEntry] | None = None,
            *, source: str = "docx", submitted: datetime.date = SUBMITTED, pages: tuple = ()) -> CheckContext:
    documents = clean_documents() if documents is None else documents
    entries = [PageEntry(file=ref.file, page=ref.page, doc_type=d.doc_type, confidence=0.9, document=d.index)
               for d in documents for ref in d.pages]
    return CheckContext(application=Application(source=source, fields=clean_form() if form is None else form),
                        documents=documents, page_entries=entries, pages=pages, submission_date=submitted)


def replace_field(documents: list[DocumentEntry], doc_type: DocType, **fields: ExtractedField) -> list[DocumentEntry]:
    target = next(d for d in documents if d.doc_type is doc_type)
    target.fields.update({name: value.model_copy(update={"page": target.pages[0].page})
                          for name, value in fields.items()})
    return documents


def serious(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO]


def codes(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(str(f.code), f.field) for f in serious(findings)]


def test_clean_submission_is_clean_and_every_rule_ran() -> None:
    findings, runs = run_checks(context())
    assert serious(findings) == []
    ran = {run.check: run.status for run in runs}
    image_rules = {"regions_untampered", "copies_bear_seal"}
    assert all(status == "ran" for name, status in ran.items() if name not in image_rules), runs
    assert all(ran[name] == "skipped" for name in image_rules)


def test_one_chinese_character_slip_in_a_long_text_is_ocr_not_substance() -> None:
    from extractor.checks.compare import one_ocr_slip

    assert one_ocr_slip("海珠区南洲路744号创源科技园自编11号", "海珠区南洲路744号创源科技园白编11号")
    assert not one_ocr_slip("海珠区南洲路744号创源科技园自编11号", "海珠区南洲路744号创源科技园自编12号")
    assert not one_ocr_slip("张伟", "张纬")  # short names: one character is the whole difference
    assert not one_ocr_slip("广州市天河区示例科技有限公司", "广州市天河区样例技术有限公司")
