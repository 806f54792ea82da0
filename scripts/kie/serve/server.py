"""`kie serve`: the facilitator's laptop serves the built site to the phones in the room, with no internet.

Standard library only. A threaded server answers GET and HEAD from the site folder and never opens a
connection of its own. Per request it only looks a file up and sends it: text files are gzipped the
first time they are asked for and kept in memory; PDFs and the zip are streamed from disk with
`Content-Disposition: attachment`, so phones save them. Anything that is not a plain path inside the
site (`..`, encoded or not, absurd lengths, huge headers, other methods) gets 400, 404 or 405.

With a session plan's check questions, the desk (kie.serve.desk) answers the participants' and projector
pages and the few POST addresses under /_sesi/. One thread per connection, and at most
MAX_CONNECTIONS_PER_CLIENT at once from one address: a slow or flooding client holds its own threads only.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import shutil
import sys
import threading
from collections import Counter
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, unquote

from .files import (
    CACHE_RULES,
    COMPRESSIBLE,
    DOWNLOADS,
    MAX_DEPTH,
    MAX_GZIP,
    MAX_HEADERS,
    MAX_TARGET,
    NO_SNIFF,
    SESSION,
    Memory,
    Site,
    cache_policy,
    content_type,
)

__all__ = [
    "CACHE_RULES",
    "NO_SNIFF",
    "SESSION",
    "ClassroomServer",
    "Handler",
    "Site",
    "accepts_gzip",
    "cache_policy",
    "view_of",
]
ERRORS = {414: 400, 431: 400, 501: 405}  # too long, header too large, unknown method
MAX_CONNECTIONS_PER_CLIENT = 24  # a phone opens about six; more from one address is a flood
THE_LAPTOP = "127.0.0.1"  # the facilitator's own browser (projector, tabs) and benchmarks: never capped
DESK = "/_sesi/"  # the check questions' addresses (kie.serve.desk)


def view_of(parts: list[str], query: str, languages: set[str]) -> tuple[str, str] | None:
    """'/?projector', '/en/index.html?peserta' → ('', 'projector'), ('en', 'peserta'); else None."""
    asked = set(parse_qs(query, keep_blank_values=True)) & {"projector", "peserta"} if query else set()
    if not asked or parts[-1] not in ("", "index.html"):
        return None
    if len(parts) == 1:
        folder = ""
    elif len(parts) == 2 and parts[0] in languages:
        folder = parts[0]
    else:
        return None
    return folder, "projector" if "projector" in asked else "peserta"


def accepts_gzip(header: str) -> bool:
    """'gzip, deflate, br' → True; 'gzip;q=0' or no gzip → False."""
    for coding in header.split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a phone asks for a page and its assets over one connection
    server_version = "kie-serve"
    sys_version = ""
    timeout = 30  # an idle connection is closed after this many seconds
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms wait for an ACK

    server: ClassroomServer

    def do_GET(self):
        self.answer(send_body=True)

    def do_HEAD(self):
        self.answer(send_body=False)

    def do_POST(self):
        desk = self.server.site.desk
        path = self.path.partition("?")[0]
        if desk is None or not path.startswith(DESK) or len(self.path) > MAX_TARGET:
            return self.send_error(405)
        desk.post(self, path)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if sum(len(k) + len(v) + 4 for k, v in self.headers.items()) > MAX_HEADERS:
            self.send_error(400, "Request headers too large")
            return False
        return True

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):  # the phone went away mid-answer: nothing to report
            self.close_connection = True

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def send_error(self, code, message=None, explain=None):
        code = ERRORS.get(code, code)
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        not_found = self.server.site.root / "404.html"
        if code == 404 and not_found.is_file():
            body, kind = not_found.read_bytes(), "text/html; charset=utf-8"
        else:
            body, kind = f"{code} {HTTPStatus(code).phrase}\n".encode(), "text/plain; charset=utf-8"
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        if code == 405:
            self.send_header("Allow", "GET, HEAD")
        if code >= 500:
            self.send_header("Retry-After", "5")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def answer(self, send_body: bool):
        target = self.path
        if len(target) > MAX_TARGET or not target.startswith("/"):
            return self.send_error(400, "Bad request target")
        path, _, query = target.partition("#")[0].partition("?")
        try:
            decoded = unquote(path, errors="strict")
        except UnicodeDecodeError:
            return self.send_error(400, "Bad encoding")
        parts = decoded.split("/")[1:]
        if "\x00" in decoded or any(p in (".", "..") for p in parts) or len(parts) > MAX_DEPTH:
            return self.send_error(400, "Bad path")
        site = self.server.site
        view = view_of(parts, query, self.server.languages)
        if site.desk is not None and (view is not None or decoded.startswith(DESK)):
            return site.desk.get(self, view, decoded, query, send_body)
        if view in site.views:
            return self.send_memory(site.views[view], send_body)
        if decoded in site.extra:
            return self.send_memory(site.extra[decoded], send_body)
        if parts[-1] == "":
            parts[-1] = "index.html"
        file = site.locate(parts)
        if file is None:
            return self.send_error(404)
        if file.is_dir():
            if not (file / "index.html").is_file():
                return self.send_error(404)
            return self.redirect(path + "/" + (f"?{query}" if query else ""))
        if not file.is_file():
            return self.send_error(404)
        self.send_file(file, send_body)

    def redirect(self, location: str, status: int = 301):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        if status == 303:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def send_dynamic(self, status: int, kind: str, body: bytes, send_body: bool, etag: str | None = None):
        """A response made for this request (a phone's page, the counts): never kept by a cache."""
        if etag and status == 200 and self.not_modified(etag, "no-cache"):
            return
        gz = len(body) > 1024 and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        data = gzip.compress(body, compresslevel=5, mtime=0) if gz else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache" if etag else "no-store")
        if etag:
            self.send_header("ETag", etag)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def not_modified(self, etag: str, cache: str) -> bool:
        if etag not in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
            return False
        self.send_response(304)
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache)
        self.end_headers()
        return True

    def send_memory(self, memory: Memory, send_body: bool, extra: tuple = ()):
        gz = accepts_gzip(self.headers.get("Accept-Encoding", ""))
        etag = memory.etag[:-1] + '-gz"' if gz else memory.etag
        if self.not_modified(etag, memory.cache):
            return
        body = memory.gz if gz else memory.raw
        self.send_response(200)
        self.send_header("Content-Type", memory.kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", memory.cache)
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header(*NO_SNIFF)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def send_file(self, file: Path, send_body: bool):
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        rel = file.relative_to(self.server.site.root).as_posix()
        kind = content_type(rel)
        modified = ("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        if kind.startswith(COMPRESSIBLE) and stat.st_size <= MAX_GZIP:
            return self.send_memory(self.server.site.compressed(file, etag), send_body, (modified,))
        cache = cache_policy(rel)
        if self.not_modified(etag, cache):
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Cache-Control", cache)
        self.send_header("ETag", etag)
        self.send_header(*modified)
        self.send_header(*NO_SNIFF)
        if file.suffix.lower() in DOWNLOADS:
            self.send_header("Content-Disposition", f'attachment; filename="{file.name}"')
        self.end_headers()
        if send_body:
            with file.open("rb") as handle:
                shutil.copyfileobj(handle, self.wfile, 64 * 1024)


class ClassroomServer(http.server.ThreadingHTTPServer):
    """One thread per connection; a backlog big enough for a room of phones opening the page at once."""

    request_queue_size = 128
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: Site, languages: set[str], verbose: bool = False):
        self.site = site
        self.languages = languages
        self.verbose = verbose
        self._open: Counter[str] = Counter()  # connections per client address now (memory only)
        self._open_lock = threading.Lock()
        super().__init__(address, Handler)

    def process_request(self, request, client_address):
        client = client_address[0]
        with self._open_lock:
            refused = self._open[client] >= MAX_CONNECTIONS_PER_CLIENT and client != THE_LAPTOP
            if not refused:
                self._open[client] += 1
        if refused:
            try:
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n"
                    b"Connection: close\r\n\r\n"
                )
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open[client_address[0]] -= 1
                if self._open[client_address[0]] <= 0:
                    del self._open[client_address[0]]

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # a phone left or lost the Wi-Fi: normal in a classroom
        print(f"kie serve: could not answer {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr)
