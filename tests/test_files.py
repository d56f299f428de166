"""Generated files written only when they changed, and not even compared while
they are as they were left (relu_glossary.files)."""

from __future__ import annotations

import os

from relu_glossary.files import stamp, write_all_if_changed
from relu_glossary.pageweight.bundle import _site_files


class Texts:
    """``texts()`` for write_all_if_changed, counting its calls."""

    def __init__(self, texts: dict[str, str]):
        self.texts, self.calls = texts, 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return dict(self.texts)


def _age(path, seconds=100):
    """Move a file's mtime into the past, so a rewrite would show."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def test_files_as_left_are_neither_made_nor_read(tmp_path):
    root, record = tmp_path / "src", tmp_path / "record.pickle"
    texts = Texts({"terms/a.rst": "A\n", "terms/b.rst": "B\n"})
    assert sorted(write_all_if_changed(root, texts, "k1", record)) == ["terms/a.rst", "terms/b.rst"]
    assert (root / "terms/a.rst").read_text(encoding="utf-8") == "A\n" and texts.calls == 1
    for name in ("a", "b"):
        _age(root / f"terms/{name}.rst")
    # write_all_if_changed's record holds the stamps it left; aged files are not as left
    before = {n: stamp(root / f"terms/{n}.rst") for n in "ab"}
    write_all_if_changed(root, texts, "k1", record)
    assert texts.calls == 2  # made again and compared,
    assert {n: stamp(root / f"terms/{n}.rst") for n in "ab"} == before  # not rewritten
    assert sorted(write_all_if_changed(root, texts, "k1", record)) == ["terms/a.rst", "terms/b.rst"]
    assert texts.calls == 2  # as left: not made again
    assert {n: stamp(root / f"terms/{n}.rst") for n in "ab"} == before


def test_a_file_edited_or_removed_by_hand_is_written_again_alone(tmp_path):
    root, record = tmp_path / "src", tmp_path / "record.pickle"
    texts = Texts({"a.rst": "A\n", "b.rst": "B\n"})
    write_all_if_changed(root, texts, "k", record)
    _age(root / "b.rst")
    write_all_if_changed(root, texts, "k", record)  # b's stamp recorded as it is now
    b_stamp = stamp(root / "b.rst")
    (root / "a.rst").write_text("a\n", encoding="utf-8")  # the same size: its mtime tells
    write_all_if_changed(root, texts, "k", record)
    assert (root / "a.rst").read_text(encoding="utf-8") == "A\n" and stamp(root / "b.rst") == b_stamp
    (root / "b.rst").unlink()
    write_all_if_changed(root, texts, "k", record)
    assert (root / "b.rst").read_text(encoding="utf-8") == "B\n" and texts.calls == 4


def test_another_key_makes_the_texts_again(tmp_path):
    root, record = tmp_path / "src", tmp_path / "record.pickle"
    write_all_if_changed(root, Texts({"a.rst": "A\n"}), "old", record)
    newer = Texts({"a.rst": "A2\n", "c.rst": "C\n"})
    assert sorted(write_all_if_changed(root, newer, "new", record)) == ["a.rst", "c.rst"]
    assert newer.calls == 1 and (root / "a.rst").read_text(encoding="utf-8") == "A2\n"
    (record).write_bytes(b"not a pickle")  # an unreadable record is never trusted
    write_all_if_changed(root, newer, "new", record)
    assert newer.calls == 2


def test_the_bundle_reads_every_page_and_the_static_scripts(tmp_path):
    for name in ("index.html", "terms/relu.html", "_static/page.html", "_static/js/a.js", "_static/x.css",
                 "searchindex.js", "_images/plot.svg"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = _site_files(tmp_path)
    assert list(found) == ["_static/js/a.js", "_static/page.html", "index.html", "terms/relu.html"]
    assert found["index.html"] == stamp(tmp_path / "index.html")


def test_a_file_gone_before_its_stamp_was_taken_is_written_again(tmp_path, monkeypatch):
    root, record = tmp_path / "src", tmp_path / "record.pickle"
    import relu_glossary.files as files

    real_stamp = files.stamp
    monkeypatch.setattr(files, "stamp", lambda path: None)  # as if removed right after writing
    write_all_if_changed(root, Texts({"a.rst": "A\n"}), "k", record)
    monkeypatch.setattr(files, "stamp", real_stamp)
    (root / "a.rst").unlink()
    texts = Texts({"a.rst": "A\n"})
    write_all_if_changed(root, texts, "k", record)
    assert texts.calls == 1 and (root / "a.rst").read_text(encoding="utf-8") == "A\n"
