# The content extension alone, on Sphinx's default theme: it must work with any theme.
extensions = ["sphinxcontrib.bibtex", "relu_glossary.sphinxext"]
language = "ja"
nitpicky = True
relu_glossary_dir = "gl"
bibtex_bibfiles = ["gl/references.bib"]
html_math_renderer = "mathml"
exclude_patterns = ["_build"]
sitemap_url_scheme = "{link}"  # used when html_baseurl is set (publishing loads sphinx-sitemap)
ogp_social_cards = {"enable": False}  # cards are drawn with matplotlib fonts; not needed
