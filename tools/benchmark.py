"""`make bench`: measure the build and the pages on this machine, print one table.

Run from the repository root.  Works on a fresh clone of HEAD in a temporary
directory so the numbers are those a new contributor sees.  Writes the table as
JSON to ``_build/bench.json``; also refreshes the committed activation
throughput data (``docs/_data/throughput.json``) that the comparison page shows.
Nothing here is asserted by the tests: timings are measured, not checked.

It ends with the scale rows (tools/scale.py): the site built with a glossary of
100 and of 1,000 terms.  ``make bench BENCH_ARGS=--scale-only`` measures those alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools import scale, throughput
from tools.medians import median_ratio, median_run

REPEAT = 3  # timed builds per measure; the table gives the median
PAGES = {"term page": "terms/relu.html", "notebook page": "notebooks/relu.html", "index": "index.html"}


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def _sphinx(repo: Path, out: str, *extra: str, strict: bool = True) -> list[str]:
    flags = (["-W", "--keep-going", "-n"] if strict else []) + ["-j", "auto"]  # as `make html`
    return [
        str(repo / ".venv/bin/sphinx-build"),
        "--no-color",
        "-c",
        ".",
        "-d",
        f"{out}/doctrees",
        *flags,
        *extra,
        "docs",
        f"{out}/html",
    ]


def _read_docs(log: str) -> list[str]:
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", log)


def _executed(log: str) -> int:
    return len(re.findall(r"Executed notebook in", log))


def _build_step(repo: Path, out: str, *extra: str, strict: bool = True) -> dict:
    seconds, log = _run(_sphinx(repo, out, *extra, "-v", strict=strict), repo)
    # Sphinx's own count; with -j the progress lines show only chunk ranges
    counts = re.search(r"(\d+) added, (\d+) changed, \d+ removed", log)
    read = int(counts.group(1)) + int(counts.group(2)) if counts else 0
    stale = re.search(r"code changed for \d+ page\(s\): (.*)", log)
    names = stale.group(1).split(", ") if stale else _read_docs(log)
    return {
        "seconds": round(seconds, 2),
        "documents_read": read,
        "read": names[:read],
        "notebooks_executed": _executed(log),
    }


def empty_project(empty: Path, repo: Path) -> Path:
    """Two near-empty pages (the theme cannot render a project without a toctree)
    with the project's conf.py and the folders it refers to."""
    (empty / "docs").mkdir(parents=True)
    (empty / "docs" / "index.md").write_text("# Empty\n\n```{toctree}\npage\n```\n", encoding="utf-8")
    (empty / "docs" / "page.md").write_text("# Page\n", encoding="utf-8")
    shutil.copy(repo / "conf.py", empty / "conf.py")
    for folder in ("_templates", "_static"):
        shutil.copytree(repo / "docs" / folder, empty / "docs" / folder)
    return empty


def _page_weight(site: Path) -> dict:
    """Gzip bytes of each page and everything it loads, as Chromium requests it."""
    try:
        from tools.browser import CHROMIUM, chromium, goto, new_page, serve
    except ImportError:
        return {"note": "playwright not installed"}
    if not CHROMIUM:
        return {"note": "chromium not installed"}
    weights = {}
    with serve(site, compress=True) as base, chromium() as browser:
        for label, path in PAGES.items():
            page = new_page(browser)
            urls: list[str] = []
            page.on("requestfinished", lambda req, urls=urls: urls.append(req.url))
            goto(page, base + path, quiet=0.5)  # a weight counts what comes late too
            page.context.close()
            total = raw = 0
            for url in set(urls):
                file = site / url[len(base) :].split("#")[0].split("?")[0]
                if url.startswith(base) and file.is_file():
                    data = file.read_bytes()
                    raw += len(data)
                    total += len(gzip.compress(data, compresslevel=6, mtime=0))
            weights[label] = {"requests": len(set(urls)), "raw_bytes": raw, "gzip_bytes": total}
    return weights


def _lighthouse(site: Path) -> dict | str:
    return lighthouse_scores(site, PAGES)


#: Lighthouse runs per page: their median is the score reported.
LIGHTHOUSE_RUNS = 3


