"""python -m samples.generator --out DIR --count N --seed S [--problems auto|none|all|CODE,...]
[--scan-profile mixed|clean|hard|photo] [--font-set default|heldout]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import FONT_SETS, SCAN_PROFILES, generate_batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__)
    parser.add_argument("--out", required=True, type=Path, help="output folder (one sub-folder per submission)")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--problems", default="auto",
                        help="auto (≈60%% get 1-4 plants), none, all (every finding code over the batch) or code[:variant],...")
    parser.add_argument("--scan-profile", default="mixed", choices=SCAN_PROFILES)
    parser.add_argument("--font-set", default="default", choices=FONT_SETS)
    parser.add_argument("--prefix", default="sub", help="submission folder prefix")
    args = parser.parse_args(argv)
    start = time.process_time()
    try:
        folders = generate_batch(args.out, args.count, args.seed, problems=args.problems,
                                 scan_profile=args.scan_profile, font_set=args.font_set, prefix=args.prefix)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(folders)} submissions to {args.out} in {time.process_time() - start:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
