"""The benchmark's arithmetic (tools/benchmark.py): which runs a figure compares."""

from __future__ import annotations

from tools.medians import median_ratio, median_run


def test_a_ratio_compares_each_run_with_the_reference_run_made_beside_it():
    # Two pairs measure 1.1x; the third pair's measured run was made while the machine
    # was slower (2.2x).
    pairs = [
        ({"seconds": 2.0}, {"seconds": 2.2}),
        ({"seconds": 3.0}, {"seconds": 3.3}),
        ({"seconds": 2.0}, {"seconds": 4.4}),
    ]
    assert median_ratio(pairs) == 1.1
    # (the ratio of the two medians, 3.3 s / 2.0 s = 1.65, would compare runs made at
    # different moments)


def test_a_ratio_can_be_taken_of_another_measure():
    pairs = [({"seconds": 1.0, "cpu_seconds": 2.0}, {"seconds": 1.0, "cpu_seconds": 3.0})]
    assert median_ratio(pairs, "cpu_seconds") == 1.5


def test_the_median_run_keeps_every_runs_time():
    runs = [{"seconds": 3.0, "read": 0}, {"seconds": 1.0, "read": 0}, {"seconds": 2.0, "read": 1}]
    assert median_run(runs) == {"seconds": 2.0, "read": 1, "runs": [3.0, 1.0, 2.0]}