def lighthouse_scores(site: Path, pages: dict[str, str], runs: int = LIGHTHOUSE_RUNS) -> dict | str:
    """Lighthouse mobile performance of each page, served gzip-compressed on 127.0.0.1:
    the median of ``runs`` runs and their range (one run of the same page varied by
    up to eight points on this 2-core machine; Lighthouse's own advice is a median),
    and the range of each page's total blocking time, where most of that spread is.
    (Lighthouse's simulation leaves a page's first style and layout out of its first
    paint unless a preloaded script happened to run before it; when it is left out,
    that task counts as blocking, twice its traced length.)
    Uses a `lighthouse` on PATH or in $LIGHTHOUSE (npm), and Debian's Chromium."""
    from tools.browser import CHROMIUM, CHROMIUM_ARGS, serve

    binary = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if not binary or not Path(binary).exists() or not CHROMIUM:
        return "n/a (lighthouse or chromium not installed)"
    runs_of: dict[str, list] = {label: [] for label in pages}
    options = ["--only-categories=performance", "--form-factor=mobile", "--output=json", "--quiet",
               f"--chrome-flags=--headless {' '.join(CHROMIUM_ARGS)}"]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with serve(site, compress=True) as base:
        for _ in range(runs):  # rounds, so that a busy moment does not fall on one page's runs
            for label, path in pages.items():
                result = subprocess.run([binary, base + path, *options], capture_output=True, text=True, env=env)
                try:
                    report = json.loads(result.stdout)
                    score = round(report["categories"]["performance"]["score"] * 100)
                    blocking = round(report["audits"]["total-blocking-time"]["numericValue"])
                    runs_of[label].append((score, blocking))
                except (ValueError, KeyError, TypeError):
                    runs_of[label].append(f"failed: {result.stderr.strip().splitlines()[-1:] or '?'}")
    scores = {}
    for label, found in runs_of.items():
        measured = [run for run in found if isinstance(run, tuple)]
        if measured and len(measured) == len(found):
            numbers = sorted(score for score, _ in measured)
            blocking = sorted(ms for _, ms in measured)
            scores[label] = {"median": statistics.median_low(numbers), "runs": numbers, "blocking_ms": blocking}
        else:
            scores[label] = found
    return scores


def lighthouse_line(scores: dict | str) -> str:
    """``term page 98 (97-100; blocking 0-180 ms), ...``: each page's median and range,
    and the range of its total blocking time."""
    if not isinstance(scores, dict):
        return scores
    shown = []
    for label, score in scores.items():
        if isinstance(score, dict):
            low, high = score["runs"][0], score["runs"][-1]
            spread = f"{low}-{high}; " if low != high else ""
            blocking = score["blocking_ms"]
            shown.append(f"{label} {score['median']} ({spread}blocking {blocking[0]}-{blocking[-1]} ms)")
        else:
            shown.append(f"{label} {score}")
    return ", ".join(shown)


