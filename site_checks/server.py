"""A small static server for the built site on 127.0.0.1, compressing text with gzip as a
production server would, so that the browser's transfer sizes are the real ones."""
from __future__ import annotations

import gzip
import mimetypes
import threading
from contextlib import contextmanager
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml", "application/manifest+json")
EXTRA_TYPES = {".js": "application/javascript", ".json": "application/json", ".svg": "image/svg+xml",
               ".ics": "text/calendar", ".webmanifest": "application/manifest+json", ".webp": "image/webp",
               ".avif": "image/avif", ".woff2": "font/woff2"}
GZIP_LEVEL = 6  # zlib's default, what common servers use


def content_type(path: Path) -> str:
    kind = EXTRA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in ("application/javascript", "application/json") else kind


@lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


def compressed_size(path: Path) -> int:
    return len(_gzipped(path, path.stat().st_mtime_ns))


def resolve(root: Path, url_path: str) -> Path | None:
    """The file a static server returns for a URL path, or None (404)."""
    rel = unquote(urlsplit(url_path).path).lstrip("/")
    target = (root / rel).resolve()
    if root not in target.parents and target != root:
        return None
    if target.is_dir():
        if not url_path.split("?")[0].endswith("/") and rel:
            return None  # a folder without its slash: the site's links never do this
        target = target / "index.html"
    return target if target.is_file() else None


def _handler(root: Path):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self._serve(body=True)

        def do_HEAD(self):
            self._serve(body=False)

        def _serve(self, body: bool):
            target = resolve(root, self.path)
            status = HTTPStatus.OK
            if target is None:
                status, target = HTTPStatus.NOT_FOUND, root / "404.html"
            kind = content_type(target)
            gz = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED_TYPES)
            data = _gzipped(target, target.stat().st_mtime_ns) if gz else target.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-cache")
            if gz:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format, *args):
            pass

    return Handler


@contextmanager
def serve(root: Path):
    """Serve `root` on a free port of 127.0.0.1; yields the base URL (no trailing slash)."""
    root = Path(root).resolve()
    httpd = ThreadingHTTPServer((HOST, 0), _handler(root))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
