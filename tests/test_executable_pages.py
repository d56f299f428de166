"""Executable pages: computed from src/ at build time, never stale, reproducible."""

from __future__ import annotations

import re

from helpers import REPO, build, copy_project, edit_activations, page_text, pages_plotting, worked_examples

NOTEBOOKS = sorted(p.stem for p in (REPO / "docs" / "notebooks").glob("*.md"))


def test_every_notebook_is_on_the_site(site):
    assert len(NOTEBOOKS) == 13
    for name in NOTEBOOKS:
        html = (site / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        assert "np.float64" not in html and "Traceback" not in html
        assert 'class="output traceback"' not in html


def test_every_activation_term_page_shows_plot_examples_and_properties(site):
    import json

    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    with_function = [t for t in data["terms"] if t["function"]]
    assert len(with_function) >= 20
    for term in with_function:
        page = site / term["url"]
        html = page.read_text(encoding="utf-8")
        plot = re.search(r'<img [^>]*class="relu-plot[^"]*"[^>]*>', html)
        assert plot, term["id"]
        alt, src = (re.search(rf'\b{name}="([^"]*)"', plot.group(0)) for name in ("alt", "src"))
        assert alt and alt.group(1).strip() and src and src.group(1).endswith(".svg"), term["id"]
        assert (page.parent / src.group(1)).resolve().is_file()
        text = page_text(page)
        assert "計算例（ビルド時に計算）" in text and "出力の範囲" in text, term["id"]
        assert "−0 " not in text and "-0.0" not in text and "np.float64" not in text


def test_worked_examples_are_plain_numbers(site):
    # x, relu(x), relu_grad(x) as the code computes them
    examples = worked_examples(site / "terms" / "relu.html")
    for column in [("−20", "0", "0"), ("−3", "0", "0"), ("0", "0", "0"), ("0.5", "0.5", "1"), ("2", "2", "1")]:
        assert column in examples, column
    leaky = worked_examples(site / "terms" / "leaky-relu.html")
    assert ("−10", "−0.1", "0.01") in leaky and ("−20", "−0.2", "0.01") in leaky


def test_editing_an_activation_updates_term_page_and_notebooks(tmp_path):
    project = copy_project(tmp_path / "p", notebooks=["relu"])
    out = tmp_path / "out"
    first = build(project, out)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "15 15" in page_text(out / "html" / "notebooks" / "relu.html")
    assert ("15", "15", "1") in worked_examples(out / "html" / "terms" / "relu.html")

    # Change ReLU at one input no sentence makes a claim about (changing its
    # shape fails the build: tests/test_claims_break.py); no cleaning.
    edit_activations(
        project,
        '    """max(0, x).  ``np.maximum`` propagates nan; relu(-inf) is 0."""\n    return np.maximum(x, 0)',
        '    """Edited by a test."""\n    return np.where(x == 15, 3 * x, np.maximum(x, 0))',
    )

    second = build(project, out)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "15 45" in page_text(out / "html" / "notebooks" / "relu.html")
    assert ("15", "45", "1") in worked_examples(out / "html" / "terms" / "relu.html")
    # only the pages that run relu were read again: the front page plots it, and the
    # plots of the functions compared with it draw it dashed
    stale = re.search(r"code changed for \d+ page\(s\): (.*)", second.stdout)
    assert stale and set(stale.group(1).split(", ")) == {"index", "notebooks/relu"} | pages_plotting(project, "relu")
    assert "terms/leaky-relu" in stale.group(1)
