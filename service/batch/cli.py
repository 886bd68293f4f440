"""`packetcheck batch ARCHIVE_DIR -o OUT_DIR [--workers N] [--cluster ADDRESS]`.

Exit 0 when every submission has a current report, 1 when some could not be processed (they are
listed, each with an error.json), 2 with one line on stderr when the archive itself is unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from extractor.errors import PacketcheckError
from service.batch.runner import BatchConfig, outcome_table, run_batch
from service.batch.task import DEFAULT_PIPELINE

PIPELINE_MODULE = DEFAULT_PIPELINE  # the module with analyze() and PIPELINE_VERSION (tests swap it)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "batch", help="analyse every submission (sub-folder or .zip) of an archive folder",
        description="Every sub-folder or .zip of ARCHIVE_DIR is one submission. Writes "
                    "OUT_DIR/<name>/report.json and OUT_DIR/summary.xlsx; a rerun skips "
                    "submissions whose inputs and pipeline version are unchanged.",
    )
    parser.add_argument("archive_dir", metavar="ARCHIVE_DIR", type=Path)
    parser.add_argument("-o", "--out", dest="out_dir", metavar="OUT_DIR", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=None,
                        help="local worker processes (default: the number of cores)")
    parser.add_argument("--cluster", metavar="ADDRESS", default=None,
                        help="run on this Dask scheduler (e.g. tcp://host:8786) instead of locally")
    parser.set_defaults(func=run_batch_command)


def run_batch_command(args: argparse.Namespace) -> int:
    import os

    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        print("packetcheck batch: --workers must be at least 1", file=sys.stderr)
        return 2
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # logs: the final table unwrapped rather than folded to 80
    try:
        config = BatchConfig(archive_dir=args.archive_dir, out_dir=args.out_dir, workers=workers,
                             cluster=args.cluster, pipeline_module=PIPELINE_MODULE)
        result = run_batch(config, console)
    except PacketcheckError as exc:
        print(f"packetcheck batch: {exc}", file=sys.stderr)
        return exc.exit_code if exc.exit_code != 1 else 2
    except OSError as exc:
        # e.g. an unreachable --cluster address or an unwritable OUT_DIR
        print(f"packetcheck batch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("packetcheck batch: interrupted; rerun to resume", file=sys.stderr)
        return 130
    console.print(outcome_table(result.rows, result.elapsed))
    helped = f" · pages read by idle workers: {result.helped_pages}" if result.helped_pages else ""
    console.print(f"summary: {result.summary_path} · duplicate_across_submissions findings: "
                  f"{result.duplicate_findings}{helped}")
    return 1 if result.failed else 0
