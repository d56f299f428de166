"""Kernels forked from a warm process (relu_glossary.kernels), driven through
jupyter_client exactly as myst-nb drives them."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager
from myst_nb.core.read import read_myst_markdown_notebook
from nbclient import NotebookClient

from relu_glossary.kernels import server as kernels

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def kernel_spec(tmp_path, monkeypatch):
    """The relu-python3 kernel spec on $JUPYTER_PATH, as the Sphinx extension installs it."""
    spec = tmp_path / "jupyter" / "kernels" / kernels.KERNEL_NAME / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps(kernels.kernel_spec()), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))  # not the user's profile
    monkeypatch.delenv(kernels.SERVER_ENV, raising=False)


@pytest.fixture
def server(kernel_spec, monkeypatch):
    server = kernels.KernelServer()
    monkeypatch.setenv(kernels.SERVER_ENV, server.address)
    yield server
    server.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _start(tmp_path, **env):
    km = KernelManager(kernel_name=kernels.KERNEL_NAME)
    km.start_kernel(cwd=str(tmp_path), env={**os.environ, **env})
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=30)
    return km, client


def _run(client, code: str) -> tuple[dict, str]:
    """Execute ``code``; return the reply's content and what it printed."""
    printed = []
    reply = client.execute_interactive(
        code, timeout=30, output_hook=lambda msg: printed.append(msg["content"].get("text", ""))
    )
    return reply["content"], "".join(printed)


def test_kernel_is_forked_by_the_server_into_the_notebooks_folder(server, tmp_path):
    km, client = _start(tmp_path, RELU_TEST_VALUE="ok")
    try:
        _, printed = _run(
            client,
            "import os, sys\n"
            "print(os.getppid(), os.getcwd(), os.environ['RELU_TEST_VALUE'],"
            " 'matplotlib' in sys.modules, os.getpgid(0) == os.getpid())",
        )
        assert printed.split() == [str(server.pid), str(tmp_path), "ok", "True", "True"]
        assert km.provisioner.pid != server.pid and _alive(km.provisioner.pid)
    finally:
        client.stop_channels()
        pid = km.provisioner.pid
        km.shutdown_kernel()
    assert not _alive(pid)


def test_a_deep_temporary_folder_does_not_stop_the_server(kernel_spec, tmp_path, monkeypatch):
    """A socket path holds 107 bytes; a deep TMPDIR (a CI's, a test worker's) gets an
    address in Linux's abstract namespace, and kernels start through it."""
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr("tempfile.tempdir", str(deep))
    server = kernels.KernelServer()
    monkeypatch.setenv(kernels.SERVER_ENV, server.address)
    try:
        assert server.address.startswith("@relu-kernels-")
        km, client = _start(tmp_path)
        try:
            _, printed = _run(client, "import os; print(os.getppid())")
            assert printed.split() == [str(server.pid)]
        finally:
            client.stop_channels()
            km.shutdown_kernel()
    finally:
        server.close()
    assert list(deep.iterdir()) == []  # its folder removed


def test_a_forked_kernel_can_be_interrupted_and_killed(server, tmp_path):
    km, client = _start(tmp_path)
    try:
        msg_id = client.execute("import time; time.sleep(60)")
        time.sleep(0.5)
        km.interrupt_kernel()  # what nbclient does when a cell times out
        reply = client.get_shell_msg(timeout=10)
        while reply["parent_header"]["msg_id"] != msg_id:  # late replies to the start-up's kernel_info
            reply = client.get_shell_msg(timeout=10)
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        pid = km.provisioner.pid
        km.shutdown_kernel(now=True)
        assert not _alive(pid)
    finally:
        client.stop_channels()


def test_stopping_the_server_stops_its_kernels(kernel_spec, monkeypatch, tmp_path):
    server = kernels.KernelServer()
    monkeypatch.setenv(kernels.SERVER_ENV, server.address)
    km, client = _start(tmp_path)
    client.stop_channels()
    process = km.provisioner.process
    server.close()
    assert process.wait(timeout=10) is not None
    assert not _alive(process.pid)
    km.cleanup_resources()


def test_without_a_server_the_kernel_starts_the_usual_way(kernel_spec, tmp_path):
    km, client = _start(tmp_path)
    try:
        _, printed = _run(client, "import os; print(os.getppid())")
        assert printed.split() == [str(os.getpid())]
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "usual"])
def test_kernels_talk_over_sockets_no_other_process_can_take(kernel_spec, tmp_path, monkeypatch, forked):
    """ipc in the abstract namespace, a name per kernel: no TCP port to lose to another
    kernel starting at the same moment (jupyter_client issue 487)."""
    server = kernels.KernelServer() if forked else None
    if server:
        monkeypatch.setenv(kernels.SERVER_ENV, server.address)
    kms = []
    try:
        for _ in range(2):
            kms.append(_start(tmp_path))
        for km, client in kms:
            assert km.transport == "ipc" and km.ip.startswith("@relu-kernel-")
            assert _run(client, "print(6 * 7)")[1].split() == ["42"]
        assert kms[0][0].ip != kms[1][0].ip
    finally:
        for km, client in kms:
            client.stop_channels()
            km.shutdown_kernel(now=True)
        if server:
            server.close()


def _outputs(notebook: Path, kernel_name: str) -> list:
    nb = read_myst_markdown_notebook(notebook.read_text(encoding="utf-8"))
    NotebookClient(
        nb, kernel_name=kernel_name, timeout=60, resources={"metadata": {"path": str(notebook.parent)}}
    ).execute()
    return [cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("name", ["relu", "dying-relu"])
def test_forked_and_usual_kernels_give_the_same_outputs(server, name, monkeypatch):
    notebook = REPO / "docs" / "notebooks" / f"{name}.md"
    forked = _outputs(notebook, kernels.KERNEL_NAME)
    monkeypatch.delenv(kernels.SERVER_ENV)
    usual = _outputs(notebook, "python3")
    assert any(any("image/svg+xml" in o.get("data", {}) for o in outs) for outs in usual)
    assert forked == usual
