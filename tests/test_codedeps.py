"""Which source and data files a notebook depends on."""

from __future__ import annotations

from relu_glossary.sphinxext.codedeps import (
    activations_used,
    code_cells,
    data_files,
    extension_files,
    files_digest,
    source_files,
)

NOTEBOOK = """---
file_format: mystnb
---

```{code-cell} ipython3
---
mystnb:
  image:
    alt: a picture
---
from relu_glossary.plotting import function_figure
```

```{code-cell} ipython3
:tags: [remove-input]

%config InlineBackend.figure_formats = ['svg']
import numpy as np
data = open("table.json").read()
```

````{code-cell} ipython3
this is not python (
````
"""


def test_code_cells_drop_options_and_keep_code():
    cells = code_cells(NOTEBOOK)
    assert cells[0] == "from relu_glossary.plotting import function_figure"
    assert cells[1].startswith("%config") and ":tags:" not in cells[1]
    assert len(cells) == 3


def test_imports_are_followed_through_the_package():
    names = {p.name for p in source_files(code_cells(NOTEBOOK))}
    # plotting imports registry, which imports activations; numpy is not ours
    assert {"plotting.py", "registry.py", "activations.py"} <= names
    assert "demos.py" not in names and all(not n.startswith("numpy") for n in names)


def test_a_cell_that_does_not_parse_does_not_hide_the_others():
    assert source_files(["import relu_glossary.examples", "def broken("]) >= source_files(
        "import relu_glossary.examples"
    )


def test_data_files_named_in_cells_are_found(tmp_path):
    (tmp_path / "table.json").write_text("{}")
    assert data_files(code_cells(NOTEBOOK), tmp_path) == {(tmp_path / "table.json").resolve()}
    assert data_files(code_cells(NOTEBOOK), tmp_path / "elsewhere") == set()


def _names(paths) -> set[str]:
    return {f"{p.parent.name}/{p.name}" for p in paths}


def test_the_extensions_own_code_leaves_out_the_code_its_pages_run():
    from relu_glossary.sphinxext.code_fingerprints import TERM_PAGE_RUNS as RUNS

    files = _names(extension_files("relu_glossary.sphinxext", RUNS))
    # how pages are made: followed through the package's import cycles
    assert {
        "sphinxext/generate.py",
        "sphinxext/function_directive.py",
        "render/pages.py",
        "glossary/yamlsource.py",
        "sphinxext/ngrams.py",
    } <= files
    assert {"pageweight/svgsize.py", "pageweight/cssprune.py"} <= _names(
        extension_files("relu_glossary.pageweight", RUNS)
    )
    # what pages run: tracked page by page, so editing it re-reads only those pages
    assert not files & {"relu_glossary/activations.py", "relu_glossary/plotting.py", "relu_glossary/registry.py"}
    # never imported by the extension
    assert not files & {"relu_glossary/demos.py", "kernels/server.py"}


def test_the_digest_follows_content_and_names(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    first = files_digest({a, b})
    assert files_digest({b, a}) == first
    a.write_text("x = 2\n")
    assert files_digest({a, b}) != first
    a.write_text("x = 1\n")
    a.rename(tmp_path / "c.py")
    assert files_digest({tmp_path / "c.py", b}) != first


def test_a_page_that_reads_the_registry_uses_every_activation():
    registered = ["relu", "elu", "softsign"]
    assert activations_used('get("elu")(x)', registered) == {"elu"}
    assert activations_used("gaps = {n: f(2.0) for n, f in ACTIVATIONS.items()}", registered) == set(registered)
    assert activations_used("from relu_glossary.registry import ACTIVATIONS", registered) == set(registered)
