"""What a build keeps between builds and what its process is left holding: the
saved environment and doctrees carry no copy of the glossary or of the
environment, and only a sphinx-build process freezes its objects for the
garbage collector (once the saved environment is loaded, before reading, before
writing, at the end), with the collector paused while that environment loads."""

from __future__ import annotations

import gc
import json
import pickle
import re
import sys

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from helpers import GOOD, build_small, shared_plots, small_project, sphinx_build

from relu_glossary.sphinxext import gc_freeze
from relu_glossary.sphinxext.generate import _ThisBuildOnly, glossary_of
from relu_glossary.sphinxext.rst_nodes import rst_to_nodes


def test_nodes_made_from_directive_text_belong_to_the_page():
    page = new_document("page.rst", get_default_settings(Parser))
    made = rst_to_nodes("A *list*:\n\n- one\n- two :title-reference:`x`\n", page)
    assert made and all(node.document is page for top in made for node in top.findall())


def test_the_glossary_is_held_for_this_build_and_saved_as_nothing():
    holder = _ThisBuildOnly(glossary="the loaded glossary")
    assert holder.glossary == "the loaded glossary"
    assert pickle.loads(pickle.dumps(holder)).glossary is None


def test_saved_environment_and_doctrees_hold_no_glossary_and_no_other_document(tmp_path):
    root = small_project(tmp_path / "p", GOOD, "\n.. relu-hubs:: 2\n")  # a list made as reST (rst_nodes)
    freezes = gc.get_freeze_count()
    built = build_small(root)
    assert built.warnings == ""
    doctrees = root / "_build" / "doctrees"
    with open(doctrees / "environment.pickle", "rb") as f:
        env = pickle.load(f)
    assert "terms/alpha" in env.all_docs and glossary_of(env) is None
    for name in ("terms/alpha", "index"):
        with open(doctrees / f"{name}.doctree", "rb") as f:
            doctree = pickle.load(f)
        assert all(node.document is doctree for node in doctree.findall(nodes.Element)), name
    # built in this process (sphinx.testing), which goes on: nothing was frozen
    assert gc.get_freeze_count() == freezes


def test_only_the_sphinx_command_freezes_what_its_build_holds(monkeypatch):
    assert not gc_freeze._is_the_sphinx_command()  # pytest
    monkeypatch.setattr(sys, "argv", ["/venv/bin/sphinx-build", "-b", "html"])
    assert gc_freeze._is_the_sphinx_command()


#: An extension that notes how many objects are frozen, and whether the collector
#: runs, once the configuration is read, once the builder is made, while a page is
#: read, while one is written, and once the build is done (each after gc_freeze's
#: handler); and how many collections ran while Sphinx made the environment (from
#: config-inited to builder-inited), and while gc_freeze's builder-inited handler ran.
_FREEZE_PROBE = """
import gc, json, os
seen, collections, window, thresholds = {}, {"loading": 0, "freezing": 0}, [None], {}
def save():
    with open(os.environ["FREEZE_PROBE"], "w") as f:
        json.dump({"seen": seen, "collections": collections, "thresholds": thresholds}, f)
def note(moment):
    def handler(*args):
        seen.setdefault(moment, [gc.get_freeze_count(), gc.isenabled()])
        thresholds.setdefault(moment, gc.get_threshold())
        save()
    return handler
def count(phase, info):
    if phase == "start" and window[0]:
        collections[window[0]] += 1
def enter(name):
    def handler(*args):
        window[0] = name
    return handler
def setup(app):
    gc.callbacks.append(count)
    app.connect("config-inited", note("configured"), priority=1001)
    app.connect("config-inited", enter("loading"), priority=1001)
    app.connect("builder-inited", enter("freezing"), priority=-1)
    app.connect("builder-inited", enter(None), priority=1)
    app.connect("builder-inited", note("loaded"), priority=1)
    app.connect("doctree-read", note("reading"))
    app.connect("html-page-context", note("writing"))
    app.connect("build-finished", note("finished"), priority=1001)
"""


def test_a_sphinx_build_pauses_the_collector_while_loading_and_freezes_its_objects_at_each_stage(tmp_path):
    """Built three times: from nothing, from the first build's saved environment, and
    from a saved environment that fails to load (then it is garbage)."""
    root = small_project(tmp_path / "p", GOOD)
    (root / "freeze_probe.py").write_text(_FREEZE_PROBE, encoding="utf-8")
    with open(root / "conf.py", "a", encoding="utf-8") as conf:
        conf.write("\nimport sys; sys.path.insert(0, '.'); extensions.append('freeze_probe')\n")
    probe, saved = tmp_path / "seen.json", tmp_path / "out" / "doctrees" / "environment.pickle"
    for build in ("cold", "again", "broken"):
        probe.unlink(missing_ok=True)
        if build == "broken":
            saved.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
        # a page written in each build: its source changes (the same text, the glossary's cache kept)
        (root / "index.rst").write_text((root / "index.rst").read_text(encoding="utf-8") + "\n", encoding="utf-8")
        result = sphinx_build(root, root, tmp_path / "out", *shared_plots(), env={"FREEZE_PROBE": str(probe)})
        assert result.returncode == 0, result.stderr
        loading = re.search(r"loading pickled environment\.\.\. (failed)?", result.stdout)
        assert {"cold": loading is None, "again": loading and not loading[1], "broken": loading and loading[1]}[build]
        probed = json.loads(probe.read_text(encoding="utf-8"))
        seen = {moment: tuple(noted) for moment, noted in probed["seen"].items()}
        frozen = {moment: count for moment, (count, _) in seen.items()}
        # the environment, the builder and the configuration, then the glossary, then
        # the read environment, then the rest
        assert 0 < frozen["loaded"] < frozen["reading"] < frozen["writing"] < frozen["finished"], (build, seen)
        # the collector paused while Sphinx makes the environment (unpickling it makes
        # no garbage, but set off collections that walked it all), and running again
        # once that is frozen
        assert seen["configured"] == (0, False), (build, seen)
        assert all(seen[moment][1] for moment in ("loaded", "reading", "writing")), (build, seen)
        assert probed["collections"]["loading"] == 0, (build, probed)
        # what lives through the build is walked less often once it is frozen
        assert tuple(probed["thresholds"]["configured"]) == gc.get_threshold(), (build, probed)
        assert all(tuple(probed["thresholds"][m]) == gc_freeze.THRESHOLDS for m in ("reading", "writing")), probed
        # an environment that was not loaded is collected before the freeze: a saved one
        # that failed to load is garbage
        assert (probed["collections"]["freezing"] > 0) == (build != "again"), (build, probed)
