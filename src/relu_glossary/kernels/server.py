"""The kernel server: one warm process that forks a Jupyter kernel per notebook.

``python -m relu_glossary.kernels.server FD`` listens on the Unix socket it
inherits as file descriptor FD.  A client (kernels.provisioner) sends one JSON
line ``{"argv", "cwd", "env"}``; the server forks, answers ``pid N``, and later
``exit CODE`` when that kernel has exited.  The server stops, killing its
kernels, when its standard input (held open by whoever started it) closes.

The forked kernel is an ordinary ipykernel: it reads the connection file
jupyter_client wrote, and runs in the notebook's directory with the environment
jupyter_client gives it.  Only the imports are shared, never state: the server
imports modules (PRELOAD) and runs nothing else.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

SERVER_ENV = "RELU_KERNEL_SERVER"
#: A Unix socket's path holds at most 107 bytes (sun_path); below this a path is used.
_PATH_LIMIT = 100


def socket_address(address: str) -> str:
    """What to bind or connect to for ``address`` as the environment carries it:
    ``@name`` is ``name`` in Linux's abstract namespace (no file; an environment
    variable cannot hold the NUL byte that marks it)."""
    return "\0" + address[1:] if address.startswith("@") else address


#: Forking needs os.fork and, to learn of a kernel's exit, os.pidfd_open (Linux ≥ 5.3).
AVAILABLE = hasattr(os, "fork") and hasattr(os, "pidfd_open")
KERNEL_NAME = "relu-python3"
LAUNCHER = ["-m", "ipykernel_launcher"]

# What a kernel imports before a notebook's first line, and what the notebooks
# import: the expensive part of every start.  Importing runs no notebook code.
PRELOAD = [
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "numpy",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_svg",
    "matplotlib_inline.backend_inline",
    "matplotlib_fontja",
    "relu_glossary.activations",
    "relu_glossary.demos",
    "relu_glossary.examples",
    "relu_glossary.plotting",
]


def kernel_spec() -> dict:
    """The kernel.json of the forked kernel (``argv`` is also how it starts without a server)."""
    return {
        "argv": ["python", *LAUNCHER, "-f", "{connection_file}"],
        "display_name": "Python 3 (relu_glossary, forked)",
        "language": "python",
        "interrupt_mode": "signal",
        "metadata": {"kernel_provisioner": {"provisioner_name": "relu-forked"}},
    }


# --- the server -----------------------------------------------------------------


def serve(listener: socket.socket) -> None:
    """Preload, then fork a kernel for each request until standard input closes."""
    # As ipykernel does at start, before any notebook code can import matplotlib.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for module in PRELOAD:
        importlib.import_module(module)

    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "lifeline")
    running: dict[int, tuple[socket.socket, int]] = {}  # pid -> (client connection, pidfd)
    try:
        while True:
            for key, _ in selector.select():
                if key.data == "lifeline":
                    if not os.read(key.fd, 4096):
                        return
                elif key.data == "accept":
                    conn, _ = listener.accept()
                    pid = _fork_kernel(
                        conn,
                        inherited=[
                            conn,
                            listener,
                            sys.stdin.fileno(),
                            selector,
                            *(c for c, _ in running.values()),
                            *(fd for _, fd in running.values()),
                        ],
                    )
                    if pid:
                        pidfd = os.pidfd_open(pid)
                        running[pid] = (conn, pidfd)
                        selector.register(pidfd, selectors.EVENT_READ, pid)
                else:
                    conn, pidfd = running.pop(key.data)
                    selector.unregister(pidfd)
                    os.close(pidfd)
                    _, status = os.waitpid(key.data, 0)
                    _send(conn, f"exit {os.waitstatus_to_exitcode(status)}")
                    conn.close()
    finally:
        for pid in running:
            _kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _send(conn: socket.socket, line: str) -> None:
    try:
        conn.sendall(line.encode() + b"\n")
    except OSError:
        pass  # the client has gone; the kernel's exit is news to nobody


def _fork_kernel(conn: socket.socket, inherited: list) -> int:
    """Fork a kernel for the request on ``conn``; return its pid (0 if refused)."""
    try:
        request = json.loads(conn.makefile("rb").readline())
        argv, cwd, env = list(request["argv"]), str(request["cwd"]), dict(request["env"])
    except (ValueError, KeyError, TypeError) as error:
        _send(conn, f"error bad request: {error}")
        conn.close()
        return 0
    pid = os.fork()
    if pid == 0:
        _become_kernel(argv, cwd, env, inherited)  # never returns
    _send(conn, f"pid {pid}")
    return pid


def _become_kernel(argv: list[str], cwd: str, env: dict[str, str], inherited: list) -> None:
    """In the forked child: become ``python -m ipykernel_launcher ARGV`` run in ``cwd``."""
    code = 1
    try:
        for thing in inherited:  # the server's sockets and fds are not the kernel's
            if isinstance(thing, int):
                os.close(thing)
            else:
                thing.close()
        os.setsid()  # its own process group, as jupyter_client gives a kernel it starts
        for sig in STOP_SIGNALS:  # a kernel's, not the server's (ipykernel sets its own SIGINT)
            signal.signal(sig, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        # The server is this kernel's parent: the kernel exits if the server dies.
        # (ipykernel read $JPY_PARENT_PID when the server imported it, so say it here.)
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        argv = [*argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()  # what a normal interpreter exit would do
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)  # never unwind into the server's loop


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _stop_serving(signum: int, frame) -> None:
    """SIGTERM or SIGINT (a signal to the build's process group): leave ``serve``
    through its ``finally``, which kills the kernels; they are in sessions of their
    own, so the signal did not reach them.  A second signal must not cut that short."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


class KernelServer:
    """A running kernel server; ``close()`` stops it and its kernels.

    The listening socket is bound here, before the server has started, so a
    client can connect at once: it waits in the backlog while the server imports.
    """

    def __init__(self) -> None:
        self._owner = os.getpid()
        self._closed = False
        self._dir = tempfile.TemporaryDirectory(prefix="relu-kernels-")
        self.address = str(Path(self._dir.name) / "server.sock")
        if len(os.fsencode(self.address)) > _PATH_LIMIT and sys.platform == "linux":
            # a deep TMPDIR (a test's, a CI's) does not fit in a socket path: the
            # abstract namespace needs no file, and its name is the folder's, unique
            self.address = "@" + Path(self._dir.name).name
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(socket_address(self.address))
        listener.listen(16)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "relu_glossary.kernels.server", str(listener.fileno())],
            stdin=subprocess.PIPE,
            pass_fds=[listener.fileno()],
        )
        listener.close()
        # Also when the build is interrupted (Sphinx's KeyboardInterrupt skips
        # build-finished): the server would stop with its lifeline, but the socket
        # folder would stay.
        atexit.register(self.close)

    @property
    def pid(self) -> int:
        return self._process.pid

    def close(self) -> None:
        if self._closed or os.getpid() != self._owner:  # not in a fork of the owner
            return
        self._closed = True
        atexit.unregister(self.close)
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._dir.cleanup()


if __name__ == "__main__":
    # Like ipykernel_launcher: the directory we were started from is not on the path.
    del sys.path[0]
    for sig in STOP_SIGNALS:
        signal.signal(sig, _stop_serving)
    serve(socket.socket(fileno=int(sys.argv[1])))
