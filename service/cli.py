"""The `packetcheck` command: a thin shell over the library; every error is one line on stderr."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from extractor.errors import PacketcheckError

EXIT_USAGE = 2


def _add_analyze(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("analyze", help="check one submission's files and write its report")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("-o", "--output", type=Path, help="report JSON path (default: stdout)")
    parser.add_argument("--html", type=Path, help="also write a readable HTML page of the report")
    parser.add_argument("--submission", help="submission name (default: from the file names)")
    parser.add_argument("--submission-date", type=dt.date.fromisoformat,
                        help="day the binder was handed in, YYYY-MM-DD (default: the call's deadline)")
    parser.add_argument("--engine", choices=("rapidocr", "tesseract"), default="rapidocr")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes reading the pages (default: all cores)")
    parser.add_argument("--ocr-cache", type=Path, help="directory caching OCR output by page content")
    parser.set_defaults(func=_run_analyze)


def _run_analyze(args: argparse.Namespace) -> int:
    from extractor.options import AnalyzeOptions
    from extractor.pipeline import analyze
    from service.report_output import print_summary, write_html, write_json

    options = AnalyzeOptions(ocr_engine=args.engine, page_workers=max(1, args.workers),
                             ocr_cache_dir=args.ocr_cache, submission_date=args.submission_date)
    report = analyze(args.files, options, submission=args.submission)
    if args.output:
        write_json(report, args.output)
    if args.html:
        write_html(report, args.html)
    if not args.output:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    print_summary(report, sys.stderr if not args.output else sys.stdout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="packetcheck", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    _add_analyze(subparsers)
    for module_name in ("service.batch.cli", "service.cli_serve"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that part of the product is not installed in this build
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PacketcheckError as exc:
        print(f"packetcheck: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("packetcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("PACKETCHECK_DEBUG"):
            raise
        print(f"packetcheck: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
