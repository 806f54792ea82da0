"""`kie serve`: the facilitator's laptop serves the built site to the phones in the room, with no internet.

Standard library only. A threaded server answers GET and HEAD from the site folder and never opens a
connection of its own. Per request it only looks a file up and sends it: text files are gzipped the
first time they are asked for and kept in memory; PDFs and the zip are streamed from disk with
`Content-Disposition: attachment`, so phones save them. Anything that is not a plain path inside the
site (`..`, encoded or not, absurd lengths, huge headers, other methods) gets 400, 404 or 405.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import re
import shutil
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, unquote

from ..offline.packs import TYPES as PAGE_TYPES
from ..views.contract import CLASSROOM_FILE, OFFLINE_MANIFEST, SERVICE_WORKER
from ..views.urls import HOST_FILES

TYPES = {
    **PAGE_TYPES,
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".txt": "text/plain",
    ".pack": "application/octet-stream",  # gzip inside, unpacked by the page script: no Content-Encoding
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".woff": "font/woff",
}
COMPRESSIBLE = ("text/", "application/json", "application/manifest+json", "application/xml", "image/svg+xml")
DOWNLOADS = (".pdf", ".zip")  # phones save these instead of trying to show them
MAX_TARGET = 2048  # bytes in a request target; the longest page address of the site is under 100
MAX_DEPTH = 16  # folders in a path
MAX_HEADERS = 16 * 1024  # bytes of all request headers together
MAX_GZIP = 16 * 1024 * 1024  # bigger text files are sent as they are
# A session lasts hours: pages stay in the phone's cache meanwhile, so 40 phones ask the laptop once each.
SESSION = "public, max-age=14400"
REVALIDATE = "no-cache"  # asked again every time: a new build must be noticed at once
IMMUTABLE = "public, max-age=31536000, immutable"  # the name changes when the content does
ALWAYS_ASK = (SERVICE_WORKER, OFFLINE_MANIFEST, "manifest.webmanifest", CLASSROOM_FILE)
# How long a browser keeps a file, by its whole path inside the site: the first rule that matches, else SESSION.
# Written in the regular expressions Python and nginx (PCRE) read alike: the nginx snippet the build writes
# (kie.engine.publish) turns each into a location, so a published site caches as `kie serve` does.
CACHE_RULES = (
    ("|".join(re.escape(name) for name in ALWAYS_ASK), REVALIDATE),
    (r".*\.[0-9a-f]{8,}\.(?:min\.)?(?:css|js)|offline/.+-[0-9a-f]{16}\.pack", IMMUTABLE),  # the name has a hash
)
NO_SNIFF = ("X-Content-Type-Options", "nosniff")  # every answer: a browser never guesses another type
ERRORS = {414: 400, 431: 400, 501: 405}  # too long, header too large, unknown method


def cache_policy(rel: str) -> str:
    return next((cache for pattern, cache in CACHE_RULES if re.fullmatch(pattern, rel)), SESSION)


def content_type(name: str) -> str:
    kind = TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    return f"{kind}; charset=utf-8" if kind.startswith(COMPRESSIBLE) else kind


@dataclass(frozen=True)
class Memory:
    """A response held in memory: a page made by the server, or a file it has read and compressed."""

    kind: str
    raw: bytes
    gz: bytes
    etag: str
    cache: str = REVALIDATE

    @classmethod
    def of(cls, kind: str, raw: bytes, etag: str, cache: str = REVALIDATE) -> Memory:
        return cls(kind, raw, gzip.compress(raw, compresslevel=6, mtime=0), etag, cache)


@dataclass
class Site:
    """The folder being served, and what the server adds to it (projector and participants' pages)."""

    root: Path
    extra: dict[str, Memory] = field(default_factory=dict)  # exact path → response, e.g. '/kelas.json'
    views: dict[tuple[str, str], Memory] = field(default_factory=dict)  # (language folder, 'projector') → page
    _memory: dict[Path, Memory] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.root = self.root.resolve()

    def locate(self, parts: list[str]) -> Path | None:
        """The file for a path's segments, or None. Never a file outside the site, also through links."""
        if any(p.startswith(".") or ":" in p or "\\" in p for p in parts):
            return None  # hidden files; drive letters and backslashes would be paths on Windows
        if parts and parts[-1] in HOST_FILES:
            return None  # the web host's settings (kie.engine.publish), as a host keeps them to itself
        candidate = self.root.joinpath(*parts)
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not real.is_relative_to(self.root):
            return None
        return real

    def compressed(self, file: Path, etag: str) -> Memory:
        """The file gzipped once; compressed again only when the file changes (a rebuild during a session)."""
        with self._lock:
            known = self._memory.get(file)
        if known is not None and known.etag == etag:
            return known
        rel = file.relative_to(self.root).as_posix()
        fresh = Memory.of(content_type(rel), file.read_bytes(), etag, cache_policy(rel))
        with self._lock:
            self._memory[file] = fresh
        return fresh


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

    def redirect(self, location: str):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

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
        super().__init__(address, Handler)

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # a phone left or lost the Wi-Fi: normal in a classroom
        print(f"kie serve: could not answer {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr)