def main() -> None:
    parser = argparse.ArgumentParser(description="make bench: measure builds and pages on a clone of HEAD")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the 100- and 1,000-term rows (tools/scale.py)")  # fmt: skip
    args = parser.parse_args()
    source = Path.cwd()
    work = Path(tempfile.mkdtemp(prefix="relu-bench-"))
    repo = work / "clone"
    subprocess.run(["git", "clone", "-q", str(source), str(repo)], check=True)
    table: dict = {"machine": throughput.machine()}
    if args.scale_only:
        _scale(table, repo)
        _save(source, table)
        shutil.rmtree(work, ignore_errors=True)
        return

    fresh, _ = _run(["make", "html"], repo)
    table["fresh clone -> site (install + cold build)"] = {"seconds": round(fresh, 2)}
    for folder in ("_build", "docs/terms", "docs/glossary", "docs/_generated"):
        shutil.rmtree(repo / folder, ignore_errors=True)
    # A 2-core machine is noisy: cold builds and floors alternate, and the medians count.
    cold, floor = [], []
    for _ in range(REPEAT):
        for runs, out, extra, strict in (
            (cold, "_build/b", (), True),
            # Without execution, {eval} roles and unexecuted
            # cells warn: the floor is timed, not strict.
            (floor, "_build/floor", ("-D", "nb_execution_mode=off"), False),
        ):
            shutil.rmtree(repo / out, ignore_errors=True)
            runs.append(_build_step(repo, out, *extra, strict=strict))
    table["cold build"], table["cold build, execution off (floor)"] = median_run(cold), median_run(floor)
    pairs = list(zip(floor, cold, strict=True))
    table["cold build / floor (median of pairs)"] = {"ratio": median_ratio(pairs), "target": "<= 2"}
    # The no-op's reference: the same configuration and flags on a near-empty
    # project; the two alternate, as a no-op takes seconds and the noise is large.
    empty = empty_project(work / "empty", repo)
    empty_cmd = _sphinx(repo, "b", "-v", "-D", "relu_glossary_dir=", strict=False)
    _run(empty_cmd, empty)
    noop, empty_noop = [], []
    for _ in range(2 * REPEAT - 1):
        noop.append(_build_step(repo, "_build/b"))
        empty_noop.append({"seconds": round(_run(empty_cmd, empty)[0], 2)})
    table["no-op rebuild"] = median_run(noop)
    table["empty project, same configuration, no-op"] = median_run(empty_noop)
    table["no-op rebuild / empty project (median of pairs)"] = {
        "ratio": median_ratio(list(zip(empty_noop, noop, strict=True))),
        "target": "<= 1.2",
    }

    term = repo / "glossary" / "sparsity.yaml"
    term.write_text(
        term.read_text(encoding="utf-8").replace("スパース性（疎性）は", "スパース性（疎性、sparsity）は"),
        encoding="utf-8",
    )
    table["one term's YAML edited"] = _build_step(repo, "_build/b")
    code = repo / "src" / "relu_glossary" / "activations.py"
    code.write_text(
        code.read_text(encoding="utf-8").replace(
            '"""x * sigmoid(x), also called Swish (with β = 1)."""', '"""x * sigmoid(x), a.k.a. Swish (β = 1)."""'
        ),
        encoding="utf-8",
    )
    table["one activation in src/ edited"] = _build_step(repo, "_build/b")

    table["page weight"] = _page_weight(repo / "_build" / "b" / "html")
    table["lighthouse mobile performance"] = _lighthouse(repo / "_build" / "b" / "html")
    data = throughput.write()
    table["activation throughput (float32, 1e6 elements)"] = {
        r["name"]: f"{r['function_elements_per_second'] / 1e6:.0f} M/s" for r in data["results"]
    }

    _print(table)
    _scale(table, repo)
    _save(source, table)
    shutil.rmtree(work, ignore_errors=True)


def _scale(table: dict, repo: Path) -> None:
    """The glossary grown to 100 and 1,000 terms (tools/scale.py), printed as it ends."""
    print(f"{'glossary size (tools/scale.py)':48s} synthetic terms added to a copy of the clone")
    table["scale"] = scale.measure(repo, lighthouse=True)
    scale.print_table(table["scale"])


def _save(source: Path, table: dict) -> None:
    out = source / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _print(table: dict) -> None:
    print(f"{'measure':48s} value")
    for key, value in table.items():
        if key == "machine":
            print(f"{'machine':48s} {value['cpu']} ({value['cores']} cores), Python {value['python']}")
        elif isinstance(value, dict) and "seconds" in value:
            extra = ""
            if "documents_read" in value:
                shown = ", ".join(value["read"][:6]) + (" …" if len(value["read"]) > 6 else "")
                extra = f"  read {value['documents_read']} docs, executed {value['notebooks_executed']} notebooks" + (
                    f" [{shown}]" if 0 < value["documents_read"] < 60 else ""
                )
            if len(value.get("runs", [])) > 1:
                extra += f"  (runs: {', '.join(f'{r:.2f}' for r in value['runs'])})"
            print(f"{key:48s} {value['seconds']:7.2f} s{extra}")
        elif isinstance(value, dict) and "ratio" in value:
            print(f"{key:48s} {value['ratio']:7.2f}   target {value['target']}")
        elif key == "page weight":
            for label, w in value.items():
                if isinstance(w, dict):
                    print(
                        f"{'page weight: ' + label:48s} {w['gzip_bytes'] / 1024:7.0f} KiB gzip "
                        f"({w['raw_bytes'] / 1024:.0f} KiB raw, {w['requests']} requests)"
                    )
                else:
                    print(f"{'page weight':48s} {w}")
        elif key.startswith("lighthouse"):
            print(f"{key:48s} {lighthouse_line(value)}")
        elif isinstance(value, dict):
            print(f"{key:48s} " + ", ".join(f"{k} {v}" for k, v in list(value.items())[:6]) + " …")
        else:
            print(f"{key:48s} {value}")


if __name__ == "__main__":
    main()
