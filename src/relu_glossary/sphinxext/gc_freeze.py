"""A ``sphinx-build`` process keeps what lives through its build out of the
garbage collector's way.

Reading and writing pages makes cyclic garbage (docutils trees point to their
parents), so Python's full collections run dozens of times in a build, and each
one walks every tracked object: the configuration, the glossary, the environment.
At 1,000 terms that was 19 s of a build's 90 s of CPU (measured with
``gc.callbacks``), 9 s of it in the main process, which reads no page but merges
and hands out all of them.  ``gc.freeze()`` moves every tracked object into a
generation the collector never walks.  This module freezes:

- once Sphinx has made the environment and the builder (the first ``builder-inited``
  handler): them, the configuration, the theme and every module imported so far;
- before the pages are read: the glossary and what the other handlers made;
- once the pages are read: the environment they are written from;
- at the end of the build: what the build leaves, which Python's shutdown would
  otherwise collect once more (1.2 s at 1,000 terms, a no-op build's largest cost).

From ``config-inited`` (after its other handlers) to the first freeze the collector
is paused: Sphinx unpickles the saved environment there, which makes hundreds of
thousands of objects and no garbage, yet set off full collections that walked
everything loaded so far (0.25 s of a 0.3 s load at 1,000 terms); so did loading
the glossary next, as long as the environment was not frozen (a pause that ended
at ``builder-inited`` without a freeze there gained nothing).  At 1,000 terms the
no-op build's ratio to an empty project's went from 1.35x to 1.17x (medians of six,
each run beside one of the empty project's).

Frozen objects are never collected, so a freeze must not take in garbage:

- The freeze after reading collects first: the garbage of reading would otherwise
  stay to the end (at 1,000 terms the largest process peaked at 375 MB without that
  collection, 341 MB with it, in the same time).
- The freeze at ``builder-inited`` collects first only when the environment is a
  fresh one: the saved one may have failed to load (an extension's ``env_version``
  changed, the sources moved), and then it is garbage.  A loaded environment is
  frozen as it is: the pause let no garbage be made beside it.
- The freeze before reading does not collect: the pause has ended before the
  glossary is loaded, so its garbage is collected as usual (a build without the
  glossary's cache, 1,000 YAML files read, leaves 176 objects there; a pause until
  this freeze would have kept 56,000).  Collecting would walk all that is not
  frozen yet, on every no-op build.
- At the end, the process ends and the system takes its memory back.

One kind of garbage is frozen all the same: the old version of a page that this
build reads again or removes (Sphinx purges it from the environment after the
freeze before reading).  A no-op build has none; a build that reads every page
again (a configuration change) keeps the old pages' records in memory to its end.

The readers and writers Sphinx forks inherit the frozen objects, and their own
collections skip them too.  Measured at 1,000 terms: full collections 13.4-14.3 s
in all processes (from 20 s), the build 51-54 s (from 58 s).

Once the first freeze is made, the collector runs less often (``THRESHOLDS``):
what a build makes lives long (the environments merged from the readers, the
search index fed page by page, the doctrees resolved for the writers), and at the
default thresholds the main process ran about forty full collections, each walking
all of it: 8-9 s of its time in a cold build at 1,000 terms, 2-3 s at these.  The
build's peak memory went from 381-387 MB to 421-465 MB (four cold builds each).

Only in a process that exits after the build: a process that builds again
(``sphinx.testing``, a Python program calling Sphinx) would keep each build's
objects.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from sphinx.application import Sphinx

#: The collector's thresholds from the first freeze on: a young collection every
#: 50,000 allocations (not 700), an older one every 20 of those, a full one every
#: 100 older ones (and only once the objects it would walk grew by a quarter).
THRESHOLDS = (50_000, 20, 100)


def _is_the_sphinx_command() -> bool:
    """``sphinx-build …`` or ``python -m sphinx …``: the process ends with the build."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return Path(sys.argv[0]).name == "sphinx-build" or getattr(spec, "name", None) in {"sphinx", "sphinx.__main__"}


def _pause(*_event_arguments) -> None:
    if _is_the_sphinx_command():
        gc.disable()


def _freeze_what_was_loaded(app: Sphinx) -> None:
    if _is_the_sphinx_command():
        if app.fresh_env_used:  # a saved environment that failed to load is garbage
            gc.collect()
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)
        gc.enable()


def _freeze(*_event_arguments) -> None:
    if _is_the_sphinx_command():
        gc.freeze()


def _collect_and_freeze(*_event_arguments) -> None:
    if _is_the_sphinx_command():
        gc.collect()
        gc.freeze()


def setup(app: Sphinx) -> None:
    # the pause covers Sphinx loading the saved environment, between these two events
    app.connect("config-inited", _pause, priority=1000)
    app.connect("builder-inited", _freeze_what_was_loaded, priority=0)
    # after every other handler: what they set up lives through the build too
    app.connect("env-before-read-docs", _freeze, priority=1000)
    app.connect("env-updated", _collect_and_freeze, priority=1000)
    app.connect("build-finished", _freeze, priority=1000)
