"""A stand-in for extractor.pipeline.analyze in the service tests: same signature, no OCR.

It reads each PDF's text layer (standing in for OCR text, so hostile text printed on a page
reaches the report exactly as a scan's would) and builds a small report with one finding per
severity, evidence boxes on page 1 and on the last page.

Controls, all through the environment of the worker process:
- FAKE_PIPELINE_MARKERS=DIR: writes DIR/started-<pid>-<ns> when a job starts;
- FAKE_PIPELINE_HOLD=FILE: blocks while FILE exists (a test kills the worker meanwhile);
- a file whose name contains "explode" raises RuntimeError (a pipeline crash);
- a file whose name contains "badinput" raises CorruptFileError (unusable input);
- a file whose name contains "suicide" SIGKILLs the worker process itself.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from pydantic import BaseModel, ConfigDict

from extractor.errors import CorruptFileError
from schemas import (
    Application,
    ApplicationSource,
    DocType,
    DocumentEntry,
    Evidence,
    ExtractedField,
    Finding,
    FindingCode,
    PageEntry,
    PageRef,
    Report,
    Severity,
)


class AnalyzeOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ocr_cache_dir: Path | None = None
    submission_date: dt.date | None = None


def _pages_and_text(path: Path) -> list[str]:
    if path.suffix.lower() != ".pdf":
        return [""]
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded().strip())
        return texts
    finally:
        document.close()


def analyze(
    files: Sequence[Path], options: AnalyzeOptions | None = None, submission: str | None = None
) -> Report:
    markers = os.environ.get("FAKE_PIPELINE_MARKERS")
    if markers:
        Path(markers).mkdir(parents=True, exist_ok=True)
        (Path(markers) / f"started-{os.getpid()}-{time.monotonic_ns()}").write_text(submission or "")
    hold = os.environ.get("FAKE_PIPELINE_HOLD")
    deadline = time.monotonic() + 60
    while hold and Path(hold).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    names = [Path(f).name for f in files]
    if any("explode" in name for name in names):
        raise RuntimeError("the fake pipeline exploded")
    if any("suicide" in name for name in names):
        os.kill(os.getpid(), signal.SIGKILL)
    if any("badinput" in name for name in names):
        raise CorruptFileError("the fake pipeline finds this input unusable")
    pages: list[PageEntry] = []
    first_text = ""
    diplomas: list[DocumentEntry] = []
    for path in files:
        for number, text in enumerate(_pages_and_text(Path(path)), start=1):
            if text.startswith("证书编号"):  # a diploma page: its number makes an identity key
                diplomas.append(
                    DocumentEntry(
                        index=2 + len(diplomas),
                        doc_type=DocType.DIPLOMA,
                        pages=[PageRef(file=Path(path).name, page=number)],
                        fields={
                            "certificate_no": ExtractedField(
                                value=text.removeprefix("证书编号").strip("：: \n"),
                                confidence=0.95,
                                file=Path(path).name,
                                page=number,
                                bbox=(0.1, 0.05, 0.6, 0.1),
                            )
                        },
                    )
                )
            if text and not first_text:
                first_text = text.splitlines()[0]
            pages.append(
                PageEntry(
                    file=Path(path).name,
                    page=number,
                    confidence=0.9,
                    doc_type=DocType.BUSINESS_LICENSE if not pages else DocType.OTHER,
                    document=1 if not pages else None,
                )
            )
    first, last = pages[0], pages[-1]
    name = first_text or "广州市示例科技有限公司"
    licence = DocumentEntry(
        index=1,
        doc_type=DocType.BUSINESS_LICENSE,
        pages=[PageRef(file=first.file, page=1)],
        fields={
            "entity_name": ExtractedField(
                value=name, confidence=0.93, file=first.file, page=1, bbox=(0.2, 0.1, 0.8, 0.15)
            ),
            "registration_date": ExtractedField(
                value="2016-03-12", confidence=0.9, file=first.file, page=1, bbox=(0.4, 0.51, 0.58, 0.53)
            ),
        },
    )
    findings = [
        Finding(
            code=FindingCode.FIELD_MISMATCH,
            severity=Severity.ERROR,
            field="registration_date",
            expected="2015-03-12",
            found="2016-03-12",
            message=f"申请表注册日期 2015-03-12 与营业执照成立日期 2016-03-12 不一致（{name}）",
            evidence=[Evidence(file=first.file, page=1, bbox=(0.4, 0.51, 0.58, 0.53))],
        ),
        Finding(
            code=FindingCode.POSSIBLE_TAMPERING,
            severity=Severity.WARNING,
            field=None,
            message="页面局部疑似被修改",
            evidence=[Evidence(file=last.file, page=last.page, bbox=(0.1, 0.7, 0.3, 0.8))],
        ),
        Finding(
            code=FindingCode.UNREADABLE_FIELD,
            severity=Severity.INFO,
            field="credit_code",
            message="统一社会信用代码无法可靠识别",
            evidence=[],
        ),
    ]
    return Report(
        submission=submission or "fake",
        pages=pages,
        documents=[licence, *diplomas],
        application=Application(
            source=ApplicationSource.NONE,
            fields={
                "entity_name": ExtractedField(value=name, confidence=1.0),
                "registration_date": ExtractedField(value="2015-03-12", confidence=1.0),
                "staff_fulltime": ExtractedField(value=2, confidence=1.0),
            },
        ),
        findings=findings,
        pipeline_version="fake-service-1",
    )
