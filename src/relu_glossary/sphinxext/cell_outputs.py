"""Notebook cell outputs kept to a size a page can show, in time linear in their size.

Plain Python on nbformat outputs (no Sphinx): ``execution`` applies it.

* :func:`bound`: a cell that printed 100 MB made a 100 MB page (and the reader
  spun for minutes, see below).  Text is cut at ``TEXT_LIMIT`` characters with a
  note saying so; a rich output (HTML, SVG, an image…) cannot be cut and is
  replaced by the note when it passes ``RICH_LIMIT``.
* :func:`coalesce_streams`: myst-nb merges each cell's streams with a regular
  expression, ``.*\\r(?=[^\\n])``, that is tried at every position of a line and
  scans to the line's end each time: quadratic in the line's length (100,000
  characters without a newline took 17 s, 100 MB more than 11 minutes).  This is
  the same function, with that step done line by line.
"""

from __future__ import annotations

from nbformat import NotebookNode

#: 100,000 characters: some 2,000 lines of text, far more than anyone reads in a
#: cell's output, and a few hundred kB of page at most.  The site's largest text
#: output today is well under 1,000 characters.
TEXT_LIMIT = 100_000
#: A rich output is kept whole up to 2,000,000 characters: the site's largest
#: (an SVG plot) is 53,000, so a plot forty times as detailed still fits.
RICH_LIMIT = 2_000_000
#: Shown as text, so these are cut rather than dropped.
_TEXT_TYPES = ("text/plain",)


def _cut(text: str, budget: int, total: int, shown: int | None = None) -> str:
    """``text`` cut to ``budget`` characters, with a note that ``shown`` (the
    stream's earlier pieces and this one's kept part) of ``total`` are shown."""
    shown = budget if shown is None else shown
    return text[:budget] + (
        f"\n[… 出力が長すぎるため、最初の {shown:,} 文字だけを表示しています（全 {total:,} 文字）。"
        f" Output truncated: the first {shown:,} of {total:,} characters are shown.]\n"
    )


def _left_out(mime: str, total: int) -> str:
    return (
        f"[出力が大きすぎるため省略しました（{mime}、{total:,} 文字）。 Output left out: {mime}, {total:,} characters.]"
    )


def bound(outputs: list[NotebookNode], text_limit: int = TEXT_LIMIT, rich_limit: int = RICH_LIMIT) -> list:
    """``outputs`` with each stream cut at ``text_limit`` characters in all (a
    stream arrives in many pieces), other text cut likewise, and rich values
    over ``rich_limit`` replaced by a note.  Outputs within the limits are the
    same objects, unchanged."""
    stream_total: dict[str, int] = {}
    for output in outputs:
        if output.get("output_type") == "stream":
            name = output.get("name", "")
            stream_total[name] = stream_total.get(name, 0) + len(output.get("text", ""))
    used: dict[str, int] = {}
    kept = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            name, text = output.get("name", ""), output.get("text", "")
            budget = text_limit - used.get(name, 0)
            if budget < 0:
                continue  # the note is already shown
            if len(text) > budget:
                output["text"] = _cut(text, budget, stream_total[name], shown=text_limit)
                used[name] = text_limit + 1
            else:
                used[name] = used.get(name, 0) + len(text)
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            for mime, value in list(data.items()):
                if not isinstance(value, (str, list)):
                    continue  # JSON data: structured, and small in practice
                text = value if isinstance(value, str) else "".join(value)
                if mime in _TEXT_TYPES and len(text) > text_limit:
                    data[mime] = _cut(text, text_limit, len(text))
                elif mime not in _TEXT_TYPES and len(text) > rich_limit:
                    del data[mime]  # the page shows the note instead
                    data["text/plain"] = _left_out(mime, len(text))
        elif kind == "error":
            lines = output.get("traceback", [])
            if sum(map(len, lines)) > text_limit:
                output["traceback"] = [_cut("\n".join(lines), text_limit, sum(map(len, lines)))]
        kept.append(output)
    return kept


def _drop_overwritten(text: str) -> str:
    """``re.sub(r".*\\r(?=[^\\n])", "", text)`` in linear time: on each line, what
    a carriage return followed by more of the line has overwritten is dropped."""
    if "\r" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        last = line.rfind("\r", 0, len(line) - 1)  # one with a character of the line after it
        if last >= 0:
            lines[i] = line[last + 1 :]
    return "\n".join(lines)


def coalesce_streams(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """myst-nb's ``myst_nb.core.utils.coalesce_streams``, to the byte (tests compare
    them), in linear time.  Like it, it updates the first output of each stream."""
    if not outputs:
        return []
    new_outputs = []
    streams: dict[str, NotebookNode] = {}
    pieces: dict[str, list[str]] = {}
    for output in outputs:
        if output["output_type"] != "stream":
            new_outputs.append(output)
        elif output["name"] in streams:
            out = output["text"].rstrip()
            if out:
                pieces[output["name"]].append(f"{out}\n")
        else:
            new_outputs.append(output)
            streams[output["name"]] = output
            pieces[output["name"]] = [output["text"].rstrip() + "\n"]
    for name, output in streams.items():
        # (myst-nb's loop over backspaces never runs: its condition is false on entry)
        output["text"] = _drop_overwritten("".join(pieces[name]))
    # stdout before stderr when they are neighbours, as myst-nb orders them
    for i, output in enumerate(new_outputs):
        if (
            output["output_type"] == "stream"
            and output["name"] == "stderr"
            and len(new_outputs) >= i + 2
            and new_outputs[i + 1]["output_type"] == "stream"
            and new_outputs[i + 1]["name"] == "stdout"
        ):
            new_outputs.insert(i, new_outputs.pop(i + 1))
    return new_outputs
