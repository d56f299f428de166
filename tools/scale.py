"""The scale rows of `make bench`: the site built with a glossary of 100 and of
1,000 terms (tools/synthetic.py adds terms to a copy of the project).

For each size it reports: the cold build of the glossary alone, per term (its
time less that of an empty project with the same configuration, divided by the
number of terms); the whole cold build, notebooks included; a no-op rebuild
against the empty project's; one term's summary edited (the pages read and
written, and whether they are exactly the term's page and the pages that show
it); the search index; the weight of the glossary index, the relation map and
the heaviest term page; the files in the site and the files each rebuild wrote.

    python -m tools.scale [--sizes 100 1000] [--source DIR]   # DIR: a tree with conf.py, docs, glossary, src

Timings are measured here, never asserted by the tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from relu_glossary.sphinxext import search, search_parts, search_text
from tools import synthetic
from tools.medians import median_ratio, median_run

SIZES = (100, 1000)
NOOP_REPEAT = 3  # no-op rebuilds alternate with the empty project's; medians count
#: How the empty project is built: no glossary, so not strictly (its pages link nowhere).
EMPTY_BUILD = ("-D", "relu_glossary_dir=")
PARTS = ("conf.py", "docs", "glossary", "src")
#: What is not copied: the build's own output in docs/, caches in src/.
IGNORE = {
    "docs": shutil.ignore_patterns("terms", "glossary", "_generated"),
    "src": shutil.ignore_patterns("__pycache__", "*.egg-info"),
}


def copy(source: Path, dst: Path, terms: int, notebooks: bool = True) -> Path:
    """``source``'s project with a glossary of ``terms`` terms (and no notebooks when asked)."""
    dst.mkdir(parents=True)
    for name in PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, dst / name, ignore=IGNORE.get(name))
        else:
            shutil.copy2(source / name, dst / name)
    synthetic.write(dst / "glossary", terms)
    if not notebooks:
        shutil.rmtree(dst / "docs" / "notebooks")
        index = dst / "docs" / "index.md"
        index.write_text(re.sub(r"notebooks/\S+\n", "", index.read_text(encoding="utf-8")), encoding="utf-8")
    return dst


def empty_project(dst: Path, source: Path) -> Path:
    """benchmark.empty_project with the copy's own code (src/), built without a glossary."""
    from tools import benchmark

    benchmark.empty_project(dst, source)
    shutil.copytree(source / "src", dst / "src", ignore=IGNORE["src"])
    return dst


