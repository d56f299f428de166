"""The figures the benchmarks report from several runs: the median run, and the
median of paired ratios.  (tools.benchmark and tools.scale both use them; kept
apart so that neither imports the other for them.)"""

from __future__ import annotations

import statistics


def median_run(runs: list[dict]) -> dict:
    """The run with the median time, and the times of all runs."""
    middle = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
    middle["runs"] = [r["seconds"] for r in runs]
    return middle


def median_ratio(pairs: list[tuple[dict, dict]], measure: str = "seconds") -> float:
    """The median over (reference, measured) pairs of measured / reference.  The runs
    of a pair are made one after the other: this machine's speed drifts by 10-20%
    within a session, and a ratio of two medians could compare different moments."""
    return round(statistics.median(ours[measure] / reference[measure] for reference, ours in pairs), 2)
