"""Every word of the interface in Japanese.

The theme's catalogs leave a few words untranslated ("Color mode", "System
Settings"): locale/ja/LC_MESSAGES/sphinx.po supplies them, compiled here into
the build's cache (Babel, which Sphinx already uses) and added as a catalog of
the "sphinx" domain, where the theme's templates look.  Words the theme writes
in its templates without a catalog are translated by template overrides in
docs/_templates (the sidebar toggles, the print contents).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

LOCALE = Path(__file__).with_name("locale")


def _compiled(cache: Path) -> Path:
    """The .mo files of LOCALE under ``cache``, written only when they changed."""
    for po in LOCALE.rglob("*.po"):
        with po.open("rb") as f:
            catalog = read_po(f)
        out = BytesIO()
        write_mo(out, catalog)
        mo = cache / po.relative_to(LOCALE).with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != out.getvalue():
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(out.getvalue())
    return cache


def setup(app: Sphinx) -> None:
    app.add_message_catalog("sphinx", str(_compiled(Path(app.doctreedir) / "relu-locale")))
