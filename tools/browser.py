"""Serve a built site on 127.0.0.1 and open it in Chromium (Playwright).

Shared by the browser tests, `make screenshots` and `make bench`.  The browser is
the one tools/provision.py found or installed: Debian's /usr/bin/chromium where
there is one, else Playwright's own download.
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools.provision import find_chromium

CHROMIUM = find_chromium()
# Without these, Chromium phones home at start-up (component updates, sync,
# field trials), which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-features=Translate,MediaRouter",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A page closed while it still loads (a test that has what it needs) drops
        its connections: normal for a browser, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


_COMPRESSIBLE = (".html", ".js", ".css", ".svg", ".json", ".xml", ".txt", ".inv")


class _GzipHandler(_QuietHandler):
    """Serves text files gzip-compressed, as any production web server would:
    page-weight and Lighthouse figures are only meaningful that way."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in _COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(root: Path, prefix: str = "", *, compress: bool = False):
    """Serve ``root`` (optionally under a sub-path ``prefix``, optionally gzip-compressed);
    yield the base URL."""
    directory = Path(root)
    if prefix:
        # serve the parent of a folder named like the prefix, as a sub-path host would
        import tempfile

        holder = Path(tempfile.mkdtemp(prefix="relu-serve-"))
        link = holder / prefix.strip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(directory.resolve(), target_is_directory=True)
        directory = holder
    handler = _GzipHandler if compress else _QuietHandler
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        yield base + (prefix.strip("/") + "/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        if CHROMIUM is None:
            raise RuntimeError("no Chromium: run `make test`, which installs one (tools/provision.py)")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, *, dark: bool = False, width: int = 1280, height: int = 900):
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light", locale="ja-JP"
    )
    mode = "dark" if dark else "light"
    # pydata-sphinx-theme reads the reader's choice from localStorage
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    return context.new_page()


#: Resolves once every font the page declares has loaded and every image is decoded.
#: document.fonts.ready alone is not enough: it only waits for fonts a layout has
#: already asked for, and a local @font-face (the Japanese fonts) may be asked for
#: only by the screenshot's own layout, which would then draw the fallback.
FONTS_AND_IMAGES = """() => Promise.all([
    ...[...document.fonts].map((face) => face.load().catch(() => null)),
    ...[...document.images].map((image) => image.decode().catch(() => null)),
]).then(() => document.fonts.ready)"""


def goto(page, url: str, *, quiet: float = 0.1, timeout: float = 30.0) -> None:
    """Open ``url`` and return once the page has loaded and no request has been in
    flight for ``quiet`` seconds: every script, stylesheet, font, plot and data file
    it asked for has arrived (or failed).

    Playwright's ``wait_until="networkidle"`` means the same with 500 ms of quiet,
    which a local server never needs: it cost 0.4-1.4 s more per page here, and
    the test suite (~150 page loads) took a minute longer with it."""
    in_flight: set = set()
    last = [time.monotonic()]

    def started(request) -> None:
        in_flight.add(request)
        last[0] = time.monotonic()

    def ended(request) -> None:
        in_flight.discard(request)
        last[0] = time.monotonic()

    listeners = {"request": started, "requestfinished": ended, "requestfailed": ended}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(url, wait_until="load")
        last[0] = max(last[0], time.monotonic())  # a request made at load is seen
        deadline = time.monotonic() + timeout
        while in_flight or time.monotonic() - last[0] < quiet:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: still loading after {timeout} s: {[r.url for r in in_flight]}")
            page.wait_for_timeout(20)  # lets Playwright deliver the request events
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
