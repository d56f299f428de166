# conf.py of your Sphinx project
extensions = ["sphinx.ext.intersphinx", "myst_parser"]
intersphinx_mapping = {
    # the name before ":" is the one your pages use: :external+relu:term:`...`
    "relu": ("%BASEURL%", None),
}
