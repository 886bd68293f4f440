"""`python -m samples.handmade [--out DIR] [--only NAME]`: rebuild the hand-made packets."""

from __future__ import annotations

import argparse
from pathlib import Path

from .build import build_packet
from .specs import all_packets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.handmade", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "packets")
    parser.add_argument("--only", help="build just this packet")
    args = parser.parse_args(argv)
    for packet in all_packets():
        if args.only and packet.name != args.only:
            continue
        folder = build_packet(packet, args.out)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"{packet.name}: {sum(len(d.scans) for d in packet.documents)} pages, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
