"""A static server that gzips as a static host would, and counts the bytes it puts on the wire.

Text files (HTML, CSS, JS, JSON, XML, SVG) are sent gzip-compressed (level 6, nginx's usual
`gzip_comp_level`) to a client that accepts it; everything else as is. Every response is
logged as (path, bytes sent: status line, headers and body), so a browser run can be costed.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import sys
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
GZIP_LEVEL = 6


@lru_cache(maxsize=4096)
def gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


class CountingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.root = root.resolve()
        self.log: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def mark(self) -> int:
        with self.lock:
            return len(self.log)

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.log[mark:])

    def record(self, path: str, sent: int) -> None:
        with self.lock:
            self.log.append((path, sent))

    def handle_error(self, request, client_address) -> None:
        # A browser context closed while its fetches were in flight (the search's second
        # answer, after the first was timed) resets the connection: not a server error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: CountingServer

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        file = self._file(path)
        if file is None:
            return self._send(path, 404, b"not found", "text/plain", False)
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        compress = (file.suffix in COMPRESSIBLE
                    and "gzip" in self.headers.get("Accept-Encoding", ""))
        if compress:
            body = gzipped(file, file.stat().st_mtime_ns)
        self._send(path, 200, body, kind, compress)

    def _file(self, path: str) -> Path | None:
        target = (self.server.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or self.server.root not in target.parents:
            return None
        return target

    def _send(self, path: str, status: int, body: bytes, kind: str, gzipped_: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if gzipped_:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        headers = sum(len(line) for line in self._headers_buffer) + 2  # + the blank line
        self.end_headers()
        self.wfile.write(body)
        self.server.record(path, len(body) + headers)

    def log_message(self, *args) -> None:
        pass
