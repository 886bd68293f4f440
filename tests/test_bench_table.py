"""The benchmark's scoring per scan variant and its table (bench/evaluate.py, bench/table.py)."""

from __future__ import annotations

from bench.evaluate import Score, _count_field, _variants
from bench.table import render_table


def test_a_field_counts_under_every_variant_of_its_pages() -> None:
    score = Score()
    _count_field(score, "business_license", "issuing_authority", "广州市民政局", "广州市民政局", {"dpi150", "jpeg"})
    _count_field(score, "business_license", "entity_name", "甲公司", "乙公司", {"dpi150"})
    assert (score.variant_right["dpi150"], score.variant_total["dpi150"]) == (1, 2)
    assert (score.variant_right["jpeg"], score.variant_total["jpeg"]) == (1, 1)
    assert score.variant_misses[("dpi150", "business_license.entity_name")] == 1
    table = render_table(score, header="t", clean_submissions=1, pages=1, seconds=1.0, peak_mib=1.0)
    assert "| dpi150 | 50.0 % (1/2) | business_license.entity_name (1) |" in table
    assert "| jpeg | 100.0 % (1/1) | — |" in table


def test_variants_of_a_page() -> None:
    assert _variants({"variant": ["skew", "jpeg"]}) == {"skew", "jpeg"}
    assert _variants({"variant": [], "born_digital": True}) == {"born_digital"}
    assert _variants({"variant": []}) == {"plain_scan"}


def test_tampering_is_scored_by_scanned_page() -> None:
    from bench.evaluate import _score_tampering_by_page
    from schemas import Report

    report = Report.model_validate({
        "submission": "s", "pipeline_version": "t", "pages": [], "documents": [],
        "application": {"source": "none", "fields": {}}, "checks": [], "errors": [],
        "findings": [{"code": "possible_tampering", "severity": "warning", "message": "m",
                      "evidence": [{"file": "b.pdf", "page": 2}, {"file": "b.pdf", "page": 3}]}]})
    pages = [{"file": "b.pdf", "page": 1, "variant": ["tampered_region"]},
             {"file": "b.pdf", "page": 2, "variant": ["tampered_region", "jpeg"]},
             {"file": "b.pdf", "page": 3, "variant": ["jpeg"]},
             {"file": "b.pdf", "page": 4, "variant": []},
             {"file": "f.pdf", "page": 1, "variant": [], "born_digital": True}]
    score = Score()
    _score_tampering_by_page(score, report, pages)
    table = render_table(score, header="t", clean_submissions=1, pages=5, seconds=1.0, peak_mib=1.0)
    assert "| recall on edited pages | 50.0 % (1/2) |" in table
    assert "| precision of flagged pages | 50.0 % (1/2) |" in table
    assert "| clean pages flagged | 50.0 % (1/2) |" in table
