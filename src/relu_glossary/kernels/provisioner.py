"""The client side: a jupyter_client kernel provisioner that asks the kernel server
(kernels.server) for its kernels.

Registered as ``relu-forked`` in pyproject.toml; the ``relu-python3`` kernel spec
names it.  When no server is running (``$RELU_KERNEL_SERVER`` unset) kernels start
the usual way.

On Linux every kernel, forked or not, talks to its client over ZeroMQ ``ipc``
sockets in the abstract namespace (``@relu-kernel-<uuid>-1`` ...), not TCP.  With
TCP, jupyter_client picks five free ports and the kernel binds them a moment
later; a reader starting another kernel in parallel, or a client's outgoing
connection, can take one in between, and the kernel dies with "Address already in
use" (jupyter_client issue 487; it stopped a 100-term benchmark build here).  A
name made of a UUID cannot be taken, and abstract sockets leave no files and have
no path-length limit.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

from relu_glossary.kernels.server import LAUNCHER, SERVER_ENV, socket_address


class ForkedKernel:
    """The parts of ``subprocess.Popen`` that LocalProvisioner uses, for a kernel the
    server forked: it is not our child, so its exit code comes from the server."""

    stdin = stdout = stderr = None

    def __init__(self, address: str, argv: list[str], cwd: str, env: dict[str, str]) -> None:
        self._conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._conn.connect(socket_address(address))
        self._conn.sendall(json.dumps({"argv": argv, "cwd": cwd, "env": env}).encode() + b"\n")
        self._buffer = b""
        self.returncode: int | None = None
        word, value = self._line(timeout=None)
        if word != "pid":
            raise RuntimeError(f"the kernel server refused to start a kernel: {value}")
        self.pid = int(value)

    def _line(self, timeout: float | None) -> tuple[str, str] | tuple[None, None]:
        """The server's next line; ``(None, None)`` if none came within ``timeout``."""
        self._conn.settimeout(timeout)
        while b"\n" not in self._buffer:
            try:
                data = self._conn.recv(256)
            except (BlockingIOError, TimeoutError):
                return None, None
            if not data:  # the server stopped, and killed its kernels first
                return "exit", str(-signal.SIGKILL)
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        word, _, value = line.decode().partition(" ")
        return word, value

    def poll(self) -> int | None:
        if self.returncode is None:
            word, value = self._line(timeout=0)
            if word == "exit":
                self.returncode = int(value)
                self._conn.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            word, value = self._line(timeout)
            if word != "exit":
                raise subprocess.TimeoutExpired("kernel", timeout)
            self.returncode = int(value)
            self._conn.close()
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkedKernelProvisioner(LocalProvisioner):
    """Starts kernels through the server named by ``$RELU_KERNEL_SERVER``, if any."""

    async def pre_launch(self, **kwargs):
        manager = self.parent
        if sys.platform == "linux" and manager is not None and not any(manager.ports):
            manager.transport = "ipc"
            manager.ip = f"@relu-kernel-{uuid.uuid4().hex}"
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs):
        address = os.environ.get(SERVER_ENV)
        if not address or cmd[1:3] != LAUNCHER:
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or Path.cwd())
        env = dict(kwargs.get("env") or os.environ)
        self.process = ForkedKernel(address, cmd[3:], cwd, env)
        # The kernel leads its own process group, so signals to the group reach
        # only the kernel and what it started, as with a kernel started locally.
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd
        return self.connection_info
