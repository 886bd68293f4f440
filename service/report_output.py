"""Rendering a Report for people and files: JSON, a static HTML page, a short terminal summary."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from jinja2 import Environment, PackageLoader, select_autoescape

from schemas.report import Report
from schemas.vocab import Severity
from service.atomic import write_atomic

SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def write_json(report: Report, path: Path) -> None:
    write_atomic(path, (report.model_dump_json(indent=2) + "\n").encode("utf-8"))


def render_html(report: Report) -> str:
    environment = Environment(loader=PackageLoader("service", "report_templates"),
                              autoescape=select_autoescape(["html"]))
    template = environment.get_template("report.html")
    return template.render(report=report, severity_label=SEVERITY_LABEL, Severity=Severity)


def write_html(report: Report, path: Path) -> None:
    write_atomic(path, render_html(report).encode("utf-8"))


def print_summary(report: Report, stream: TextIO) -> None:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    name = report.application.fields.get("entity_name")
    print(f"submission {report.submission}: {len(report.pages)} pages, {len(report.documents)} documents"
          f" ({', '.join(sorted({d.doc_type.value for d in report.documents})) or 'none'})", file=stream)
    print(f"application form: {report.application.source.value}"
          f"{' — ' + str(name.value) if name else ''}", file=stream)
    print(f"findings: {errors} errors, {warnings} warnings, {report.count(Severity.INFO)} info", file=stream)
    for finding in report.findings:
        if finding.severity is not Severity.INFO:
            where = f" [{finding.evidence[0].file} p.{finding.evidence[0].page}]" if finding.evidence else ""
            print(f"  {finding.severity.value:7} {finding.code.value:32} {finding.message}{where}", file=stream)
    for error in report.errors:
        print(f"  page error: {error.file} p.{error.page} ({error.stage}): {error.message}", file=stream)
