"""`make test` installs its own browser and Japanese font (tools/provision.py), by
the first way that works; every path is taken here with a pretend machine."""

from __future__ import annotations

from pathlib import Path

from tools.provision import ONE_COMMAND, Machine, provision


class Pretend:
    """A machine whose installs succeed or fail as told, recording each command."""

    def __init__(self, tmp_path: Path, *, chromium=False, font=False, apt_works=True, download_works=False):
        self.has_chromium, self.has_font = chromium, font
        self.apt_works, self.download_works = apt_works, download_works
        self.commands: list[list[str]] = []
        self.font_dir = tmp_path / "fonts"
        self.font_file = tmp_path / "ipaexg.ttf"
        self.font_file.write_bytes(b"font")

    def run(self, cmd) -> int:
        self.commands.append(list(cmd))
        if cmd[0] == "apt-get" and cmd[1] == "install":
            if not self.apt_works:
                return 100
            self.has_chromium |= "chromium" in cmd
            self.has_font |= "fonts-ipaexfont-gothic" in cmd
        elif cmd[1:4] == ["-m", "playwright", "install"]:
            if not self.download_works:
                return 1
            self.has_chromium = True
        elif cmd[0] == "fc-cache":
            self.has_font = (self.font_dir / "ipaexg.ttf").is_file()
        return 0

    def machine(self, *, root: bool) -> Machine:
        return Machine(
            chromium=lambda: "/usr/bin/chromium" if self.has_chromium else None,
            japanese_font=lambda: self.has_font,
            is_root=root,
            has_apt=True,
            run=self.run,
            font_file=lambda: self.font_file,
            font_dir=self.font_dir,
        )


def test_nothing_is_installed_when_browser_and_font_are_there(tmp_path):
    pretend = Pretend(tmp_path, chromium=True, font=True)
    assert provision(pretend.machine(root=True), say=lambda _: None)
    assert pretend.commands == []


def test_as_root_a_missing_chromium_comes_from_apt(tmp_path):
    pretend = Pretend(tmp_path, font=True)
    assert provision(pretend.machine(root=True), say=lambda _: None)
    assert ["apt-get", "install", "-y", "-qq", "chromium"] in pretend.commands
    assert not any("playwright" in c for cmd in pretend.commands for c in cmd)


def test_as_root_both_packages_come_from_apt(tmp_path):
    pretend = Pretend(tmp_path)
    assert provision(pretend.machine(root=True), say=lambda _: None)
    assert pretend.commands[-1] == ["apt-get", "install", "-y", "-qq", "chromium", "fonts-ipaexfont-gothic"]


def test_without_root_playwrights_browser_and_the_bundled_font_are_used(tmp_path):
    pretend = Pretend(tmp_path, download_works=True)
    assert provision(pretend.machine(root=False), say=lambda _: None)
    assert not any(cmd[0] == "apt-get" for cmd in pretend.commands)
    assert any(cmd[1:] == ["-m", "playwright", "install", "chromium"] for cmd in pretend.commands)
    assert (pretend.font_dir / "ipaexg.ttf").read_bytes() == b"font"


def test_when_nothing_works_it_stops_with_the_one_command(tmp_path):
    pretend = Pretend(tmp_path, font=True, download_works=False)
    said: list[str] = []
    assert not provision(pretend.machine(root=False), say=said.append)
    assert ONE_COMMAND in said[-1] and "Chromium" in said[-1]
    assert "fonts" not in said[-1].split("need")[1].split(",")[0]  # only what is missing is named


def test_a_failing_apt_falls_back_to_the_download(tmp_path):
    pretend = Pretend(tmp_path, font=True, apt_works=False, download_works=True)
    assert provision(pretend.machine(root=True), say=lambda _: None)
    assert [cmd[0] for cmd in pretend.commands][:2] == ["apt-get", "apt-get"]
    assert pretend.has_chromium


def test_make_test_provisions_before_any_test_runs():
    import subprocess

    from helpers import REPO

    recipe = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "-o", ".venv/.installed-test", "test"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    steps = [i for i, line in enumerate(recipe) if "tools.provision" in line or "-m pytest" in line]
    assert len(steps) == 2 and "tools.provision" in recipe[steps[0]]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == ["make test"]
