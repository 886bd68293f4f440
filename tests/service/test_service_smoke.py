from conftest import make_pdf, upload, wait_processed


def test_smoke(service, tmp_path):
    client = service.client("tianhe")
    pdf = make_pdf(tmp_path / "binder.pdf", ["广州市天河区示例科技有限公司", "第二页"])
    response = upload(client, [pdf])
    assert response.status_code == 202, response.text
    body = wait_processed(client, response.json()["id"])
    assert body["status"] == "done", body
    report = client.get(f"/api/submissions/{body['id']}/report").json()
    assert report["submission"]
