"""Planted problems: one plant per SPEC finding code, each mutating the truth model consistently.

A plant changes what the documents and/or the form state, then records the finding a correct
system MUST report. Plants refuse (return None) when the submission cannot carry them, e.g. a
credit-code plant on a licence that was dropped; the caller may retry them elsewhere.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from .model import FINDING_CODES, Submission
from .plant_base import DuplicateRegistry
from .plants_docs import (plant_date_inconsistent, plant_duplicate, plant_financial_period, plant_income_inconsistent,
                          plant_invalid_id, plant_missing_seal, plant_premises, plant_qualification_shortfall,
                          plant_tampering, plant_unbalanced, plant_unreadable)
from .plants_identity import (plant_field_mismatch, plant_invalid_credit_code, plant_missing_document,
                              plant_not_in_guangzhou, plant_registered_too_late, plant_staff_count)

__all__ = ["PLANTS", "DuplicateRegistry", "apply_plants", "choose_auto", "choose_all", "mark_duplicate_origin"]

PlantFn = Callable[[Submission, random.Random, "str | None"], "str | None"]
# Order matters: people first, value plants next, statement rebuilds before statement edits, drops last.
PLANTS: dict[str, PlantFn] = {
    "duplicate_across_submissions": plant_duplicate,  # type: ignore[dict-item]
    "staff_qualification_shortfall": plant_qualification_shortfall,
    "invalid_id_number": plant_invalid_id,
    "registered_too_late": plant_registered_too_late,
    "not_registered_in_guangzhou": plant_not_in_guangzhou,
    "invalid_credit_code": plant_invalid_credit_code,
    "field_mismatch": plant_field_mismatch,
    "staff_count_out_of_range": plant_staff_count,
    "financial_period_invalid": plant_financial_period,
    "balance_sheet_unbalanced": plant_unbalanced,
    "income_statement_inconsistent": plant_income_inconsistent,
    "premises_not_covered": plant_premises,
    "date_inconsistent": plant_date_inconsistent,
    "possible_tampering": plant_tampering,
    "missing_seal": plant_missing_seal,
    "unreadable_field": plant_unreadable,
    "missing_document": plant_missing_document,
}
assert set(PLANTS) == set(FINDING_CODES)


def apply_plants(sub: Submission, plants: list[str], rng: random.Random,
                 registry: DuplicateRegistry | None = None) -> list[str]:
    """Apply the named plants ('code' or 'code:variant'); returns those that could not be planted."""
    wanted: list[tuple[str, str | None]] = []
    for item in plants:
        code, _, variant = item.partition(":")
        if code not in PLANTS:
            raise ValueError(f"unknown problem {code!r}; choose from {', '.join(PLANTS)}")
        wanted.append((code, variant or None))
    order = list(PLANTS)
    wanted.sort(key=lambda cv: order.index(cv[0]))
    failed = []
    for code, variant in wanted:
        if code == "duplicate_across_submissions":
            note = plant_duplicate(sub, rng, variant, registry)
        else:
            note = PLANTS[code](sub, rng, variant)
        if note is None:
            failed.append(code if variant is None else f"{code}:{variant}")
        else:
            sub.planted.append(note)
    return failed


AUTO_WEIGHTS = {code: 1.0 for code in PLANTS}
AUTO_WEIGHTS.update(field_mismatch=3.0, missing_document=1.5, unreadable_field=0.5)


def choose_auto(rng: random.Random) -> list[str]:
    """About 60 % of submissions get 1-4 distinct plants."""
    if rng.random() >= 0.6:
        return []
    codes, weights = list(AUTO_WEIGHTS), list(AUTO_WEIGHTS.values())
    chosen: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
        pick = rng.choices(codes, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def choose_all(count: int, rng: random.Random) -> list[list[str]]:
    """Spread every plant over the batch (duplicates never on the first submission)."""
    codes = [c for c in PLANTS if c != "duplicate_across_submissions"]
    rng.shuffle(codes)
    plan: list[list[str]] = [[] for _ in range(count)]
    for i, code in enumerate(codes):
        plan[i % count].append(code)
    plan[1 % count if count > 1 else 0].append("duplicate_across_submissions")
    return plan


def mark_duplicate_origin(folder: Path, field_name: str) -> None:
    """Record the duplicate in the earlier submission's truth too: both must be reported."""
    path = folder / "truth.json"
    truth = json.loads(path.read_text(encoding="utf-8"))
    finding = {"code": "duplicate_across_submissions", "severity": "warning", "field": field_name}
    if finding not in truth["findings"]:
        truth["findings"].append(finding)
        truth["planted"].append(f"duplicate_across_submissions: a later submission reuses this {field_name}")
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
