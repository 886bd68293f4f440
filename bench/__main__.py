"""`python -m bench`: generate fresh submissions, run the whole pipeline, print the accuracy table.

The seed defaults to a new random one each run, so the numbers are on data nobody tuned on; it
is printed so a run can be repeated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import secrets
import sys
import time
from pathlib import Path

from bench.evaluate import Score, score_report
from bench.table import render_table
from extractor.checks.cross_submission import cross_submission_findings
from extractor.ocr.openvino_runtime import chosen_runtime
from extractor.options import AnalyzeOptions
from extractor.pipeline import analyze
from schemas.report import Report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seed", type=int, default=None, help="default: a fresh random seed")
    parser.add_argument("--scan-profile", default="mixed", choices=("mixed", "clean", "hard"))
    parser.add_argument("--font-set", default="default", help="'heldout' renders with fonts never used in development")
    parser.add_argument("--workers", type=int, default=2, help="processes reading the pages of a binder")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--data", type=Path, help="use already generated submissions in this folder")
    args = parser.parse_args(argv)

    seed = args.seed if args.seed is not None else secrets.randbelow(10**9)
    data = args.data or args.out / f"data-{seed}-{args.font_set}-{args.scan_profile}"
    if args.data is None:
        from samples.generator import generate_batch

        print(f"generating {args.count} submissions, seed {seed} ...", file=sys.stderr)
        generate_batch(data, args.count, seed, scan_profile=args.scan_profile, font_set=args.font_set)

    reports: dict[str, Report] = {}
    truths: dict[str, dict] = {}
    pages = 0
    seconds = 0.0
    for folder in sorted(p for p in data.iterdir() if (p / "truth.json").exists()):
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        options = AnalyzeOptions(page_workers=args.workers,
                                 submission_date=dt.date.fromisoformat(truth["submission_date"]))
        started = time.perf_counter()
        reports[folder.name] = analyze([folder], options, submission=folder.name)
        seconds += time.perf_counter() - started
        pages += len(reports[folder.name].pages)
        truths[folder.name] = truth
        print(f"{folder.name}: {len(reports[folder.name].pages)} pages read", file=sys.stderr)
    # Reuse across submissions is found over the whole set, as `packetcheck batch` does.
    for name, findings in cross_submission_findings(reports).items():
        reports[name].findings.extend(findings)

    total = Score()
    clean_submissions = 0
    (args.out / "reports").mkdir(parents=True, exist_ok=True)
    for name, report in reports.items():
        (args.out / "reports" / f"{name}.json").write_text(report.model_dump_json(indent=1), encoding="utf-8")
        score = score_report(report, truths[name])
        clean_submissions += score.clean
        total.add(score)
        print(f"{name}: pages {score.pages_right}/{score.pages_total}, fields "
              f"{sum(score.field_right.values())}/{sum(score.field_total.values())}, "
              f"findings {sum(score.findings_found.values())}/{sum(score.findings_planted.values())}, "
              f"false alarms {sum(score.false_alarms.values())}", file=sys.stderr)

    peak_mib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    source = f"seed {seed}" if args.data is None else f"data {data.name} (generated earlier)"
    header = (f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, {platform.machine()} {platform.processor() or ''} "
              f"{len(__import__('os').sched_getaffinity(0))} cores; {source}, "
              f"profile {args.scan_profile}, fonts {args.font_set}, {args.workers} page workers, "
              f"inference {chosen_runtime()}")
    table = render_table(total, header=header, clean_submissions=clean_submissions,
                         pages=pages, seconds=seconds, peak_mib=peak_mib)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"table-{seed if args.data is None else data.name}-{args.font_set}.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
