"""Sphinx configuration for the ReLU 用語集 site: settings only.

Build with ``make html`` (it runs ``sphinx-build -c . docs _build/html``); every
piece of logic lives in the ``relu_glossary`` package, where it is tested.
"""

import os
from urllib.parse import urlparse

project = "ReLU 用語集"
author = "ReLU 用語集の編集者"
copyright = "2026, ReLU 用語集の編集者"
language = "ja"

extensions = [
    "myst_nb",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "notfound.extension",
    "relu_glossary.sphinxext",  # the glossary, executable pages, math, search (any theme)
    "relu_glossary.pageweight",  # optional: lighter pages, the same look
    "relu_glossary.kernels",  # optional: notebook kernels forked from a warm process
]

# _examples: templates of the linking examples, written with the site's address
# to _generated/linking (relu_glossary.sphinxext.publishing) and shown from there
exclude_patterns = ["_build", "**.ipynb_checkpoints", "_examples", "_generated/linking"]
nitpicky = True

# --- MyST and notebooks --------------------------------------------------------
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist", "fieldlist"]
myst_heading_anchors = 3
# Notebooks execute while Sphinx reads them ("inline" also lets prose quote
# computed values with {eval}). Sphinx re-reads a notebook only when it or the
# code it imports changed (relu_glossary.sphinxext declares those files), so a
# no-op build executes nothing.
nb_execution_mode = "inline"
nb_execution_timeout = 60
nb_execution_raise_on_error = False
nb_execution_allow_errors = True  # errors become outputs; relu_glossary.sphinxext reports them
nb_output_stderr = "warn"  # stderr in a cell is a warning: -W fails the build
nb_merge_streams = True
nb_render_markdown_format = "myst"  # computed tables are displayed as Markdown
nb_execution_excludepatterns = []

# --- glossary (relu_glossary.sphinxext) ---------------------------------------
relu_glossary_dir = "glossary"  # relative to this file
relu_glossary_inventory_name = "relu"  # the name link snippets use: :external+relu:term:
bibtex_bibfiles = ["glossary/references.bib"]  # relative to this file
bibtex_default_style = "relu-plain"  # plain, with the type of a thesis (relu_glossary.sphinxext.pybtex_plugins)
bibtex_reference_style = "author_year"

# Formulas become MathML at build time: no MathJax from a CDN (see sphinxext/mathml.py).
html_math_renderer = "mathml"

# --- publishing ------------------------------------------------------------------
# Where the site is served from: canonical URLs, the sitemap, Open Graph tags,
# robots.txt and the "link to this term" snippets use it.  The deploy workflows
# set RELU_GLOSSARY_BASEURL; without it the build publishes no absolute URL at all
# (relu_glossary.sphinxext.publishing then leaves out the sitemap and Open Graph).
html_baseurl = os.environ.get("RELU_GLOSSARY_BASEURL", "")
relu_glossary_sitemap_excludes = ["404.html"]  # the page for a missing URL is not one to index
ogp_site_name = "ReLU 用語集"
ogp_social_cards = {"enable": False}  # cards are drawn with matplotlib fonts; not needed
notfound_urls_prefix = urlparse(html_baseurl).path  # the 404 page works from any depth
html_favicon = "docs/_static/favicon.svg"

# --- HTML ----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "ReLU 用語集"
html_last_updated_fmt = None  # no dates on pages: builds are byte-reproducible
# No _sources/ copies: the term pages' sources are generated reST, of no use to a
# reader, and search builds its snippets from the HTML pages themselves.
html_copy_source = False
# No general index: the glossary index (glossary/index) lists every term by
# 五十音, letter and kind, with its reading; a second, flat list would only repeat it.
html_use_index = False
templates_path = ["docs/_templates"]  # relative to this file
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "search_bar_text": "用語や読みものを検索",
}
# The theme's sidebar with the site name wrapped in a landmark (see the templates).
# The navigation's name ends in "sidebar-nav-bs.html" on purpose: pydata-sphinx-theme
# renders every sidebar template once more per page to drop the empty ones, except
# those ending so (its own navigation, never empty).  Under the book theme's name,
# each page outside the navigation drew the whole navigation for that check alone.
html_sidebars = {"**": ["relu-brand.html", "search-button-field.html", "relu-sidebar-nav-bs.html"]}
