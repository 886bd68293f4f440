"""`python -m bench.rescore DATA REPORTS`: score reports a benchmark run stored, without reading the
pages again (a new table from the same run, e.g. after the scoring learnt a new breakdown).

Timing and memory are not re-measured: they are printed as 0 and belong to the original run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.evaluate import Score, score_report
from bench.table import render_table
from schemas import Report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rescore")
    parser.add_argument("data", type=Path, help="the generated submissions (each folder with truth.json)")
    parser.add_argument("reports", type=Path, help="the run's reports/<submission>.json")
    args = parser.parse_args(argv)
    total, clean, pages = Score(), 0, 0
    for folder in sorted(p for p in args.data.iterdir() if (p / "truth.json").exists()):
        report_path = args.reports / f"{folder.name}.json"
        if not report_path.exists():
            raise SystemExit(f"no stored report for {folder.name} in {args.reports}")
        report = Report.model_validate_json(report_path.read_text(encoding="utf-8"))
        score = score_report(report, json.loads((folder / "truth.json").read_text(encoding="utf-8")))
        clean += score.clean
        pages += len(report.pages)
        total.add(score)
    print(render_table(total, header=f"Rescored {args.reports}", clean_submissions=clean, pages=pages,
                       seconds=0.0, peak_mib=0.0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
