"""``.. relu-explorer:: <name>``: the explorer (explorer_markup) on a page, and
its scripts and styles on that page only.

Options, all typed: ``:x:`` where x starts (a number), ``:vs:`` the function it is
compared with at the start (a registered name), the function's parameters
(``:negative_slope: 0.2``), and ``:term:`` (a term id: start from that term's
parameters, as the model holds them).  Problems are warnings
(``relu_glossary.explorer``) with the directive's location, and leave the page
without an explorer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from relu_glossary import registry
from relu_glossary.sphinxext import code_fingerprints
from relu_glossary.sphinxext.explorer_markup import PARAMETERS, Choice, Explorer, missing_parameters
from relu_glossary.sphinxext.generate import glossary_of, note_term_file
from relu_glossary.sphinxext.per_document import PerDocument

logger = logging.getLogger(__name__)

SCRIPTS = ("relu-activations.js", "relu-explorer.js")
STYLESHEET = "relu-explorer.css"
STATIC = Path(__file__).with_name("static")


class explorer_node(nodes.General, nodes.Element):
    """The explorer's HTML, rendered at read time; nothing in other formats
    (print and e-books keep the static plot and table)."""


def _visit_html(translator, node: explorer_node) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def _skip(translator, node: explorer_node) -> None:
    raise nodes.SkipNode


def _option(name: str):
    control = PARAMETERS.get(name)
    if isinstance(control, Choice):
        return lambda value: directives.choice(value, list(control.choices))
    return _float


def _float(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"a number is needed, not {value!r}") from None


def _warn(directive: SphinxDirective, message: str) -> list[nodes.Node]:
    logger.warning(message, location=directive.get_location(), type="relu_glossary", subtype="explorer")
    return []


class ExplorerDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {
        "x": _float,
        "vs": directives.unchanged_required,
        "term": directives.unchanged_required,
        **{key: _option(key) for spec in registry.ACTIVATIONS.values() for key in spec.parameters},
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        known = registry.ACTIVATIONS
        if name not in known:
            return _warn(self, f"relu-explorer: unknown function {name!r}; known: {', '.join(known)}")
        spec = known[name]
        for key in missing_parameters(spec):
            return _warn(
                self,
                f"relu-explorer: {name}'s parameter {key!r} has no slider range;"
                f" add it to PARAMETERS in relu_glossary/sphinxext/explorer_markup.py",
            )
        foreign = sorted(set(self.options) - {"x", "vs", "term", *spec.parameters})
        if foreign:
            return _warn(
                self,
                f"relu-explorer: {name} has no parameter {', '.join(foreign)};"
                f" its parameters: {', '.join(spec.parameters) or '(none)'}",
            )
        vs = self.options.get("vs", "")
        if vs and (vs not in known or vs == name):
            return _warn(
                self,
                f"relu-explorer: cannot compare {name} with {vs!r}; choose one of"
                f" {', '.join(n for n in known if n != name)}",
            )
        if self.env.current_document.get("relu_explorer"):
            return _warn(self, "relu-explorer: one explorer per page (its state is the page's URL fragment)")
        self.env.current_document["relu_explorer"] = True

        glossary = glossary_of(self.env)
        labels = function_labels(glossary)
        # the labels of every function's term are shown in the page (the functions to
        # compare with): the page is read again when they change (_labels_changed)
        _label_store(self.env)[self.env.current_document.docname] = labels
        term = glossary.terms.get(self.options["term"]) if glossary and "term" in self.options else None
        if "term" in self.options and (term is None or term.function != name):
            return _warn(self, f"relu-explorer: {self.options['term']!r} is not the id of a term about {name}")
        if term is not None:  # its parameters are not in the page's source
            note_term_file(self.env, term)
        # a term's typed parameters (checked by the glossary), then the options
        start = {**spec.parameters, **(dict(term.parameters) if term else {})}
        explorer = Explorer(
            spec=spec,
            label=labels.get(name, name),
            x=self.options.get("x", -1.0),
            parameters={key: self.options.get(key, value) for key, value in start.items()},
            vs=vs,
            others={n: (labels.get(n, n), s) for n, s in known.items() if n != name},
        )
        code_fingerprints.record(
            self.env,
            self.env.current_document.docname,
            code_fingerprints.EXPLORER_RUNS,
            {name} | ({vs} if vs else set()),
        )
        node = explorer_node(html=explorer.html())
        self.set_source_info(node)
        return [node]


def function_labels(glossary) -> dict[str, str]:
    """Each function's name -> the Japanese label of the term that names it: the one
    whose id is the function's name (leaky_relu: leaky-relu), else one with its
    default parameters, else the first by id (once per glossary, not per explorer)."""
    return glossary.derived("function labels", _function_labels) if glossary is not None else {}


def _function_labels(glossary) -> dict[str, str]:
    labels: dict[str, str] = {}
    for t in sorted(
        (t for t in glossary.terms.values() if t.function),
        key=lambda t: (t.id != t.function.replace("_", "-"), bool(t.parameters), t.id),
    ):
        labels.setdefault(t.function, t.label_ja)
    return labels


_LABELS_SHOWN = PerDocument("relu_explorer_labels")
_label_store = _LABELS_SHOWN.of


def _labels_changed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: pages whose explorer shows a function label that changed
    (a term about a function added, removed or renamed)."""
    current = function_labels(glossary_of(env))
    return sorted(doc for doc, shown in _label_store(env).items()
                  if shown != current and doc not in changed and doc not in removed)  # fmt: skip


@lru_cache(maxsize=2)
def _minified(css: str) -> str:
    """Without comments and runs of whitespace: it is sent with every explorer page."""
    return re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", css, flags=re.S)).strip()


def page_style() -> str:
    return _minified((STATIC / STYLESHEET).read_text(encoding="utf-8"))


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the explorer's scripts and styles, on its pages only.

    Scripts added here reach only this page (Sphinx resets the list for the next),
    deferred like every other.  The styles (1 KB gzip) are written into the page's
    <head> by the template (docs/_templates/layout.html): a stylesheet link would
    be a second request before the first paint (the site has one, the bundle from
    pageweight/bundle.py, which would take one added with add_css_file for its
    own)."""
    if doctree is None or next(iter(doctree.findall(explorer_node)), None) is None:
        return
    for script in SCRIPTS:
        app.add_js_file(script, loading_method="defer")
    context["relu_page_style"] = page_style()


def setup(app: Sphinx) -> None:
    app.add_node(
        explorer_node, html=(_visit_html, None), **{fmt: (_skip, None) for fmt in ("latex", "text", "man", "texinfo")}
    )
    app.add_directive("relu-explorer", ExplorerDirective)
    app.connect("env-get-outdated", _labels_changed)
    _LABELS_SHOWN.connect(app)
    app.connect("html-page-context", _add_assets)  # before pageweight's scripts and bundle (900)
