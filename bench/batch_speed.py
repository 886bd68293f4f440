"""`python -m bench.batch_speed`: how fast the batch is, with its accuracy beside every number.

1. A batch of N generated submissions (binders trimmed to --pages pages so a run fits a working
   session): one local worker vs two local workers vs a two-worker loopback Dask cluster, each
   with a cold OCR cache. Targets: 2 workers ≥ 1.8× one; Dask within 15 % of 2 local workers.
2. One 40-page generated binder: the full `packetcheck analyze` against `ocrmypdf -l chi_sim
   --jobs 2` on the same PDF in the same run. Target: time ratio ≤ 0.5 at unchanged accuracy.

Prints a markdown table (date, machine, load, numbers) and writes it to OUT/batch_speed.md.
Speed is meaningless on a machine others are loading: the load average is printed with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from bench.evaluate import Score, _compact, score_report
from extractor.ocr.openvino_runtime import chosen_runtime
from schemas import Report
from service.batch import BatchConfig, BatchResult, run_batch
from service.batch.loopback import loopback_cluster
from service.batch.store import REPORT_NAME

ROOT = Path(__file__).resolve().parents[1]
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


# --- data: generated submissions, trimmed; one long binder composed of several ---------------

class BinderPdf:
    """One new binder.pdf of pages taken from submission files, each source opened once."""

    def __init__(self) -> None:
        self._pdf = pdfium.PdfDocument.new()
        self._sources: dict[Path, pdfium.PdfDocument] = {}
        self.pages = 0

    def append(self, folder: Path, file: str, page: int) -> tuple[str, int]:
        """Add page `page` (1-based) of `folder/file`; where it now is."""
        if folder / file not in self._sources:
            self._sources[folder / file] = _open_source(folder, file)
        self._pdf.import_pages(self._sources[folder / file], [page - 1])
        self.pages += 1
        return "binder.pdf", self.pages

    def save(self) -> bytes:
        saved = io.BytesIO()
        self._pdf.save(saved)
        self._pdf.close()
        for source in self._sources.values():
            source.close()
        return saved.getvalue()


def _open_source(folder: Path, file: str) -> pdfium.PdfDocument:
    """A submission file as a PDF: each frame of a scanned image (a multi-page TIFF has several)
    an image-only PDF page. Taking only the first frame had made every page of a TIFF binder its
    first page in the benchmark's data until 2026-12-06."""
    source_path = folder / file
    if source_path.suffix.lower() == ".pdf":
        return pdfium.PdfDocument(str(source_path))
    with Image.open(source_path) as image:
        dpi = float(image.info.get("dpi", (0, 0))[0] or 0)
        dpi = dpi if dpi >= 50 else 200.0  # none, or a TIFF's default of 1 (a page 400 inches wide)
        frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PDF", save_all=True, append_images=frames[1:], resolution=dpi)
    return pdfium.PdfDocument(buffer.getvalue())


def _remap(truth: dict[str, Any], mapping: dict[tuple[str, int], tuple[str, int]]) -> dict[str, Any]:
    """truth restricted to the kept pages, renamed to where they now are; findings dropped
    (trimming plants away makes them wrong) — this benchmark scores pages and fields only."""
    def moved(ref: dict[str, Any]) -> dict[str, Any] | None:
        target = mapping.get((ref["file"], ref["page"]))
        return None if target is None else {**ref, "file": target[0], "page": target[1]}
    pages = [page for page in (moved(p) for p in truth["pages"]) if page is not None]
    documents = []
    for document in truth["documents"]:
        refs = [moved(p) for p in document["pages"]]
        if refs and all(ref is not None for ref in refs):
            documents.append({**document, "pages": refs})
    return {**truth, "pages": pages, "documents": documents, "findings": []}


