"""The built site as `kie serve` sends it: file types, cache rules, and responses held in memory.

Per request the server only looks a file up and sends it: text files are gzipped the first time they
are asked for and kept in memory (a rebuild during a session is noticed by the file's size and time).
"""

from __future__ import annotations

import gzip
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

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
    desk: object = None  # kie.serve.desk.Desk when the session plan's check questions are asked
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
