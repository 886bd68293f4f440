"""Regenerate the three committed packets under samples/packets/ (see samples/README.md).

    python -m samples.generator.committed [--out samples/packets]

Each recipe fixes the seed, so the packets are reproducible byte for byte.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from . import generate_submission

RECIPES: dict[str, dict[str, object]] = {
    "clean-01": {"seed": 105, "problems": [], "scan_profile": "mixed", "editable": "docx"},
    "problems-01": {"seed": 205, "problems": ["field_mismatch:registration_date", "invalid_credit_code",
                                              "balance_sheet_unbalanced", "missing_seal:application_form",
                                              "premises_not_covered", "possible_tampering"],
                    "scan_profile": "mixed", "editable": "xlsx"},
    "photo-01": {"seed": 300, "problems": [], "scan_profile": "photo", "editable": "none"},
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m samples.generator.committed")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "packets")
    args = parser.parse_args()
    for name, recipe in RECIPES.items():
        target = args.out / name
        if target.exists():
            shutil.rmtree(target)
        folder = generate_submission(args.out, int(recipe["seed"]),  # type: ignore[call-overload]
                                     problems=list(recipe["problems"]),  # type: ignore[call-overload]
                                     scan_profile=str(recipe["scan_profile"]), name=name,
                                     editable=str(recipe["editable"]), dpi=150)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"{name}: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
