"""A notebook cell that kills its kernel, runs too long or prints too much ends the
build with one line naming file, line and cell: no traceback, nothing else lost."""

from __future__ import annotations

import copy
import time

import nbformat
from hypothesis import given
from hypothesis import strategies as st
from myst_nb.core.utils import coalesce_streams as myst_coalesce_streams

from relu_glossary.sphinxext import cell_outputs


def _stream(name: str, text: str):
    return nbformat.v4.new_output("stream", name=name, text=text)


# --- outputs, without Sphinx ----------------------------------------------------


def test_a_long_stream_is_cut_once_with_a_note_across_its_pieces():
    outputs = [_stream("stdout", "a" * 60), _stream("stderr", "e" * 10), _stream("stdout", "b" * 60)]
    outputs.append(_stream("stdout", "c" * 60))
    kept = cell_outputs.bound(outputs, text_limit=100)
    assert [o["name"] for o in kept] == ["stdout", "stderr", "stdout"]
    assert kept[0]["text"] == "a" * 60 and kept[1]["text"] == "e" * 10
    assert kept[2]["text"].startswith(
        "b" * 40 + "\n[… 出力が長すぎるため、最初の 100 文字だけを表示しています（全 180 文字）。"
    )
    assert kept[2]["text"].endswith(" Output truncated: the first 100 of 180 characters are shown.]\n")


def test_text_is_cut_and_a_rich_output_too_big_to_cut_is_left_out():
    plain = nbformat.v4.new_output("execute_result", data={"text/plain": "p" * 500}, execution_count=1)
    svg = nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg>" + "s" * 900, "text/plain": "<Figure>"})
    small = nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg/>"})
    kept = cell_outputs.bound([plain, svg, small], text_limit=100, rich_limit=800)
    assert kept[0]["data"]["text/plain"].startswith("p" * 100 + "\n[…")
    assert kept[1]["data"] == {
        "text/plain": "[出力が大きすぎるため省略しました（image/svg+xml、905 文字）。"
        " Output left out: image/svg+xml, 905 characters.]"
    }
    assert kept[2]["data"] == {"image/svg+xml": "<svg/>"}


stream_text = st.text(alphabet="ab\r\n\b ", max_size=30)
outputs_strategy = st.lists(
    st.one_of(
        st.builds(_stream, st.sampled_from(["stdout", "stderr"]), stream_text),
        st.builds(lambda t: nbformat.v4.new_output("display_data", data={"text/plain": t}), stream_text),
    ),
    max_size=6,
)


@given(outputs_strategy)
def test_stream_merging_is_myst_nbs_to_the_byte(outputs):
    ours, theirs = copy.deepcopy(outputs), copy.deepcopy(outputs)
    assert cell_outputs.coalesce_streams(ours) == myst_coalesce_streams(theirs)
    assert ours == theirs  # the same changes to the cell's own outputs


def test_stream_merging_is_linear_in_a_lines_length():
    """myst-nb's took 17 s for 100,000 characters without a newline (quadratic)."""
    started = time.perf_counter()
    merged = cell_outputs.coalesce_streams([_stream("stdout", "x" * 10_000_000 + "\rdone")])
    assert merged[0]["text"] == "done\n"
    assert time.perf_counter() - started < 1


# --- a build --------------------------------------------------------------------


def test_dead_kernel_timeout_and_huge_output_each_end_in_one_line(broken_notebooks):
    """In the parallel build of broken notebooks (conftest): a cell that kills its
    kernel, one past a 5 s limit, one printing 20 MB, and a page with a warning of
    its own, which must not be lost."""
    root, out, result = broken_notebooks
    elapsed = result.elapsed
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    # (Sphinx lists the warnings again at the end)
    mine = ("dies.md", "slow.md", "loud.md", "page0.md")  # the other notebooks are other tests'
    warnings = sorted({line for line in output.splitlines() if "WARNING" in line and line.split(":")[0].endswith(mine)})
    assert warnings == [
        f"{root}/dies.md:14: WARNING: cell 3: the kernel died (exit code 3); the cells after it were not run"
        " [relu_glossary.notebook]",
        f"{root}/page0.md:3: WARNING: unknown document: 'nowhere' [ref.doc]",
        f"{root}/slow.md:14: WARNING: cell 3: ran past 5 s (nb_execution_timeout); the cells after it were not run"
        " [relu_glossary.notebook]",
    ], output[-3000:]
    for noise in ("Traceback", "SphinxParallelError", "DeadKernelError", "ZMQError", "Exception occurred"):
        assert noise not in output
    html = out / "html"
    assert not (html / "reports").exists()  # no traceback files, with absolute paths, in the site

    loud = (html / "loud.html").read_text(encoding="utf-8")
    assert "Output truncated: the first 100,000 of 20,000,000 characters are shown." in loud
    assert "Output truncated: the first 100,000 of 1,288,890 characters are shown." in loud
    assert len(loud) < 400_000
    assert elapsed < 240  # the 20 MB line alone kept the reader busy for hours
    assert "(not computed)" in (html / "dies.html").read_text(encoding="utf-8")
