"""The service with the real pipeline (real OCR) on a one-page scan with script text printed on it."""

from __future__ import annotations

import html
from pathlib import Path

import httpx
import pytest
from conftest import FONT, PASSWORD, start_service, upload, wait_processed
from PIL import Image, ImageDraw, ImageFont

LINES = [
    (430, 160, 64, "营业执照"),
    (120, 330, 34, "统一社会信用代码 91440101MA59U2LX0T"),
    (120, 430, 34, "名称 <script>alert(1)</script>科技有限公司"),
    (120, 530, 34, "类型 有限责任公司"),
    (120, 630, 34, "法定代表人 张三"),
    (120, 730, 34, "成立日期 2015年03月12日"),
    (120, 830, 34, "住所 广州市天河区天河路1号<img src=x onerror=alert(2)>"),
]


def scanned_page(path: Path) -> Path:
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for x, y, size, text in LINES:
        draw.text((x, y), text, fill="black", font=ImageFont.truetype(str(FONT), size))
    image.save(path, dpi=(150, 150))
    return path


@pytest.mark.slow
@pytest.mark.skipif(FONT is None, reason="no CJK font installed")
def test_real_pipeline_through_the_service_escapes_what_ocr_read(tmp_path: Path) -> None:
    server = start_service(
        tmp_path / "data",
        PACKETCHECK_PIPELINE="extractor.pipeline:analyze",
        PACKETCHECK_JOB_LEASE_SECONDS="60",
        PACKETCHECK_JOB_HEARTBEAT_SECONDS="5",
    )
    try:
        officer = server.client("tianhe")
        accepted = upload(officer, [scanned_page(tmp_path / "licence.png")], label="真实流程").json()
        done = wait_processed(officer, accepted["id"], timeout=600)
        assert done["status"] == "done", done["job"]
        report = officer.get(f"/api/submissions/{accepted['id']}/report").json()
        assert report["pages"][0]["file"] == "licence.png" and report["pipeline_version"]
        login = httpx.post(server.url + "/login", data={"username": "tianhe", "password": PASSWORD})
        page = httpx.get(f"{server.url}/submissions/{accepted['id']}", cookies=login.cookies)
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        values = [str(f["value"]) for doc in report["documents"] for f in doc["fields"].values()]
        values += [str(f["value"]) for f in report["application"]["fields"].values()]
        for value in values:  # whatever OCR read with markup in it is shown, escaped
            if "<" in value or ">" in value:
                assert html.escape(value, quote=False) in page.text, value
        print("read:", values)
        image = officer.get(f"/api/submissions/{accepted['id']}/files/1/pages/1")
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    finally:
        server.stop()
