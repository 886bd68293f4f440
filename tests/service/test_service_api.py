"""The API over real HTTP: upload → 202 → worker → report, lists, decisions, audit, exports."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import httpx
from conftest import PASSWORD, ROOT, make_pdf, upload, wait_processed
from openpyxl import load_workbook
from PIL import Image


def test_upload_is_processed_and_the_report_is_the_pipelines(service, tmp_path: Path) -> None:
    client = service.client("tianhe")
    pdf = make_pdf(tmp_path / "binder.pdf", ["广州市天河区星河科技有限公司", "租赁合同"])
    response = upload(client, [pdf], label="tianhe-2019-017")
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert response.headers["location"] == f"/api/submissions/{accepted['id']}"
    assert accepted["status"] in ("queued", "running")
    assert [f["name"] for f in accepted["files"]] == ["binder.pdf"]
    assert accepted["files"][0]["page_count"] == 2
    done = wait_processed(client, accepted["id"])
    assert done["status"] == "done" and done["job"]["attempts"] == 1
    assert (done["error_count"], done["warning_count"]) == (1, 1)
    assert done["entity_name"] == "广州市天河区星河科技有限公司"
    report = client.get(f"/api/submissions/{accepted['id']}/report")
    assert report.headers["content-type"] == "application/json"
    body = report.json()
    assert body["schema_version"] == "1" and body["submission"] == "tianhe-2019-017"
    assert [p["page"] for p in body["pages"]] == [1, 2]
    assert body["findings"][0]["code"] == "field_mismatch"
    assert body["findings"][0]["evidence"][0]["bbox"] == [0.4, 0.51, 0.58, 0.53]


def test_report_before_processing_is_a_conflict_not_a_guess(service, tmp_path: Path) -> None:
    client = service.client("tianhe")
    # The job may start at once; whichever state it is in, a missing report is a 409 with the status.
    accepted = upload(client, [make_pdf(tmp_path / "a.pdf", ["冲突测试"])]).json()
    answer = client.get(f"/api/submissions/{accepted['id']}/report")
    assert answer.status_code in (200, 409)
    if answer.status_code == 409:
        assert "no report yet" in answer.json()["detail"]


def test_page_images_are_pngs_of_the_uploaded_pages(service, tmp_path: Path) -> None:
    client = service.client("tianhe")
    accepted = upload(client, [make_pdf(tmp_path / "p.pdf", ["第一页", "第二页"])]).json()
    wait_processed(client, accepted["id"])
    image = client.get(f"/api/submissions/{accepted['id']}/files/1/pages/2")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    width, height = Image.open(io.BytesIO(image.content)).size
    assert 1.3 < height / width < 1.5  # an upright A4 page
    assert client.get(f"/api/submissions/{accepted['id']}/files/1/pages/3").status_code == 404
    assert client.get(f"/api/submissions/{accepted['id']}/files/2/pages/1").status_code == 404


def test_same_files_twice_are_recognised(service, tmp_path: Path) -> None:
    client = service.client("tianhe")
    pdf = make_pdf(tmp_path / "dup.pdf", ["重复上传的材料"])
    first = upload(client, [pdf])
    again = upload(client, [pdf])
    assert first.status_code == 202 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    other_day = upload(client, [pdf], date="2019-06-11")
    assert other_day.status_code == 202 and other_day.json()["duplicate_of"] == first.json()["id"]
    actions = [e["action"] for e in client.get(f"/api/submissions/{first.json()['id']}/audit").json()]
    assert actions[0] == "uploaded" and "upload_duplicate" in actions  # "processed" may come between


def test_list_filters_and_pages(service, tmp_path: Path) -> None:
    officer = service.client("haizhu")
    ids = []
    for n in range(3):
        response = upload(officer, [make_pdf(tmp_path / f"h{n}.pdf", [f"海珠区第{n}家"])], district="haizhu")
        ids.append(response.json()["id"])
    for submission_id in ids:
        wait_processed(officer, submission_id)
    page1 = officer.get("/api/submissions", params={"limit": 2, "offset": 0}).json()
    page2 = officer.get("/api/submissions", params={"limit": 2, "offset": 2}).json()
    assert page1["total"] == page2["total"] >= 3
    seen = [s["id"] for s in page1["items"] + page2["items"]]
    assert len(seen) == len(set(seen)) and set(ids) <= set(seen) | {
        s["id"] for s in officer.get("/api/submissions", params={"limit": 200}).json()["items"]
    }
    assert all(
        s["district"] == "haizhu"
        for s in officer.get("/api/submissions", params={"limit": 200}).json()["items"]
    )
    with_errors = officer.get(
        "/api/submissions", params={"has_errors": True, "status": "done", "limit": 200}
    ).json()
    assert {s["id"] for s in with_errors["items"]} >= set(ids)
    assert (
        officer.get("/api/submissions", params={"has_errors": False, "status": "done"}).json()["total"] == 0
    )
    reviewer = service.client("reviewer")
    only_haizhu = reviewer.get("/api/submissions", params={"district": "haizhu", "limit": 200}).json()
    assert only_haizhu["total"] == page1["total"]
    assert reviewer.get("/api/submissions", params={"limit": 0}).status_code == 422


def test_decisions_review_and_audit(service, tmp_path: Path) -> None:
    officer, reviewer = service.client("tianhe"), service.client("reviewer")
    accepted = upload(officer, [make_pdf(tmp_path / "r.pdf", ["待审核的申报"])]).json()
    wait_processed(officer, accepted["id"])
    base = f"/api/submissions/{accepted['id']}"
    assert officer.post(f"{base}/findings/0/decision", json={"verdict": "dismissed"}).status_code == 403
    made = reviewer.post(
        f"{base}/findings/1/decision", json={"verdict": "dismissed", "comment": "扫描阴影，非篡改"}
    )
    assert made.status_code == 201 and made.json()["username"] == "reviewer"
    assert reviewer.post(f"{base}/findings/99/decision", json={"verdict": "confirmed"}).status_code == 404
    assert reviewer.post(f"{base}/findings/0/decision", json={"verdict": "maybe"}).status_code == 422
    reviewed = reviewer.post(f"{base}/review", json={"status": "returned", "comment": "注册日期不符"})
    assert reviewed.status_code == 200 and reviewed.json()["review_status"] == "returned"
    decisions = officer.get(f"{base}/decisions").json()
    assert [(d["finding_index"], d["verdict"]) for d in decisions] == [(1, "dismissed"), (None, "returned")]
    audit = officer.get(f"{base}/audit").json()
    assert [e["action"] for e in audit] == [
        "uploaded",
        "processed",
        "finding_dismissed",
        "submission_returned",
    ]
    assert audit[2]["username"] == "reviewer" and audit[2]["detail"]["comment"] == "扫描阴影，非篡改"
    assert audit[0]["username"] == "tianhe"


def test_summary_table_lists_the_districts_submissions(service, tmp_path: Path) -> None:
    officer = service.client("tianhe")
    accepted = upload(officer, [make_pdf(tmp_path / "s.pdf", ["汇总表测试有限公司"])]).json()
    wait_processed(officer, accepted["id"])
    answer = officer.get("/api/summary.xlsx")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["序号", "区", "申报主体名称"] and header[-3:] == ["错误数", "警告数", "审核状态"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows and all(row[1] == "天河区" for row in rows)
    mine = next(row for row in rows if row[2] == "汇总表测试有限公司")
    assert mine[10:13] == [1, 1, "待审核"]


def test_tokens_me_and_users(service) -> None:
    admin = service.client("admin")
    me = admin.get("/api/me").json()
    assert me["role"] == "admin" and me["district"] is None
    created = admin.post(
        "/api/users",
        json={"username": "baiyun1", "password": "a-long-password", "role": "officer", "district": "baiyun"},
    )
    assert created.status_code == 201, created.text
    assert (
        admin.post(
            "/api/users",
            json={
                "username": "baiyun1",
                "password": "a-long-password",
                "role": "officer",
                "district": "baiyun",
            },
        ).status_code
        == 409
    )
    assert (
        admin.post(
            "/api/users", json={"username": "nod", "password": "a-long-password", "role": "officer"}
        ).status_code
        == 422
    )
    login = httpx.post(service.url + "/login", data={"username": "baiyun1", "password": "a-long-password"})
    assert login.status_code == 303 and "packetcheck_session" in login.cookies
    token = httpx.post(service.url + "/api/tokens", json={"name": "script"}, cookies=login.cookies)
    assert token.status_code == 403  # a cookie alone cannot change state: CSRF token missing
    officer = service.client("tianhe")
    made = officer.post("/api/tokens", json={"name": "script"}).json()
    fresh = httpx.Client(base_url=service.url, headers={"Authorization": f"Bearer {made['token']}"})
    assert fresh.get("/api/me").json()["username"] == "tianhe"
    assert officer.delete(f"/api/tokens/{made['id']}").status_code == 204
    assert fresh.get("/api/me").status_code == 401
    disabled = admin.patch(f"/api/users/{created.json()['id']}", json={"active": False})
    assert disabled.json()["active"] is False
    assert (
        httpx.post(
            service.url + "/login", data={"username": "baiyun1", "password": "a-long-password"}
        ).status_code
        == 401
    )
    assert httpx.get(service.url + "/api/me", cookies=login.cookies).status_code == 401  # old session is dead


def test_cli_creates_users_and_tokens(service) -> None:
    env = dict(service.env)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "users",
            "create",
            "--username",
            "clireviewer",
            "--role",
            "reviewer",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "created reviewer clireviewer" in run.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "users",
            "create",
            "--username",
            "x1",
            "--role",
            "officer",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "district" in bad.stderr
    token = subprocess.run(
        [sys.executable, "-m", "service.cli", "tokens", "create", "--username", "clireviewer"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert token.returncode == 0, token.stderr
    me = httpx.get(service.url + "/api/me", headers={"Authorization": f"Bearer {token.stdout.strip()}"})
    assert me.json()["username"] == "clireviewer"
    assert (
        httpx.post(service.url + "/login", data={"username": "clireviewer", "password": PASSWORD}).status_code
        == 303
    )
