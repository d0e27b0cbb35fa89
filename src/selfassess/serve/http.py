"""Serve the preview over HTTP with the standard library, on this computer only by default.

The standard library's server is enough for one reader's browser on the same computer,
and adds no dependency. It answers only requests addressed to the name it was started
on (or localhost), so a web page elsewhere cannot read the preview through a name it
points at this computer (DNS rebinding): the gap list names owners and their emails.
"""

from __future__ import annotations

import ipaddress
import mimetypes
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from selfassess.problems import UsageError
from selfassess.serve import pages
from selfassess.serve.site import Site

_TYPES = {".md": "text/markdown", ".csv": "text/csv", ".json": "application/json"}
_LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """Tell whether an address is this computer's own (reachable from nowhere else)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PreviewServer(ThreadingHTTPServer):
    """The preview's server: one thread a request, none left behind when it stops."""

    daemon_threads = True

    def __init__(self, site: Site, host: str, port: int) -> None:
        self.site = site
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        try:
            super().__init__((host, port), PreviewHandler)
        except OSError as exc:
            raise UsageError(
                f"cannot serve on {host} port {port}: {exc.strerror or exc}; "
                "choose another with --port (0 picks a free one)"
            ) from None
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{self.server_address[1]}/"
        names = [*_LOCAL_NAMES, shown]
        self.hosts = {f"{name}:{self.server_address[1]}" for name in names}
        self.any_host = not is_loopback(host)

    def start(self) -> threading.Thread:
        """Serve in a thread of its own; stop with shutdown()."""
        thread = threading.Thread(target=self.serve_forever, name="selfassess-serve", daemon=True)
        thread.start()
        return thread


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers GET: the index, each file's pages (with problems and reload), the versions."""

    server: PreviewServer

    def do_GET(self) -> None:
        server = self.server
        if not server.any_host and self.headers.get("Host", "") not in server.hosts:
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"not this server's name", "text/plain")
            return
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send(HTTPStatus.OK, pages.index_page(server.site), "text/html")
        elif path == pages.VERSION_PATH:
            self._send(HTTPStatus.OK, pages.versions(server.site), "application/json")
        else:
            self._document(path)

    def _document(self, path: str) -> None:
        slug, _, relative = path.lstrip("/").partition("/")
        served = self.server.site.find(slug)
        if served is None:
            self._send(HTTPStatus.NOT_FOUND, b"not served here", "text/plain")
            return
        snapshot = served.snapshot
        if not relative and served.kind is not None and snapshot.rendered:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", f"/{quote(slug)}/{quote(served.kind.page)}")
            self.end_headers()
            return
        if not snapshot.rendered:
            if relative.endswith(".html") or not relative:
                page = pages.problems_page(served, snapshot)
                self._send(HTTPStatus.OK, page, "text/html")
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not rendered: see its page", "text/plain")
            return
        data = self._file(self.server.site.root / slug, relative, snapshot.written)
        if data is None:
            self._send(HTTPStatus.NOT_FOUND, b"no such file", "text/plain")
        elif relative.endswith(".html"):
            self._send(HTTPStatus.OK, pages.served_page(data, served, snapshot), "text/html")
        else:
            self._send(HTTPStatus.OK, data, _type(relative))

    @staticmethod
    def _file(folder: Path, relative: str, written: tuple[str, ...]) -> bytes | None:
        """Return a file the last render wrote (only those: no other path is opened)."""
        if relative not in written:
            return None
        try:
            return (folder / relative).read_bytes()
        except OSError:
            return None

    def _send(self, status: HTTPStatus, data: bytes, kind: str) -> None:
        self.send_response(status)
        text = kind.startswith("text/") or kind == "application/json"
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if text else kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing per request: the terminal shows what was rendered, not each fetch."""


def _type(relative: str) -> str:
    suffix = Path(relative).suffix
    return _TYPES.get(suffix) or mimetypes.guess_type(relative)[0] or "application/octet-stream"
