"""The per-document records extensions keep on the environment (sphinxext.per_document)."""

from __future__ import annotations

from types import SimpleNamespace

from relu_glossary.sphinxext.per_document import PerDocument


def test_a_purged_document_loses_its_entry_and_parallel_readers_entries_are_merged():
    record = PerDocument("relu_test_record")
    main, reader = SimpleNamespace(), SimpleNamespace()
    record.of(main).update({"a": 1, "b": 2})
    record.of(reader).update({"b": 20, "c": 30, "d": 40})
    record._purge(None, main, "a")
    record._merge(None, main, ["b", "c", "x"], reader)  # only the documents that reader read
    assert record.of(main) == {"b": 20, "c": 30}
    assert main.relu_test_record is record.of(main)  # on the environment: pickled with it
