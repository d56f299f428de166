"""The project's conf.py without the glossary (a small, fast build), and with one
parameter's slider range taken away, as if a function had been registered
without one."""

from pathlib import Path

import relu_glossary

REPO = Path(relu_glossary.__file__).resolve().parents[2]  # tests copy this folder elsewhere
exec(compile((REPO / "conf.py").read_text(encoding="utf-8"), str(REPO / "conf.py"), "exec"))
relu_glossary_dir = ""
templates_path = [str(REPO / "docs" / "_templates")]
html_favicon = str(REPO / "docs" / "_static" / "favicon.svg")
bibtex_bibfiles = [str(REPO / "glossary" / "references.bib")]

from relu_glossary.sphinxext import explorer_markup as explorer  # noqa: E402  (the module the extension will use)

del explorer.PARAMETERS["negative_slope"]