def build(project: Path, *extra: str, strict: bool = True) -> dict:
    """``make html``'s Sphinx command on ``project`` (into project/_build), timed."""
    out = project / "_build"
    cmd = [sys.executable, "-m", "sphinx", "--no-color", "-c", str(project), "-d", str(out / "doctrees")]
    cmd += (["-W", "--keep-going", "-n"] if strict else []) + ["-j", "auto", *extra, "-b", "html"]
    cmd += [str(project / "docs"), str(out / "html")]
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0"}
    env.pop("RELU_GLOSSARY_BASEURL", None)
    before = _stamps(out / "html")
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    log = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{log[-4000:]}")
    counts = re.search(r"(\d+) added, (\d+) changed, \d+ removed", log)
    after = _stamps(out / "html")
    return {
        "seconds": round(seconds, 2),
        # the CPU time of the build and of every process it waited for (readers,
        # writers, kernels): on a shared machine, what the build itself cost
        "cpu_seconds": round(cpu, 1),
        "documents_read": int(counts[1]) + int(counts[2]) if counts else 0,
        "files_written": sorted(p for p, stamp in after.items() if before.get(p) != stamp),
        "files": len(after),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stamps(site: Path) -> dict[str, int]:
    if not site.is_dir():
        return {}
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


_LOADS = re.compile(r'<(?:link[^>]*rel="(?:stylesheet|preload)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"')


def page_weight(site: Path, page: str) -> dict:
    """Gzip bytes of a page and of the local files it links in its HTML (styles,
    scripts, images: what a browser requests to show it)."""
    html = (site / page).read_bytes()
    files = set()
    for url in _LOADS.findall(html.decode("utf-8")):
        if "://" in url or url.startswith("data:"):
            continue
        path = (site / page).parent / url.split("?")[0].split("#")[0]
        if path.is_file():
            files.add(path.resolve())
    loaded = sum(_gzip(p.read_bytes()) for p in files)
    return {"page": page, "html_gzip": _gzip(html), "gzip_bytes": _gzip(html) + loaded, "requests": 1 + len(files)}


#: Searches whose loads are reported: a Latin word, a Japanese compound.
SEARCHES = ("relu", "勾配消失")


def search_load(site: Path, query: str, parts: dict[str, int]) -> int:
    """Gzip bytes a search for ``query`` loads: the search page and its files, the
    terms' names, and the parts of the index its words are in (split as the page
    splits a query: a Latin word, or the pairs of a Japanese run)."""
    words = [query] if query.isascii() else [query[i : i + 2] for i in range(len(query) - 1)]
    wanted = {search_parts.BASE, *(search_parts.part_of(w.lower()) for w in words)}
    names = site / "_static" / search.NAMES
    loaded = page_weight(site, "search.html")["gzip_bytes"] + sum(parts[name] for name in wanted)
    return loaded + (_gzip(names.read_bytes()) if names.is_file() else 0)


def _edit_one_term(project: Path) -> str:
    """Change a synthetic term's summary; return its id.  The term is one with a
    few relations (not a hub), the most common case."""
    for path in sorted((project / "glossary").glob(f"{synthetic.PREFIX}*.yaml")):
        text = path.read_text(encoding="utf-8")
        if 2 <= text.count("- ") <= 5 and "\nsummary: " in text:
            path.write_text(text.replace("\nsummary: ", "\nsummary: 編集した要約。", 1), encoding="utf-8")
            return path.stem
    raise RuntimeError("no synthetic term to edit")


def _linking_pages(site: Path, term_id: str) -> set[str]:
    """The pages that show the term: its own, and every page with a link to it."""
    pattern = re.compile(rf'href="(?:[^"]*/)?{re.escape(term_id)}\.html#term-{re.escape(term_id)}"')
    found = {f"terms/{term_id}.html"}
    for page in site.rglob("*.html"):
        if pattern.search(page.read_text(encoding="utf-8")):
            found.add(page.relative_to(site).as_posix())
    return found


def measure_size(source: Path, work: Path, terms: int, empty: dict, empty_dir: Path, lighthouse: bool = False) -> dict:
    """One size's row; ``empty`` holds the empty project's cold figures, ``empty_dir`` its folder."""
    row: dict = {"terms": terms}
    glossary_only = copy(source, work / f"glossary-{terms}", terms, notebooks=False)
    cold = build(glossary_only)
    row["cold build, glossary only"] = {"seconds": cold["seconds"], "cpu_seconds": cold["cpu_seconds"]}
    row["cold per term (ms)"] = round(1000 * (cold["seconds"] - empty["cold"]) / terms, 1)
    row["cold per term, CPU (ms)"] = round(1000 * (cold["cpu_seconds"] - empty["cold_cpu"]) / terms, 1)
    shutil.rmtree(glossary_only)

    project = copy(source, work / f"site-{terms}", terms)
    full = build(project)
    row["cold build, notebooks included"] = {"seconds": full["seconds"], "cpu_seconds": full["cpu_seconds"]}
    row["files in the site"] = full["files"]
    # Each no-op right after one of the empty project's: this machine's speed drifts
    # by 10-20% within a session, so each ratio compares runs made at the same moment.
    pairs = [(build(empty_dir, *EMPTY_BUILD, strict=False), build(project)) for _ in range(NOOP_REPEAT)]
    noop = median_run([ours for _, ours in pairs])
    row["no-op rebuild"] = {
        "seconds": noop["seconds"],
        "cpu_seconds": noop["cpu_seconds"],
        "runs": noop["runs"],
        "documents_read": noop["documents_read"],
        "files_written": len(noop["files_written"]),
        "empty project runs": [empty_run["seconds"] for empty_run, _ in pairs],
        # the median of each pair's ratio, in time and in CPU
        "ratio to empty project": median_ratio(pairs),
        "CPU ratio to empty project": median_ratio(pairs, "cpu_seconds"),
    }
    site = project / "_build" / "html"
    edited = _edit_one_term(project)
    shows = _linking_pages(site, edited)
    edit = build(project)
    pages = {p for p in edit["files_written"] if p.endswith(".html")}
    row["one term edited"] = {
        "term": edited,
        "seconds": edit["seconds"],
        "cpu_seconds": edit["cpu_seconds"],
        "documents_read": edit["documents_read"],
        "pages_written": len(pages),
        "pages that show the term": len(shows),
        # Sphinx writes genindex and search on every build, and index.html because its
        # toctree lists glossary/index, which was read again
        "written beyond them": sorted(pages - shows - {"genindex.html", "search.html", "index.html"}),
        "not written among them": sorted(shows - pages),
        "files_written": len(edit["files_written"]),
    }
    index = site / "searchindex.js"
    row["search index"] = {"bytes": index.stat().st_size, "gzip_bytes": _gzip(index.read_bytes())}
    folder = site / search_parts.FOLDER
    parts = {name: _gzip((folder / file).read_bytes()) for name, file in search_parts.names_on_disk(folder).items()}
    row["search index parts"] = {
        "base": parts[search_parts.BASE],
        "latin": parts[search_parts.LATIN],
        "largest Japanese part": max(v for k, v in parts.items() if k not in (search_parts.BASE, search_parts.LATIN)),
        **{f"a search for {query} (page, scripts and parts)": search_load(site, query, parts) for query in SEARCHES},
    }
    folder = site / search_text.TEXT_FOLDER
    texts = sorted(folder.rglob("*.txt"))
    if texts:
        # what a snippet fetches: the page's text (search_text.py), where it fetched the page
        pages = [site / t.relative_to(folder).with_suffix(".html") for t in texts]
        row["snippet texts"] = {
            "texts": len(texts),
            "median text gzip": statistics.median(_gzip(t.read_bytes()) for t in texts),
            "median page gzip": statistics.median(_gzip(p.read_bytes()) for p in pages),
        }
    names = site / "_static" / search.NAMES
    if names.is_file():
        row["search names"] = {"bytes": names.stat().st_size, "gzip_bytes": _gzip(names.read_bytes())}
    heaviest = max(site.glob("terms/*.html"), key=lambda p: _gzip(p.read_bytes())).relative_to(site).as_posix()
    row["page weight"] = {
        label: page_weight(site, page)
        for label, page in (
            ("glossary index (五十音, with summaries)", "glossary/index.html"),
            ("alphabetical listing", "glossary/alphabetical.html"),
            ("categories listing", "glossary/categories.html"),
            ("relation map", "glossary/relu-relations.html"),
            ("heaviest term page", heaviest),
            ("search page (without a query: no index)", "search.html"),
        )
    }
    # (the search page loads the parts of the index its query needs: "search index parts")
    if lighthouse:
        from tools.benchmark import lighthouse_scores

        pages = {label: w["page"] for label, w in row["page weight"].items()}
        # a search as a reader makes it: the ranking, then a snippet fetched from each result's page
        pages["search for relu (results and snippets)"] = "search.html?q=relu"
        row["lighthouse mobile performance"] = lighthouse_scores(site, pages)
    shutil.rmtree(project)
    return row


def measure(source: Path, sizes=SIZES, lighthouse: bool = False) -> dict:
    """The scale rows; ``lighthouse`` adds Lighthouse scores at the largest size."""
    work = Path(tempfile.mkdtemp(prefix="relu-scale-"))
    try:
        empty_dir = empty_project(work / "empty", source)
        cold = build(empty_dir, *EMPTY_BUILD, strict=False)
        # its no-ops are timed beside each size's (measure_size)
        empty = {"cold": cold["seconds"], "cold_cpu": cold["cpu_seconds"]}
        table = {"empty project": empty}
        for terms in sizes:
            scored = lighthouse and terms == max(sizes)  # Lighthouse at the largest size only
            table[f"{terms} terms"] = measure_size(source, work, terms, empty, empty_dir, scored)
        if len(sizes) == 2:
            for kind in ("cold per term (ms)", "cold per term, CPU (ms)"):
                small, large = (table[f"{n} terms"][kind] for n in sizes)
                table[f"{kind.replace(' (ms)', '')}: largest / smallest"] = {"ratio": round(large / small, 2),
                                                                            "target": "<= 1.3"}  # fmt: skip
        return table
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _secs(row: dict) -> str:
    return f"{row['seconds']:7.2f} s ({row['cpu_seconds']:.0f} s CPU)"


def print_table(table: dict) -> None:
    empty = table["empty project"]
    print(f"{'empty project (same configuration)':48s} cold {empty['cold']:.2f} s ({empty['cold_cpu']:.0f} s CPU)")
    for key, row in table.items():
        if not key.endswith(" terms"):
            continue
        noop, edit = row["no-op rebuild"], row["one term edited"]
        print(f"--- {key} ---")
        print(f"{'  cold build, glossary only':48s} {_secs(row['cold build, glossary only'])}"
              f"  per term over the empty project: {row['cold per term (ms)']:.1f} ms"
              f" ({row['cold per term, CPU (ms)']:.1f} ms CPU)")  # fmt: skip
        print(f"{'  cold build, notebooks included':48s} {_secs(row['cold build, notebooks included'])}"
              f"  {row['files in the site']} files in the site")  # fmt: skip
        runs, empty_runs = (", ".join(map(str, noop[k])) for k in ("runs", "empty project runs"))
        print(f"{'  no-op rebuild':48s} {_secs(noop)}  read {noop['documents_read']} docs, "
              f"wrote {noop['files_written']} files; {noop['ratio to empty project']:.2f}x the empty project "
              f"({noop['CPU ratio to empty project']:.2f}x in CPU; runs: {runs}; "
              f"the empty project's, alternating: {empty_runs})")  # fmt: skip
        print(f"{'  one term edited (' + edit['term'] + ')':48s} {_secs(edit)}  read "
              f"{edit['documents_read']} docs, wrote {edit['pages_written']} pages "
              f"({edit['pages that show the term']} show the term; others: {edit['written beyond them'] or 'none'}; "
              f"missing: {edit['not written among them'] or 'none'}), {edit['files_written']} files")  # fmt: skip
        search = row["search index"]
        print(f"{'  search index, whole (searchindex.js)':48s} {search['bytes'] / 1024:7.0f} KiB "
              f"({search['gzip_bytes'] / 1024:.0f} KiB gzip)")  # fmt: skip
        if "search index parts" in row:
            print(f"{'  search index parts (gzip)':48s} "
                  + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in row["search index parts"].items()))  # fmt: skip
        if "snippet texts" in row:
            texts = row["snippet texts"]
            print(f"{'  a snippet fetches (median, gzip)':48s} {texts['median text gzip'] / 1024:7.1f} KiB "
                  f"(the page's text; the page itself: {texts['median page gzip'] / 1024:.1f} KiB)")  # fmt: skip
        if "search names" in row:
            names = row["search names"]
            print(f"{'  search names (term lookup)':48s} {names['bytes'] / 1024:7.0f} KiB "
                  f"({names['gzip_bytes'] / 1024:.0f} KiB gzip)")  # fmt: skip
        for label, w in row["page weight"].items():
            print(f"{'  weight: ' + label:48s} {w['gzip_bytes'] / 1024:7.0f} KiB gzip"
                  f"  (HTML {w['html_gzip'] / 1024:.0f} KiB gzip, {w['requests']} files; {w['page']})")  # fmt: skip
        if "lighthouse mobile performance" in row:
            from tools.benchmark import LIGHTHOUSE_RUNS, lighthouse_line

            scores = lighthouse_line(row["lighthouse mobile performance"])
            print(f"{f'  lighthouse mobile performance (median of {LIGHTHOUSE_RUNS})':48s} {scores}")
    for key, value in table.items():
        if key.endswith("largest / smallest"):
            print(f"{key:48s} {value['ratio']:7.2f}   target {value['target']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--source", type=Path, default=Path.cwd(), help="a tree with conf.py, docs, glossary, src")
    parser.add_argument("--json", type=Path, help="also write the table here")
    parser.add_argument("--lighthouse", action="store_true", help="Lighthouse scores of the largest size's pages")
    args = parser.parse_args()
    table = measure(args.source.resolve(), args.sizes, lighthouse=args.lighthouse)
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print_table(table)


if __name__ == "__main__":
    main()
