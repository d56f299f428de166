"""The glossary kept between builds (glossary.cache): the same result as loading
afresh, no file read again when nothing changed, one file read when one changed."""

from __future__ import annotations

import importlib

import pytest
from helpers import GOOD, write_glossary

from relu_glossary.glossary import cache, load

GAMMA = """\
id: gamma
label: {ja: ガンマ関数, en: Gamma function}
reading: がんまかんすう
summary: 三つ目のテスト用の用語。
definition: ガンマの定義。
category: concept
"""


@pytest.fixture
def counted(monkeypatch):
    """The files read and checked on their own (load's _read_one)."""
    module = importlib.import_module("relu_glossary.glossary.load")
    calls: list[str] = []
    real = module._read_one

    def spy(shown, raw, schema_path):
        calls.append(shown)
        return real(shown, raw, schema_path)

    monkeypatch.setattr(module, "_read_one", spy)
    return calls


def test_a_cached_load_is_the_fresh_load(tmp_path, counted):
    gl = write_glossary(tmp_path / "gl", GOOD)
    fresh = load(gl)
    first, key = cache.load_cached(gl, tmp_path / "cache")
    again, same_key = cache.load_cached(gl, tmp_path / "cache")
    assert first.ok and again.ok and key == same_key
    assert again.glossary.terms == fresh.glossary.terms and again.glossary.relations == fresh.glossary.relations
    assert len(counted) == 2 + 2  # the fresh load and the first cached one; none after


def test_editing_one_file_reads_that_file_again(tmp_path, counted):
    gl = write_glossary(tmp_path / "gl", GOOD)
    _, key = cache.load_cached(gl, tmp_path / "cache")
    counted.clear()
    beta = gl / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("ベータの定義。", "ベータの新しい定義。"), encoding="utf-8"
    )
    result, new_key = cache.load_cached(gl, tmp_path / "cache")
    assert new_key != key and counted == [str(beta)]
    assert result.glossary.terms["beta"].definition == "ベータの新しい定義。"


def test_problems_are_kept_and_reported_again(tmp_path):
    gl = write_glossary(tmp_path / "gl", {**GOOD, "beta": GOOD["beta"].replace("category: concept", "category: x")})
    first, _ = cache.load_cached(gl, tmp_path / "cache", display_base=tmp_path)
    again, _ = cache.load_cached(gl, tmp_path / "cache", display_base=tmp_path)
    assert not first.ok and again.problems == first.problems
    assert any(p.format().startswith("gl/beta.yaml:") and "category" in p.message for p in again.problems)


def test_an_unreadable_cache_is_made_again(tmp_path):
    gl = write_glossary(tmp_path / "gl", GOOD)
    cache.load_cached(gl, tmp_path / "cache")
    (tmp_path / "cache" / "glossary.pickle").write_bytes(b"not a pickle")
    result, _ = cache.load_cached(gl, tmp_path / "cache")
    assert result.ok and set(result.glossary.terms) == {"alpha", "beta"}


def test_a_removed_file_leaves_the_glossary(tmp_path):
    gl = write_glossary(tmp_path / "gl", {**GOOD, "gamma": GAMMA})
    cache.load_cached(gl, tmp_path / "cache")
    (gl / "gamma.yaml").unlink()
    result, _ = cache.load_cached(gl, tmp_path / "cache")
    assert set(result.glossary.terms) == {"alpha", "beta"}
    assert load(gl).glossary.terms == result.glossary.terms


def test_a_change_of_the_numeric_code_reads_every_file_again(tmp_path, counted, monkeypatch):
    """Term files compute {value}s and check {claim}s with the activations: when that
    code changes, no file's kept result may be used (its claims may no longer hold)."""
    gl = write_glossary(tmp_path / "gl", GOOD)
    cache.load_cached(gl, tmp_path / "cache")
    counted.clear()
    monkeypatch.setattr(cache, "_code_digest", lambda: b"the activations were edited")
    cache.load_cached(gl, tmp_path / "cache")
    assert sorted(counted) == sorted(str(p) for p in gl.glob("*.yaml"))


def test_the_code_whose_results_are_kept_includes_the_numeric_core():
    names = {p.name for p in cache._CODE}
    assert {"activations.py", "claims.py", "registry.py", "examples.py", "load.py"} <= names
    assert not any("sphinxext" in p.parts for p in cache._CODE)
