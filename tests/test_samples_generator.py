"""The sample generator: deterministic, every doc_type and finding code producible, truth consistent."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from stdnum.cn import ric, uscc

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samples.generator import FINDING_CODES, generate_batch, generate_submission  # noqa: E402
from samples.generator.build import build_submission  # noqa: E402
from samples.generator.model import SEVERITY, to_json_value  # noqa: E402
from samples.generator.plants import DuplicateRegistry, apply_plants  # noqa: E402
from samples.generator.scan import degrade  # noqa: E402
from samples.generator.writer import _render_document  # noqa: E402
from samples.generator.fonts import FONT_SETS  # noqa: E402

# Copied from SPEC.md on purpose: the generator must not define the contract it is tested against.
SPEC_DOC_TYPES = {"application_form", "business_license", "legal_person_certificate", "diploma", "title_certificate",
                  "qualification_certificate", "id_card", "lease_contract", "property_certificate", "balance_sheet",
                  "income_statement", "cash_flow_statement", "service_record", "other"}
SPEC_APPLICATION_FIELDS = {
    "entity_name", "office_address", "entity_category", "industry", "registration_date", "entity_nature",
    "legal_representative", "registered_address", "postal_code", "credit_code", "contact_name", "contact_phone",
    "contact_email", "park_opening", "enterprises_served", "station_name", "staff_fulltime",
    "staff_fulltime_qualified", "staff_parttime", "station_area", "station_address", "station_head",
    "station_head_phone", "station_head_email", "station_head_education",
} | {f"{k}_{y}" for y in (2017, 2018) for k in ("revenue", "service_revenue", "total_assets", "total_profit",
                                                 "taxes_paid", "smes_served")}
SPEC_DOC_FIELDS = {
    "business_license": {"credit_code", "entity_name", "entity_type", "legal_representative", "registered_capital",
                         "registration_date", "term_start", "term_end", "registered_address", "issuing_authority",
                         "issue_date"},
    "diploma": {"holder_name", "birth_date", "school", "major", "education_level", "graduation_date", "certificate_no"},
    "title_certificate": {"holder_name", "title", "title_level", "issue_date", "certificate_no", "issuing_authority"},
    "qualification_certificate": {"holder_name", "qualification", "certificate_no", "issue_date"},
    "id_card": {"holder_name", "id_number", "birth_date", "address"},
    "lease_contract": {"lessor", "lessee", "premises_address", "area", "term_start", "term_end", "monthly_rent",
                       "signing_date"},
    "property_certificate": {"owner", "premises_address", "area", "certificate_no"},
    "balance_sheet": {"entity_name", "period_end", "total_assets", "total_liabilities", "total_equity"},
    "income_statement": {"entity_name", "period_start", "period_end", "revenue", "total_profit", "income_tax",
                         "net_profit"},
}
SPEC_DOC_FIELDS["legal_person_certificate"] = SPEC_DOC_FIELDS["business_license"]
SPEC_CODES = {"field_mismatch", "missing_document", "registered_too_late", "not_registered_in_guangzhou",
              "staff_count_out_of_range", "staff_qualification_shortfall", "financial_period_invalid",
              "premises_not_covered", "invalid_credit_code", "invalid_id_number", "balance_sheet_unbalanced",
              "income_statement_inconsistent", "date_inconsistent", "duplicate_across_submissions",
              "possible_tampering", "missing_seal", "unreadable_field"}


def _truth(folder: Path) -> dict:
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _models(n: int, plants: list[str] | None = None) -> list:
    subs = []
    for seed in range(n):
        rng = random.Random(seed)
        sub = build_submission(rng, f"m{seed}", seed)
        if plants:
            apply_plants(sub, plants, rng)
        subs.append(sub)
    return subs


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("all")
    return [_truth(f) for f in generate_batch(out, 4, seed=11, problems="all", scan_profile="mixed")]


def test_same_seed_gives_identical_truth_and_files(tmp_path: Path) -> None:
    a = generate_submission(tmp_path / "a", 7, problems=["field_mismatch"], scan_profile="clean", name="s")
    b = generate_submission(tmp_path / "b", 7, problems=["field_mismatch"], scan_profile="clean", name="s")
    assert _truth(a) == _truth(b)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    scans = [f for f in files if f.suffix in (".pdf", ".tif", ".jpg", ".png")]
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in scans)
    first, second = _models(2)
    assert first.form != second.form, "different seeds give different submissions"


def test_batch_all_plants_every_finding_code(batch: list[dict]) -> None:
    codes = {f["code"] for t in batch for f in t["findings"]}
    assert codes == SPEC_CODES == set(FINDING_CODES)
    for t in batch:
        for f in t["findings"]:
            assert f["severity"] == SEVERITY[f["code"]]
            if f["code"] in ("possible_tampering", "unreadable_field"):
                x0, y0, x1, y1 = f["bbox"]
                assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
                assert any(p["file"] == f["file"] and p["page"] == f["page"] for p in t["pages"])
    dup = [t["submission"] for t in batch if any(f["code"] == "duplicate_across_submissions" for f in t["findings"])]
    assert len(dup) >= 2, "a duplicate is recorded in both submissions"


def test_truth_shape_and_names_follow_spec(batch: list[dict]) -> None:
    for t in batch:
        assert set(t) == {"submission", "seed", "submission_date", "district", "files", "pages", "documents",
                          "application", "findings", "planted"}
        assert t["application"]["source"] in ("docx", "xlsx", "scan")
        assert set(t["application"]["fields"]) <= SPEC_APPLICATION_FIELDS
        for page in t["pages"]:
            assert page["doc_type"] in SPEC_DOC_TYPES and page["rotation"] in (0, 90, 180, 270)
            assert page["file"] in t["files"] and page["font"] not in ("AR PL SungtiL GB", "AR PL KaitiM GB")
        for doc in t["documents"]:
            assert doc["doc_type"] in SPEC_DOC_TYPES
            assert set(doc["fields"]) <= SPEC_DOC_FIELDS.get(doc["doc_type"], set())
            assert doc["pages"], f"{doc['doc_type']} has no page"
        for f in t["findings"]:
            assert f["code"] in SPEC_CODES
        for file in t["files"]:
            assert file.endswith((".pdf", ".tif", ".jpg", ".png", ".docx", ".xlsx"))


def test_every_doc_type_is_generated_and_renders() -> None:
    seen = {}
    for sub in _models(150):
        for doc in sub.documents:
            seen.setdefault(doc.doc_type, (sub, doc))
    assert set(seen) == SPEC_DOC_TYPES
    sub0 = seen["application_form"][0]
    from samples.generator.form_layout import form_style
    sub0.form_extra["style"] = form_style(random.Random(0))
    for doc_type, (sub, doc) in seen.items():
        sub.form_extra.setdefault("style", sub0.form_extra["style"])
        pages = _render_document(doc, sub, FONT_SETS["default"][0], random.Random(1))
        assert pages and all(p.doc_type == doc_type for p in pages)
    scan = degrade(pages[0].img, random.Random(2), "hard")
    assert scan.rotation in (0, 90, 180, 270) and scan.image.size[0] > 1000


def _check_clean(sub) -> None:
    form = sub.form
    docs = {d.doc_type: d for d in sub.documents}
    lic = docs.get("business_license") or docs.get("legal_person_certificate")
    for key in ("entity_name", "legal_representative", "registration_date", "registered_address"):
        assert form[key] == lic.fields[key], key
    if "credit_code" in form and "credit_code" in lic.fields:
        assert form["credit_code"] == lic.fields["credit_code"]
    assert to_json_value(form["registration_date"]) < "2018-01-01"
    assert lic.fields["registered_address"].startswith("广州市")
    assert lic.fields["issue_date"] >= lic.fields["registration_date"]
    assert 1 <= form["staff_fulltime"] <= 3
    premises = docs.get("lease_contract") or docs["property_certificate"]
    assert premises.fields["premises_address"] == form["station_address"]
    assert premises.fields["area"] == form["station_area"]
    if premises.doc_type == "lease_contract":
        assert premises.fields["term_start"] <= sub.submission_date <= premises.fields["term_end"]
        assert premises.fields["signing_date"] <= premises.fields["term_start"]
    bs, inc = docs["balance_sheet"], docs["income_statement"]
    assert to_json_value(bs.fields["period_end"]) in ("2018-12-31", "2019-04-30")
    if bs.fields["period_end"].year == 2018:
        assert abs(inc.fields["revenue"] - form["revenue_2018"]) <= 50
        assert abs(inc.fields["total_profit"] - form["total_profit_2018"]) <= 50
        assert abs(bs.fields["total_assets"] - form["total_assets_2018"]) <= 50
    qualified = sum(1 for m in sub.entity["staff"] if m["qualified"])
    assert form["staff_fulltime_qualified"] <= qualified
    for doc in sub.documents:
        if doc.doc_type == "diploma":
            assert (doc.fields["graduation_date"] - doc.fields["birth_date"]).days > 17 * 365


def test_clean_models_are_truly_clean() -> None:
    for sub in _models(120):
        _check_clean(sub)
        assert not sub.findings


def test_codes_valid_and_statements_balance_unless_planted(batch: list[dict]) -> None:
    truths = batch + [json.loads(json.dumps(_as_truth(s))) for s in _models(60, None)]
    for t in truths:
        planted = {f["code"] for f in t["findings"]}
        for doc in t["documents"]:
            f = doc["fields"]
            if "credit_code" in f and "invalid_credit_code" not in planted:
                assert uscc.is_valid(f["credit_code"]), f["credit_code"]
            if "id_number" in f and "invalid_id_number" not in planted:
                assert ric.is_valid(f["id_number"]), f["id_number"]
            if doc["doc_type"] == "balance_sheet" and "balance_sheet_unbalanced" not in planted:
                assert abs(f["total_assets"] - f["total_liabilities"] - f["total_equity"]) < 0.005
            if doc["doc_type"] == "income_statement" and "income_statement_inconsistent" not in planted:
                assert abs(f["total_profit"] - f["income_tax"] - f["net_profit"]) < 0.005


def _as_truth(sub) -> dict:
    return {"findings": [f.to_json() for f in sub.findings],
            "documents": [{"doc_type": d.doc_type, "fields": {k: to_json_value(v) for k, v in d.fields.items()}}
                          for d in sub.documents]}


@pytest.mark.parametrize("code", sorted(SPEC_CODES - {"duplicate_across_submissions"}))
def test_each_plant_applies_on_some_model_and_breaks_what_it_says(code: str) -> None:
    applied = [s for s in _models(12, [code]) if s.planted]
    assert applied, f"{code} never applied"
    for sub in applied:
        assert {f.code for f in sub.findings} >= {code}
        if code == "invalid_credit_code":
            lic = next(d for d in sub.documents if "credit_code" in d.fields)
            assert not uscc.is_valid(lic.fields["credit_code"]) and sub.form["credit_code"] == lic.fields["credit_code"]
        if code == "invalid_id_number":
            ids = [d.fields["id_number"] for d in sub.documents if d.doc_type == "id_card"]
            assert any(not ric.is_valid(i) for i in ids)
        if code == "registered_too_late":
            assert to_json_value(sub.form["registration_date"]) >= "2018-01-01"


def test_duplicate_needs_an_earlier_submission() -> None:
    registry = DuplicateRegistry()
    first, second = _models(2)
    assert apply_plants(first, ["duplicate_across_submissions"], random.Random(0), registry) == \
        ["duplicate_across_submissions"]
    registry.record(first, Path("/nonexistent/first"))
    assert apply_plants(second, ["duplicate_across_submissions"], random.Random(0), registry) == []
    ids_first = {m["id_number"] for m in first.entity["staff"]}
    assert any(m["id_number"] in ids_first for m in second.entity["staff"])


def test_cli_rejects_bad_arguments_with_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "samples.generator", "--out", str(tmp_path), "--count", "1",
                          "--problems", "no_such_code"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "no_such_code" in run.stderr


PACKETS = ROOT / "samples" / "packets"


@pytest.mark.parametrize("name", ["clean-01", "problems-01", "photo-01"])
def test_committed_packets_are_what_the_readme_says(name: str) -> None:
    folder = PACKETS / name
    truth = _truth(folder)
    assert sorted(truth["files"]) == sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                                            if p.is_file() and p.name != "truth.json")
    assert sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) < 3.2e6
    codes = {f["code"] for f in truth["findings"]}
    fields = truth["application"]["fields"]
    if name == "clean-01":
        assert not codes and truth["application"]["source"] == "docx"
        import docx
        text = "\n".join(c.text for row in docx.Document(str(folder / "申请表.docx")).tables[0].rows for c in row.cells)
        assert fields["entity_name"] in text and f"{fields['revenue_2018'] / 10000:.2f}" in text
    elif name == "problems-01":
        assert truth["application"]["source"] == "xlsx" and 4 <= len(codes) <= 6
        assert {"field_mismatch", "invalid_credit_code", "balance_sheet_unbalanced"} <= codes
        assert codes & {"missing_seal", "premises_not_covered"}
        import openpyxl
        sheet = openpyxl.load_workbook(folder / "申请表.xlsx").active
        cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        assert fields["credit_code"] in cells and not uscc.is_valid(fields["credit_code"])
    else:
        assert truth["application"]["source"] == "scan" and not codes
        assert any("phone_photo" in p["variant"] for p in truth["pages"])
        assert any(p["rotation"] for p in truth["pages"])
