"""The real site builds strictly, and executed notebooks fail loudly."""

from __future__ import annotations

import re


def test_site_builds_without_warnings(site):
    assert (site / "index.html").is_file()
    assert (site / "notebooks" / "relu.html").is_file()


def test_notebook_prose_quotes_computed_values(site):
    html = (site / "notebooks" / "relu.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "relu(−3) = 0、relu(2) = 2、relu(0.5) = 0.5" in text
    assert "np.float64" not in text


def test_notebook_plot_is_an_svg_with_alt_text(site):
    html = (site / "notebooks" / "relu.html").read_text(encoding="utf-8")
    imgs = re.findall(r'<img [^>]*src="([^"]+\.svg)"[^>]*>', html)
    assert imgs, "no SVG plot on the page"
    assert re.search(r'<img [^>]*alt="ReLU のグラフ', html)
    svg = (site / "notebooks" / imgs[0]).resolve().read_text(encoding="utf-8")
    assert "<svg" in svg and "Created with matplotlib" not in svg


def test_a_term_plot_alt_names_the_term_and_the_curves_by_the_code(site):
    """A screen reader says the term as its page is titled (not ``leaky_relu``
    spelt out), then the curves by the names the figure and its caption use."""
    html = (site / "terms" / "leaky-relu.html").read_text(encoding="utf-8")
    (alt,) = re.findall(r'<img alt="([^"]*)"[^>]*class="relu-plot', html)
    assert alt.startswith("Leaky ReLU のグラフ。左は関数 leaky_relu(x)、右は導関数 leaky_relu′(x)。"), alt


def test_page_language_is_japanese(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="ja"', html)


def test_cell_that_raises_fails_the_build_naming_notebook(broken_notebooks):
    _, _, result = broken_notebooks
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # path:line of the failing cell, the exception, and no Python traceback of ours
    assert re.search(r"raises\.md:14: WARNING: a code cell raised ZeroDivisionError: division by zero", output)
    assert "Traceback (most recent call last)" not in output
    assert "Kernel is running over TCP" not in output


def test_cell_writing_to_stderr_fails_the_build(broken_notebooks):
    _, _, result = broken_notebooks
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"stderr\.md:\d+: WARNING: stderr was found in the cell outputs of cell 2", output)


def test_the_front_page_teaches_relu_at_a_glance(site):
    """Definition, plot, a value computed at build, the most connected terms, the readings."""
    html = (site / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "負の入力を 0 に" in text and 'class="relu-plot' in html
    assert re.search(r"relu\(−3\) = <span class=\"relu-value\">0</span>", html)
    article = html[html.index("<article") :]
    hubs = article[article.index("よく引かれる用語") : article.index("<h2>読みもの")]
    assert "terms/relu.html#term-relu" in hubs and hubs.count("<li>") == 8
    assert 'href="glossary/relu-relations.html"' in html and 'href="notebooks/relu.html"' in html
    assert not (site / "genindex.html").exists()  # the glossary index is the index


def test_a_hidden_cell_that_raises_fails_the_build_too(broken_notebooks):
    _, _, result = broken_notebooks
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"hidden\.md:10: WARNING: a code cell raised ZeroDivisionError: division by zero", output), output
    assert "Traceback (most recent call last)" not in output