def trim_submission(folder: Path, max_pages: int) -> None:
    """Keep the first `max_pages` binder pages as one binder.pdf beside the editable form."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    binder = BinderPdf()
    mapping = {(page["file"], page["page"]): binder.append(folder, page["file"], page["page"])
               for page in truth["pages"][:max_pages]}
    saved = binder.save()
    for page_file in {page["file"] for page in truth["pages"]}:
        (folder / page_file).unlink(missing_ok=True)
    (folder / "binder.pdf").write_bytes(saved)
    forms = [name for name in truth["files"] if Path(name).suffix.lower() in (".docx", ".xlsx")]
    new_truth = _remap(truth, mapping)
    new_truth["files"] = ["binder.pdf", *forms]
    (folder / "truth.json").write_text(json.dumps(new_truth, ensure_ascii=False, indent=1), encoding="utf-8")


def generate_trimmed(data: Path, count: int, seed: int, pages: int, profile: str) -> None:
    from samples.generator import generate_batch

    for folder in generate_batch(data, count, seed, scan_profile=profile):
        trim_submission(folder, pages)


def compose_binder(work: Path, seed: int, pages: int) -> tuple[Path, dict[str, Any]]:
    """A `pages`-page binder.pdf made of consecutive generated binders, and its truth."""
    from samples.generator import generate_submission

    work.mkdir(parents=True, exist_ok=True)
    binder = BinderPdf()
    truth: dict[str, Any] = {"pages": [], "documents": [], "application": {"source": "none"}, "findings": []}
    for offset in range(20):
        folder = generate_submission(work / "parts", seed * 100 + offset, problems=[], name=f"part-{offset}")
        part = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        mapping = {(page["file"], page["page"]): binder.append(folder, page["file"], page["page"])
                   for page in part["pages"][: pages - binder.pages]}
        remapped = _remap(part, mapping)
        truth["pages"] += remapped["pages"]
        truth["documents"] += remapped["documents"]
        if binder.pages >= pages:
            break
    path = work / "binder.pdf"
    path.write_bytes(binder.save())
    return path, truth


def field_values_in_text(truth: dict[str, Any], text: str) -> tuple[int, int]:
    """How many of the truth's document field values appear verbatim in a text (OCR-NOTES'
    "field %"): the most that plain OCR text offers, before anyone reads a field out of it."""
    haystack = _compact(text)
    values = [value for document in truth["documents"] for value in document.get("fields", {}).values()
              if isinstance(value, str) and len(value) >= 4]
    return sum(_compact(value) in haystack for value in values), len(values)


def _batch_accuracy(data: Path, out: Path) -> tuple[Score, int]:
    total, pages = Score(), 0
    for truth_path in sorted(data.glob("*/truth.json")):
        name = truth_path.parent.name
        report = Report.model_validate_json((out / name / REPORT_NAME).read_bytes())
        total.add(score_report(report, json.loads(truth_path.read_text(encoding="utf-8"))))
        pages += len(report.pages)
    return total, pages


def _percent(right: int, whole: int) -> str:
    return f"{100 * right / whole:.1f} %" if whole else "–"


def _reports(out: Path) -> dict[str, bytes]:
    return {path.parent.name: path.read_bytes() for path in sorted(out.glob(f"*/{REPORT_NAME}"))}


def _timed_batch(config: BatchConfig) -> tuple[BatchResult, float]:
    started = time.perf_counter()
    result = run_batch(config)
    return result, time.perf_counter() - started


def run_batches(data: Path, work: Path, repeat: int) -> list[dict[str, Any]]:
    """Each plan `repeat` times, each with a cold OCR cache: the run of median time is reported
    (runs of the same work differed by up to 12 % on this machine)."""
    runs: list[dict[str, Any]] = []
    plans: list[tuple[str, dict[str, Any]]] = [
        ("1 local worker", {"workers": 1}),
        ("2 local workers", {"workers": 2}),
        ("2-worker loopback Dask", {"cluster": True}),
    ]
    for label, plan in plans:
        tries = []
        for attempt in range(repeat):
            out = work / f"{label.replace(' ', '-')}-{attempt}"
            if plan.get("cluster"):
                # the cluster's start-up and shut-down (up to 9 s) are not the batch's work
                with loopback_cluster(workers=2, env={"PYTHONPATH": str(ROOT)}) as address:
                    result, seconds = _timed_batch(BatchConfig(archive_dir=data, out_dir=out, cluster=address,
                                                               page_workers=1))
            else:
                result, seconds = _timed_batch(BatchConfig(archive_dir=data, out_dir=out, workers=plan["workers"],
                                                           page_workers=1))
            score, pages = _batch_accuracy(data, out)
            tries.append({"label": label, "seconds": seconds, "pages": pages, "result": result, "score": score,
                          "reports": _reports(out), "load": os.getloadavg()[0]})
            print(f"{label}: {seconds:.1f} s, {pages} pages, failed {len(result.failed)}", file=sys.stderr)
        tries.sort(key=lambda run: run["seconds"])
        median = tries[len(tries) // 2]
        runs.append({**median, "all_seconds": [run["seconds"] for run in tries],
                     "peak_mib": max(run["result"].peak_rss_mib for run in tries),
                     "same_reports": all(run["reports"] == tries[0]["reports"] for run in tries)})
    return runs


ANALYZE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from extractor.options import AnalyzeOptions
from extractor.pipeline import analyze
started = time.perf_counter()
report = analyze([Path(sys.argv[1])], AnalyzeOptions(page_workers=2, ocr_cache_dir=Path(sys.argv[3])))
seconds = time.perf_counter() - started
Path(sys.argv[2]).write_text(report.model_dump_json(), encoding="utf-8")
from service.batch.task import _peak_rss_mib
print(json.dumps({"seconds": seconds, "peak_mib": _peak_rss_mib()}))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_binder(work: Path, seed: int, pages: int) -> dict[str, Any]:
    binder, truth = compose_binder(work / "binder", seed, pages)
    report_path = work / "binder-report.json"
    cpu_started = _children_cpu()
    started = time.perf_counter()
    measured = subprocess.run([sys.executable, "-c", ANALYZE_SCRIPT, str(binder), str(report_path),
                               str(work / "binder-ocr-cache")], cwd=ROOT, check=True, capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    analyze_wall = time.perf_counter() - started
    analyze_cpu = _children_cpu() - cpu_started
    analyzed = json.loads(measured.stdout.strip().splitlines()[-1])
    report = Report.model_validate_json(report_path.read_bytes())
    score = score_report(report, truth)
    sidecar = work / "ocrmypdf.txt"
    cpu_started = _children_cpu()
    started = time.perf_counter()
    command = [str(Path(sys.executable).with_name("ocrmypdf")), "-l", "chi_sim", "--jobs", "2",
               "--sidecar", str(sidecar), str(binder), str(work / "ocrmypdf.pdf")]
    ocrmypdf = subprocess.run(command, capture_output=True, text=True)
    if ocrmypdf.returncode == 6:  # PriorOcrFoundError: born-digital pages already have text.
        # --skip-text is refused with Debian 12's Ghostscript 10.0.0, so OCR those pages too
        # (more work for ocrmypdf than for us, who read their text layer: noted in the table)
        command.insert(5, "--force-ocr")
        cpu_started, started = _children_cpu(), time.perf_counter()  # time the run that counts
        ocrmypdf = subprocess.run(command, capture_output=True, text=True)
    ocrmypdf_command = " ".join(["ocrmypdf", *command[1:5], *(["--force-ocr"] if "--force-ocr" in command else [])])
    ocrmypdf_wall = time.perf_counter() - started
    ocrmypdf_cpu = _children_cpu() - cpu_started
    found, expected = field_values_in_text(truth, sidecar.read_text(encoding="utf-8") if sidecar.exists() else "")
    return {"pages": len(report.pages), "analyze_wall": analyze_wall, "analyze_cpu": analyze_cpu,
            "ocrmypdf_cpu": ocrmypdf_cpu, "ocrmypdf_command": ocrmypdf_command, "analyze_inner": analyzed["seconds"],
            "analyze_peak_mib": analyzed["peak_mib"], "score": score, "ocrmypdf_wall": ocrmypdf_wall,
            "ocrmypdf_ok": ocrmypdf.returncode == 0, "ocrmypdf_error": ocrmypdf.stderr.strip()[-300:],
            "ocrmypdf_fields": (found, expected), "load": os.getloadavg()[0]}


def render(runs: list[dict[str, Any]], binder: dict[str, Any] | None, args: argparse.Namespace) -> str:
    cores = len(os.sched_getaffinity(0))
    lines = [f"### Batch speed — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
             "", f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}; "
             f"seed {args.seed}, {args.count} submissions trimmed to ≤ {args.pages} pages, profile {args.profile}; "
             f"cold OCR cache per run; each batch worker one core; inference {chosen_runtime()}; "
             f"median of {args.repeat} runs per plan.", ""]
    if runs:
        base = runs[0]["seconds"]
        two = runs[1]["seconds"] if len(runs) > 1 else None
        lines += ["| run | wall s (median) | all runs s | pages | pages/s | pages/s/core | CPU s/page | speed-up vs 1 "
                  "| peak RSS/worker MiB | pages read by idle workers | page type acc. | field acc. | failed | load avg |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for run in runs:
            result: BatchResult = run["result"]
            score: Score = run["score"]
            used = 1 if run["label"].startswith("1 ") else 2
            rate = run["pages"] / run["seconds"]
            lines.append(
                f"| {run['label']} | {run['seconds']:.1f} | {' / '.join(f'{t:.1f}' for t in run['all_seconds'])} "
                f"| {run['pages']} | {rate:.2f} | {rate / used:.2f} "
                f"| {result.cpu_seconds / max(run['pages'], 1):.2f} "
                f"| {base / run['seconds']:.2f}× | {run['peak_mib']:.0f} | {result.helped_pages} "
                f"| {_percent(score.pages_right, score.pages_total)} "
                f"| {_percent(sum(score.field_right.values()), sum(score.field_total.values()))} "
                f"| {len(result.failed)} | {run['load']:.1f} |")
        same = all(run["same_reports"] and run["reports"] == runs[0]["reports"] for run in runs)
        lines += ["", f"Reports identical across the runs: {'yes' if same else 'NO'}."]
        if two is not None:
            lines.append(f"2 local workers vs 1: {base / two:.2f}× (target ≥ 1.8×).")
        if len(runs) > 2:
            lines.append(f"Dask vs 2 local workers: {runs[2]['seconds'] / two:.2f} of the time "
                         f"(target within 15 %, i.e. ≤ 1.15).")
    if binder is not None:
        score = binder["score"]
        found, expected = binder["ocrmypdf_fields"]
        ratio = binder["analyze_wall"] / binder["ocrmypdf_wall"]
        lines += ["", f"#### {binder['pages']}-page binder: packetcheck analyze vs ocrmypdf (same PDF, same run)", "",
                  "| tool | wall s | s/page | CPU s | peak RSS MiB | accuracy |", "|---|---|---|---|---|---|",
                  f"| packetcheck analyze (2 page workers, full pipeline) | {binder['analyze_wall']:.1f} "
                  f"| {binder['analyze_wall'] / binder['pages']:.2f} | {binder['analyze_cpu']:.0f} "
                  f"| {binder['analyze_peak_mib']:.0f} "
                  f"| page types {_percent(score.pages_right, score.pages_total)}; fields extracted right "
                  f"{_percent(sum(score.field_right.values()), sum(score.field_total.values()))} |",
                  f"| {binder['ocrmypdf_command']} | {binder['ocrmypdf_wall']:.1f} "
                  f"| {binder['ocrmypdf_wall'] / binder['pages']:.2f} | {binder['ocrmypdf_cpu']:.0f} | – "
                  f"| truth field values present anywhere in its text: {_percent(found, expected)}"
                  f"{'' if binder['ocrmypdf_ok'] else ' (FAILED: ' + binder['ocrmypdf_error'] + ')'} |",
                  "", f"Time ratio analyze / ocrmypdf: wall {ratio:.2f}, CPU "
                  f"{binder['analyze_cpu'] / max(binder['ocrmypdf_cpu'], 1e-9):.2f} (target ≤ 0.5); "
                  f"load avg {binder['load']:.1f}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.batch_speed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--pages", type=int, default=3, help="pages kept per binder in the batch part")
    parser.add_argument("--binder-pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", default="mixed", choices=("mixed", "clean", "hard"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/packetcheck-batch-speed"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each batch plan; the median is reported")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-binder", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    runs: list[dict[str, Any]] = []
    if not args.skip_batch:
        data = args.out / f"data-{args.seed}-{args.pages}p"
        if not data.exists():
            print(f"generating {args.count} submissions ...", file=sys.stderr)
            partial = data.with_name(data.name + ".partial")  # an interrupted run is not reused
            shutil.rmtree(partial, ignore_errors=True)
            generate_trimmed(partial, args.count, args.seed, args.pages, args.profile)
            partial.rename(data)
        runs = run_batches(data, args.out / f"runs-{int(time.time())}", max(1, args.repeat))
    binder = None if args.skip_binder else run_binder(args.out / f"binder-{int(time.time())}", args.seed,
                                                     args.binder_pages)
    table = render(runs, binder, args)
    (args.out / "batch_speed.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
