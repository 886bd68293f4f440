"""The benchmark's markdown table: what docs/benchmarks.md shows."""

from __future__ import annotations

from bench.evaluate import Score


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} % ({right}/{total})" if total else "—"


def render_table(score: Score, *, header: str, clean_submissions: int, pages: int, seconds: float,
                 peak_mib: float) -> str:
    field_right, field_total = sum(score.field_right.values()), sum(score.field_total.values())
    planted, found = sum(score.findings_planted.values()), sum(score.findings_found.values())
    lines = [f"### {header}", "", "| measure | value |", "|---|---|",
             f"| page doc_type accuracy | {_pct(score.pages_right, score.pages_total)} |",
             f"| field exact-match, all | {_pct(field_right, field_total)} |",
             f"| finding recall, all codes | {_pct(found, planted)} |",
             f"| false alarms per clean submission | "
             f"{(sum(score.false_alarms.values()) / clean_submissions) if clean_submissions else 0:.2f}"
             f" (all submissions: {sum(score.false_alarms.values())} in total) |",
             f"| seconds per page (wall) | {seconds / pages if pages else 0:.2f} ({pages} pages) |",
             f"| peak memory | {peak_mib:.0f} MiB |", "",
             "| doc_type | field exact-match | worst fields (misses) |", "|---|---|---|"]
    for doc_type in sorted(score.field_total):
        misses = sorted(((n, f) for (d, f), n in score.field_misses.items() if d == doc_type), reverse=True)[:4]
        worst = ", ".join(f"{f} ({n})" for n, f in misses) or "—"
        lines.append(f"| {doc_type} | {_pct(score.field_right[doc_type], score.field_total[doc_type])} | {worst} |")
    if score.variant_total:
        lines += ["", "| scan variant (of the document's pages) | field exact-match | worst fields (misses) |",
                  "|---|---|---|"]
        for variant in sorted(score.variant_total):
            misses = sorted(((n, f) for (v, f), n in score.variant_misses.items() if v == variant), reverse=True)[:3]
            worst = ", ".join(f"{f} ({n})" for n, f in misses) or "—"
            lines.append(f"| {variant} | {_pct(score.variant_right[variant], score.variant_total[variant])} | {worst} |")
    lines += ["", "| finding code | recall | false alarms |", "|---|---|---|"]
    for code in sorted(set(score.findings_planted) | set(score.false_alarms)):
        lines.append(f"| {code} | {_pct(score.findings_found[code], score.findings_planted[code])} "
                     f"| {score.false_alarms[code]} |")
    if score.tamper:
        edited, clean = score.tamper["edited_flagged"], score.tamper["clean_flagged"]
        lines += ["", "| possible_tampering, by scanned page | value |", "|---|---|",
                  f"| recall on edited pages | {_pct(edited, score.tamper['edited'])} |",
                  f"| precision of flagged pages | {_pct(edited, edited + clean)} |",
                  f"| clean pages flagged | {_pct(clean, score.tamper['clean'])} |"]
    if score.page_confusions:
        lines += ["", "Page confusions (truth → found): " + ", ".join(
            f"{t}→{f} ×{n}" for (t, f), n in score.page_confusions.most_common(8))]
    return "\n".join(lines) + "\n"
