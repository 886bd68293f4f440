"""No one sees another district: every endpoint, both roles, and no way in without credentials."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from conftest import make_pdf, upload, wait_processed

# Every operation of the API, with the request that exercises it on submission {sid}.
SUBMISSION_OPERATIONS = [
    ("GET", "/api/submissions/{sid}", None),
    ("GET", "/api/submissions/{sid}/report", None),
    ("GET", "/api/submissions/{sid}/files/1/pages/1", None),
    ("GET", "/api/submissions/{sid}/decisions", None),
    ("POST", "/api/submissions/{sid}/findings/0/decision", {"verdict": "dismissed", "comment": "x"}),
    ("POST", "/api/submissions/{sid}/review", {"status": "recommended"}),
    ("GET", "/api/submissions/{sid}/audit", None),
]
OTHER_OPERATIONS = [
    ("GET", "/api/submissions", None),
    ("POST", "/api/submissions", None),
    ("GET", "/api/me", None),
    ("GET", "/api/users", None),
    ("POST", "/api/users", {"username": "zz", "password": "0123456789", "role": "reviewer"}),
    ("PATCH", "/api/users/1", {"active": True}),
    ("GET", "/api/tokens", None),
    ("POST", "/api/tokens", {"name": "t"}),
    ("DELETE", "/api/tokens/1", None),
    ("GET", "/api/summary.xlsx", None),
]


@pytest.fixture(scope="module")
def tianhe_submission(service, tmp_path_factory) -> str:
    client = service.client("tianhe")
    folder = tmp_path_factory.mktemp("iso")
    accepted = upload(
        client, [make_pdf(folder / "secret.pdf", ["天河区机密有限公司"])], label="天河机密申报"
    ).json()
    wait_processed(client, accepted["id"])
    return str(accepted["id"])


def test_every_operation_of_the_schema_is_covered_here(service) -> None:
    schema = httpx.get(service.url + "/openapi.json").json()
    documented = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    covered = {
        (
            m,
            p.replace("{sid}", "{submission_id}")
            .replace("/files/1/pages/1", "/files/{file_index}/pages/{page}")
            .replace("/findings/0/", "/findings/{finding_index}/")
            .replace("/users/1", "/users/{user_id}")
            .replace("/tokens/1", "/tokens/{token_id}"),
        )
        for m, p, _ in SUBMISSION_OPERATIONS + OTHER_OPERATIONS
    }
    assert documented == covered


@pytest.mark.parametrize(("method", "path", "body"), SUBMISSION_OPERATIONS + OTHER_OPERATIONS)
def test_no_credentials_no_access(service, tianhe_submission, method, path, body) -> None:
    for headers in ({}, {"Authorization": "Bearer pct_not-a-token"}, {"Authorization": "Basic YWRtaW46eA=="}):
        answer = httpx.request(
            method, service.url + path.format(sid=tianhe_submission), json=body, headers=headers
        )
        assert answer.status_code == 401, (path, headers, answer.text)
        assert "天河" not in answer.text


@pytest.mark.parametrize(("method", "path", "body"), SUBMISSION_OPERATIONS)
def test_other_district_officer_gets_what_a_missing_submission_gets(
    service, tianhe_submission, method, path, body
) -> None:
    intruder = service.client("haizhu")
    theirs = intruder.request(method, path.format(sid=tianhe_submission), json=body)
    missing = intruder.request(method, path.format(sid="0" * 32), json=body)
    assert theirs.status_code == missing.status_code
    assert theirs.status_code in (403, 404)  # 403 only where the role may never do it (decisions)
    assert theirs.json() == missing.json()
    assert "天河" not in theirs.text


@pytest.mark.parametrize(("method", "path", "body"), SUBMISSION_OPERATIONS)
def test_own_district_officer_and_reviewer_can_read(service, tianhe_submission, method, path, body) -> None:
    if method != "GET":
        return
    for user in ("tianhe", "reviewer"):
        assert service.client(user).get(path.format(sid=tianhe_submission)).status_code == 200


def test_lists_counts_and_exports_stay_in_the_district(service, tianhe_submission, tmp_path: Path) -> None:
    intruder = service.client("haizhu")
    listed = intruder.get("/api/submissions", params={"limit": 200}).json()
    assert tianhe_submission not in {s["id"] for s in listed["items"]}
    assert all(s["district"] == "haizhu" for s in listed["items"])
    assert listed["total"] == len(listed["items"])
    assert intruder.get("/api/submissions", params={"district": "tianhe"}).status_code == 403
    assert intruder.get("/api/summary.xlsx", params={"district": "tianhe"}).status_code == 403
    export = intruder.get("/api/summary.xlsx")
    assert export.status_code == 200 and "天河机密".encode() not in export.content
    reviewer = (
        service.client("reviewer").get("/api/submissions", params={"district": "tianhe", "limit": 200}).json()
    )
    assert tianhe_submission in {s["id"] for s in reviewer["items"]}


def test_officers_upload_only_for_their_district(service, tmp_path: Path) -> None:
    answer = upload(service.client("haizhu"), [make_pdf(tmp_path / "x.pdf", ["越权"])], district="tianhe")
    assert answer.status_code == 403


def test_pages_hide_other_districts_too(service, tianhe_submission) -> None:
    login = httpx.post(
        service.url + "/login", data={"username": "haizhu", "password": "correct horse battery"}
    )
    cookies = login.cookies
    page = httpx.get(f"{service.url}/submissions/{tianhe_submission}", cookies=cookies)
    assert page.status_code == 404 and "天河" not in page.text
    listing = httpx.get(service.url + "/", cookies=cookies, params={"district": "tianhe"})
    assert listing.status_code == 200 and "天河机密" not in listing.text
    assert httpx.get(f"{service.url}/submissions/{tianhe_submission}").status_code in (303, 307)


def test_non_admins_cannot_manage_users(service) -> None:
    for user in ("tianhe", "reviewer"):
        client = service.client(user)
        assert client.get("/api/users").status_code == 403
        assert (
            client.post(
                "/api/users", json={"username": "evil", "password": "0123456789", "role": "admin"}
            ).status_code
            == 403
        )
        assert client.patch("/api/users/1", json={"role": "admin"}).status_code == 403
