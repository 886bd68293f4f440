"""The reviewer page in Debian's headless chromium: log in, open, click a finding, dismiss it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PASSWORD, make_pdf, upload, wait_processed

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
        reason="Debian's chromium is not installed",
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield launched
        launched.close()


def test_reviewer_clicks_a_finding_sees_its_box_and_dismisses_it(service, browser, tmp_path: Path) -> None:
    hostile = '<script>alert("xss")</script>广州市天河区浏览器测试有限公司'
    officer = service.client("tianhe")
    accepted = upload(
        officer, [make_pdf(tmp_path / "binder.pdf", [hostile, "第二页"])], label="tianhe-2019-101"
    ).json()
    wait_processed(officer, accepted["id"])

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(service.url + f"/submissions/{accepted['id']}")
    assert page.url.endswith("/login")  # not logged in: sent to the login page
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(service.url + "/")
    page.click(f"a[href='/submissions/{accepted['id']}']")
    page.wait_for_selector("li.finding")

    error_finding = page.locator("li.finding[data-index='0']")
    box = page.locator(".box[data-kind='finding'][data-ref='0']")
    assert "active" not in (box.get_attribute("class") or "")
    error_finding.locator("p.message").click()
    assert "active" in (box.get_attribute("class") or "")
    assert box.is_visible()
    sheet = box.locator("xpath=..").bounding_box()
    drawn = box.bounding_box()
    assert sheet and drawn
    # the box sits where the report's bbox [0.40, 0.51, 0.58, 0.53] says, on the page image
    assert abs((drawn["x"] - sheet["x"]) / sheet["width"] - 0.40) < 0.02
    assert abs((drawn["y"] - sheet["y"]) / sheet["height"] - 0.51) < 0.02
    assert page.locator("figure.page.current").count() == 1
    image = page.locator("figure.page.current img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")

    warning = page.locator("li.finding[data-index='1']")
    warning.locator("input[name=comment]").fill("扫描阴影，不是篡改")
    warning.locator("button[value=dismissed]").click()
    page.wait_for_selector("li.finding[data-index='1'] .decision")
    assert "驳回" in page.locator("li.finding[data-index='1'] .decision").inner_text()
    audit = page.locator("table.audit-table").inner_text()
    assert "驳回问题" in audit and "扫描阴影，不是篡改" in audit and "reviewer" in audit

    page.locator(".review-form textarea[name=comment]").fill("注册日期不符，退回补正")
    page.locator(".review-form button[value=returned]").click()
    page.wait_for_selector("#review-status:has-text('退回')")
    assert "注册日期不符，退回补正" in page.locator("table.audit-table").inner_text()

    assert dialogs == []  # the script printed on the page never ran
    assert "<script>alert" in page.locator("li.finding[data-index='0'] p.message").inner_text()
    decisions = service.client("reviewer").get(f"/api/submissions/{accepted['id']}/decisions").json()
    assert [(d["finding_index"], d["verdict"], d["comment"]) for d in decisions] == [
        (1, "dismissed", "扫描阴影，不是篡改"),
        (None, "returned", "注册日期不符，退回补正"),
    ]
    page.close()


def test_officer_uploads_through_the_list_page_and_sees_the_result(service, browser, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "表单上传.pdf", ["广州市天河区表单上传有限公司"])
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(service.url + "/login")
    page.fill("input[name=username]", "tianhe")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(service.url + "/")
    page.locator("details.upload summary").click()
    assert page.locator("#upload-form select[name=district] option").all_inner_texts() == ["天河区"]
    page.fill("#upload-form input[name=submission_date]", "2019-06-10")
    page.fill("#upload-form input[name=label]", "表单上传测试")
    page.set_input_files("#upload-form input[name=files]", str(pdf))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/submissions/*")
    # queued or running at first: the page polls and reloads itself when the report is in
    page.wait_for_selector("li.finding", timeout=60_000)
    assert "已完成" in page.locator("#job-status").inner_text()
    assert page.locator("form.decision-form").count() == 0  # officers read; reviewers decide
    assert "广州市天河区表单上传有限公司" in page.locator(".sub-head").inner_text()
    page.close()
