"""Synthetic SME-service-station submissions (scanned binders + editable forms) with truth.json.

    generate_submission(out_dir, seed, problems=None, scan_profile="mixed", font_set="default", name="...")
    generate_batch(out_dir, count, seed, problems="auto", scan_profile="mixed", font_set="default")

`problems`: None = decide at random from the seed (about 60 % get 1-4 plants), [] = clean,
or a list of plant names (finding codes, optionally 'code:variant', see plants.PLANTS).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from .build import build_submission
from .form_layout import form_style
from .model import FINDING_CODES, Submission
from .plants import DuplicateRegistry, apply_plants, choose_all, choose_auto, mark_duplicate_origin
from .writer import write_submission

__all__ = ["generate_submission", "generate_batch", "FINDING_CODES"]

SCAN_PROFILES = ("mixed", "clean", "hard", "photo")
FONT_SETS = ("default", "heldout")


def _prepare(seed: int, name: str) -> tuple[Submission, random.Random]:
    rng = random.Random(f"packetcheck-sample-{seed}")
    sub = build_submission(rng, name, seed)
    sub.form_extra["style"] = form_style(rng)
    sub.form_extra["editable"] = rng.choices(("docx", "xlsx", "none"), weights=(50, 35, 15))[0]
    return sub, rng


def generate_submission(out_dir: Path, seed: int, *, problems: list[str] | None = None, scan_profile: str = "mixed",
                        font_set: str = "default", name: str | None = None, editable: str | None = None,
                        registry: DuplicateRegistry | None = None, dpi: int | None = None) -> Path:
    """Write out_dir/<name>/ (files + truth.json) and return that folder. Deterministic for a seed.

    Plants the submission cannot carry (e.g. a duplicate with no earlier submission) are skipped;
    truth.json lists only what was planted.
    """
    return _generate(Path(out_dir), seed, problems, scan_profile, font_set, name, editable, registry, dpi)[0]


def _generate(out_dir: Path, seed: int, problems: list[str] | None, scan_profile: str, font_set: str,
              name: str | None, editable: str | None, registry: DuplicateRegistry | None,
              dpi: int | None = None) -> tuple[Path, list[str]]:
    if scan_profile not in SCAN_PROFILES:
        raise ValueError(f"unknown scan profile {scan_profile!r}; choose one of {', '.join(SCAN_PROFILES)}")
    if font_set not in FONT_SETS:
        raise ValueError(f"unknown font set {font_set!r}; choose one of {', '.join(FONT_SETS)}")
    name = name or f"sub-{seed}"
    sub, rng = _prepare(seed, name)
    if editable is not None:
        if editable not in ("docx", "xlsx", "none"):
            raise ValueError(f"unknown editable form kind {editable!r}; choose docx, xlsx or none")
        sub.form_extra["editable"] = editable
    plants = choose_auto(rng) if problems is None else list(problems)
    failed = apply_plants(sub, plants, rng, registry)
    if dpi is not None and dpi not in (150, 200, 300):
        raise ValueError(f"unsupported dpi {dpi}; choose 150, 200 or 300")
    folder = write_submission(sub, Path(out_dir), rng, scan_profile, font_set, dpi)
    if "duplicate_of" in sub.form_extra:
        mark_duplicate_origin(*sub.form_extra["duplicate_of"])
    if registry is not None:
        registry.record(sub, folder)
    return folder, failed


def generate_batch(out_dir: Path, count: int, seed: int, *, problems: str = "auto", scan_profile: str = "mixed",
                   font_set: str = "default", prefix: str = "sub") -> list[Path]:
    """`problems`: 'auto' (random ~60 %), 'none', 'all' (every plant spread over the batch) or 'a,b,c'."""
    if count < 1:
        raise ValueError("count must be at least 1")
    registry = DuplicateRegistry()
    batch_rng = random.Random(f"packetcheck-batch-{seed}")
    assignment = choose_all(count, batch_rng) if problems == "all" else None
    folders = []
    carry: list[str] = []  # 'all': plants one submission could not carry are retried on the next
    for i in range(count):
        sub_seed = seed * 1000 + i
        if problems == "auto":
            plan: list[str] | None = None
        elif problems == "none":
            plan = []
        elif assignment is not None:
            plan = assignment[i] + [c for c in carry if c not in assignment[i]]
        else:
            plan = [p.strip() for p in problems.split(",") if p.strip()]
        folder, failed = _generate(Path(out_dir), sub_seed, plan, scan_profile, font_set, f"{prefix}-{seed}-{i + 1:03d}",
                                   None, registry)
        carry = failed if assignment is not None else []
        folders.append(folder)
    (Path(out_dir) / "batch.json").write_text(json.dumps(
        {"seed": seed, "count": count, "problems": problems, "scan_profile": scan_profile, "font_set": font_set,
         "submissions": [f.name for f in folders]}, ensure_ascii=False, indent=1), encoding="utf-8")
    return folders
