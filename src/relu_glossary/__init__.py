"""ReLU 用語集: an executable glossary of the ReLU activation function.

``activations`` and ``registry`` are the numerical core (NumPy only); ``glossary``
loads and checks the YAML terms; ``sphinxext`` is the thin Sphinx adapter.
"""

__version__ = "0.1.0"
