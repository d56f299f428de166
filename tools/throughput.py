"""Measure how fast each activation runs, for `make bench` (see relu_glossary.throughput)."""

from __future__ import annotations

import json
import os
import platform
import timeit
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from relu_glossary.registry import ACTIVATIONS
from relu_glossary.throughput import DATA_FILE


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "system": platform.system(),
    }


def measure(size: int = 1_000_000, repeat: int = 5) -> dict:
    """Elements per second of each activation and derivative on a float32 array
    (best of ``repeat`` runs, single thread, NumPy only)."""
    x = np.random.default_rng(0).standard_normal(size).astype(np.float32)
    results = []
    for name, spec in ACTIVATIONS.items():
        row = {"name": name}
        for kind, fn in (("function", spec.function), ("derivative", spec.derivative)):
            seconds = min(timeit.repeat(lambda fn=fn, p=spec.parameters: fn(x, **p), number=1, repeat=repeat))
            row[f"{kind}_elements_per_second"] = size / seconds
        results.append(row)
    return {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine(),
        "array": {"size": size, "dtype": "float32", "repeat": repeat},
        "results": results,
    }


def write(path: Path = DATA_FILE, **kwargs) -> dict:
    data = measure(**kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    data = write()
    for row in data["results"]:
        print(f"{row['name']:15s} {row['function_elements_per_second'] / 1e6:9.1f} M/s")
