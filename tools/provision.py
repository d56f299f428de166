"""Make sure the browser tests can run: a Chromium and a Japanese font.

`make test` runs this before pytest.  It finds what is already there and
installs only what is missing, in the first way that works on this machine:

1. as root with apt: Debian's ``chromium`` and ``fonts-ipaexfont-gothic``;
2. otherwise Playwright's own Chromium (``playwright install chromium``, which
   needs a download from Playwright's servers), and the IPAexGothic font that
   matplotlib-fontja already put in the virtualenv, copied to the user's font
   folder (fontconfig reads ``~/.local/share/fonts``);
3. otherwise it stops, before any test, printing the one command to run.

Plain functions with the side effects passed in, so the tests can take every
path without a real apt or download.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
DEBIAN_PACKAGES = ("chromium", "fonts-ipaexfont-gothic")
ONE_COMMAND = "sudo apt-get install -y " + " ".join(DEBIAN_PACKAGES)
USER_FONTS = Path.home() / ".local" / "share" / "fonts"

Run = Callable[[Sequence[str]], int]


def _run(cmd: Sequence[str]) -> int:
    print("+", " ".join(cmd), flush=True)
    # apt and dpkg narrate every package on stdout; their errors go to stderr
    quiet = subprocess.DEVNULL if cmd[0] == "apt-get" else None
    return subprocess.run(list(cmd), stdout=quiet, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}).returncode


def playwright_chromium() -> str | None:
    """The Chromium that ``playwright install`` downloaded, if it did."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # playwright missing, or its driver cannot start: no browser from it
        return None
    return path if path and Path(path).is_file() else None


def find_chromium() -> str | None:
    """Debian's Chromium if installed, else Playwright's own download, else None."""
    if Path(DEBIAN_CHROMIUM).is_file():
        return DEBIAN_CHROMIUM
    return playwright_chromium()


def has_japanese_font() -> bool:
    """Whether fontconfig (which Chromium uses) knows a font with Japanese glyphs."""
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True).stdout
    return bool(out.strip())


def bundled_japanese_font() -> Path | None:
    """IPAexGothic as shipped inside matplotlib-fontja (a dependency of the site)."""
    try:
        import matplotlib_fontja
    except ImportError:
        return None
    font = Path(matplotlib_fontja.__file__).parent / "fonts" / "ipaexg.ttf"
    return font if font.is_file() else None


@dataclass
class Machine:
    """What provisioning needs to know and do; the defaults act on this machine."""

    chromium: Callable[[], str | None] = find_chromium
    japanese_font: Callable[[], bool] = has_japanese_font
    is_root: bool = hasattr(os, "geteuid") and os.geteuid() == 0
    has_apt: bool = shutil.which("apt-get") is not None
    run: Run = _run
    font_file: Callable[[], Path | None] = bundled_japanese_font
    font_dir: Path = USER_FONTS


def provision(m: Machine, say: Callable[[str], None] = print) -> bool:
    """Install what is missing; True when a Chromium and a Japanese font are there."""
    need_browser, need_font = m.chromium() is None, not m.japanese_font()
    if not (need_browser or need_font):
        return True
    missing = [p for p, needed in zip(DEBIAN_PACKAGES, (need_browser, need_font), strict=True) if needed]
    if m.is_root and m.has_apt:
        say(f"provision: installing {' '.join(missing)} with apt-get")
        if m.run(["apt-get", "update", "-qq"]) == 0 and m.run(["apt-get", "install", "-y", "-qq", *missing]) == 0:
            need_browser, need_font = m.chromium() is None, not m.japanese_font()
    if need_browser:
        say("provision: no Chromium; trying Playwright's own (a download)")
        if m.run([sys.executable, "-m", "playwright", "install", "chromium"]) == 0:
            need_browser = m.chromium() is None
    if need_font:
        font = m.font_file()
        if font is not None:
            say(f"provision: no Japanese font; copying {font.name} to {m.font_dir}")
            m.font_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(font, m.font_dir / font.name)
            m.run(["fc-cache", "-f", str(m.font_dir)])
            need_font = not m.japanese_font()
    if need_browser or need_font:
        what = " and ".join(w for w, needed in (("Chromium", need_browser), ("a Japanese font", need_font)) if needed)
        say(
            f"provision: the browser tests need {what}, and this machine could not install it.\n"
            f"Run this once, then `make test` again:\n\n    {ONE_COMMAND}\n"
        )
        return False
    return True


def main() -> int:
    machine = Machine()
    if not provision(machine):
        return 1
    print(f"browser tests: Chromium at {machine.chromium()}, Japanese font present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
