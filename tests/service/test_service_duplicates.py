"""The same certificate in two submissions of a district is flagged in both; never across districts."""

from __future__ import annotations

from pathlib import Path

from conftest import make_pdf, upload, wait_processed


def _duplicates(client, submission_id: str) -> list[dict]:
    report = client.get(f"/api/submissions/{submission_id}/report").json()
    return [f for f in report["findings"] if f["code"] == "duplicate_across_submissions"]


def test_a_certificate_used_twice_in_a_district_is_flagged_in_both(service, tmp_path: Path) -> None:
    number = "证书编号：1055812019000123"
    officer = service.client("tianhe")
    first = upload(officer, [make_pdf(tmp_path / "a.pdf", ["甲公司", number])], label="甲公司申报").json()
    wait_processed(officer, first["id"])
    second = upload(officer, [make_pdf(tmp_path / "b.pdf", ["乙公司", number])], label="乙公司申报").json()
    done = wait_processed(officer, second["id"])
    in_second, in_first = _duplicates(officer, second["id"]), _duplicates(officer, first["id"])
    assert len(in_second) == 1 and "甲公司申报" in in_second[0]["message"]
    assert len(in_first) == 1 and "乙公司申报" in in_first[0]["message"]
    assert in_first[0]["evidence"][0]["page"] == 2
    assert done["warning_count"] == 2  # the fake's own warning plus the duplicate
    first_now = officer.get(f"/api/submissions/{first['id']}").json()
    assert first_now["warning_count"] == 2
    # the earlier findings keep their indices: decisions still point at the same findings
    assert [f["code"] for f in officer.get(f"/api/submissions/{first['id']}/report").json()["findings"]][
        :3
    ] == ["field_mismatch", "possible_tampering", "unreadable_field"]

    other = service.client("haizhu")
    elsewhere = upload(other, [make_pdf(tmp_path / "c.pdf", ["丙公司", number])], district="haizhu").json()
    wait_processed(other, elsewhere["id"])
    assert _duplicates(other, elsewhere["id"]) == []  # another district's names never appear
    assert len(_duplicates(officer, first["id"])) == 1
