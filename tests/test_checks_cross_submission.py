"""duplicate_across_submissions: the same certificate, ID number or page image in two binders."""

from __future__ import annotations

from extractor.checks.cross_submission import cross_submission_findings, identity_keys
from schemas import Application, DocType, FindingCode, PageEntry, Report, Severity
from tests.test_checks_support import clean_documents, fld, replace_field


def _report(name: str, documents=None, phashes: dict[int, str] | None = None) -> Report:  # type: ignore[no-untyped-def]
    documents = clean_documents() if documents is None else documents
    pages = [PageEntry(file=ref.file, page=ref.page, doc_type=d.doc_type, confidence=0.9, document=d.index,
                       phash=(phashes or {}).get(ref.page))
             for d in documents for ref in d.pages]
    return Report(submission=name, pages=pages, documents=documents, application=Application(source="docx"))


def _other_people(n: int = 1) -> list:  # type: ignore[type-arg]
    documents = clean_documents()
    documents = replace_field(documents, DocType.DIPLOMA, certificate_no=fld(f"10561120110500999{n}"))
    documents = replace_field(documents, DocType.TITLE_CERTIFICATE, certificate_no=fld(f"粤中201500077{n}"))
    return replace_field(documents, DocType.ID_CARD, id_number=fld(f"44010619900101001{n}"))


def test_identity_keys_carry_evidence() -> None:
    keys = identity_keys(_report("a", phashes={4: "c3a5f0e1d2b4a697"}))
    kinds = sorted((k.kind, k.doc_type.value) for k in keys)
    assert kinds == [("certificate_no", "diploma"), ("certificate_no", "title_certificate"),
                     ("id_number", "id_card"), ("phash", "diploma")]
    assert all(k.evidence for k in keys)


def test_shared_certificate_number_reported_in_both() -> None:
    reports = {"tianhe-001": _report("tianhe-001"), "haizhu-002": _report("haizhu-002", _other_people())}
    shared = replace_field(_other_people(), DocType.DIPLOMA, certificate_no=fld("105581201005001234"))
    reports["haizhu-002"] = _report("haizhu-002", shared)
    found = cross_submission_findings(reports)
    assert [(f.code, f.field) for f in found["tianhe-001"]] == [
        (FindingCode.DUPLICATE_ACROSS_SUBMISSIONS, "certificate_no")]
    assert "haizhu-002" in found["tianhe-001"][0].message
    assert "tianhe-001" in found["haizhu-002"][0].message
    assert found["haizhu-002"][0].severity is Severity.WARNING
    assert [e.page for e in found["haizhu-002"][0].evidence] == [4]


def test_shared_id_number() -> None:
    shared = replace_field(_other_people(), DocType.ID_CARD, id_number=fld("440106198802030028"))
    found = cross_submission_findings({"a": _report("a"), "b": _report("b", shared)})
    assert [f.field for f in found["a"]] == ["id_number"]


def test_distinct_people_are_not_duplicates() -> None:
    found = cross_submission_findings({"a": _report("a"), "b": _report("b", _other_people()),
                                        "c": _report("c", _other_people(2))})
    assert found == {"a": [], "b": [], "c": []}


def test_near_identical_certificate_page_image_of_the_same_holder() -> None:
    a = _report("a", phashes={4: "c3a5f0e1d2b4a697"})
    b = _report("b", _other_people(), phashes={4: "c3a5f0e1d2b4a696"})     # one bit apart: same scan
    c = _report("c", _other_people(2), phashes={4: "3c5a0f1e2d4b5968"})     # another diploma
    found = cross_submission_findings({"a": a, "b": b, "c": c})
    assert [f.field for f in found["a"]] == ["diploma"] and "b" in found["a"][0].message
    assert found["c"] == []


def test_same_template_with_another_holder_is_not_a_duplicate() -> None:
    # Diplomas of one template hash within a few bits of each other whoever holds them.
    other = replace_field(_other_people(), DocType.DIPLOMA, holder_name=fld("陈静"))
    a = _report("a", phashes={4: "c3a5f0e1d2b4a697"})
    b = _report("b", other, phashes={4: "c3a5f0e1d2b4a695"})
    assert cross_submission_findings({"a": a, "b": b}) == {"a": [], "b": []}


def test_image_match_not_repeated_when_number_matched() -> None:
    shared = replace_field(_other_people(), DocType.DIPLOMA, certificate_no=fld("105581201005001234"))
    a = _report("a", phashes={4: "c3a5f0e1d2b4a697"})
    b = _report("b", shared, phashes={4: "c3a5f0e1d2b4a697"})
    found = cross_submission_findings({"a": a, "b": b})
    assert [f.field for f in found["a"]] == ["certificate_no"]


def test_blank_page_hash_is_ignored() -> None:
    a = _report("a", phashes={4: "0000000000000000"})
    b = _report("b", _other_people(), phashes={4: "0000000000000001"})
    assert cross_submission_findings({"a": a, "b": b}) == {"a": [], "b": []}


def test_low_confidence_numbers_are_not_identities() -> None:
    shared = replace_field(_other_people(), DocType.DIPLOMA, certificate_no=fld("105581201005001234", 0.3))
    assert cross_submission_findings({"a": _report("a"), "b": _report("b", shared)}) == {"a": [], "b": []}
