"""Page weight on a phone, measured at the server: every byte a 360 px Chromium downloads.

Serves a built site gzip-compressed (like a typical static host) and counts the bytes the server
sends, which includes what the service worker fetches by itself. Reports:
- first load of typical pages in a fresh browser profile (target: <= 30 KB gzip);
- "save for offline", all languages, through the site's own button (target: <= 1.5 MB gzip).

Usage: python scripts/bench/weight.py [SITE_DIR]   (default: site/; run `make build` first)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
import time
from pathlib import Path

from kie import chromium
from kie.chromium import wait_for
from playwright.sync_api import sync_playwright

PAGES = [
    "index.html",
    "modus/jeratan-utang.html",
    "en/hak/hak-restitusi.html",
    "jv/modus/penculikan.html",
    "layanan/index.html",
    "layanan/provinsi/53-nusa-tenggara-timur.html",
    "luar-negeri.html",  # the page for people abroad: every country's embassies, folded
    "en/luar-negeri.html",
]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".webmanifest", ".xml", ".txt")


class CountingGzipHandler(http.server.SimpleHTTPRequestHandler):
    sent = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self._count(len(body))
            self.wfile.write(body)
            return None
        return super().send_head()

    def copyfile(self, source, outputfile):
        data = source.read()
        self._count(len(data))
        outputfile.write(data)

    def _count(self, n):
        with self.lock:
            CountingGzipHandler.sent += n


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(CountingGzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def settle(seconds: float = 3.0) -> None:
    """Wait until the server has been quiet for `seconds` (the service worker works after load)."""
    last, quiet_since = CountingGzipHandler.sent, time.time()
    while time.time() - quiet_since < seconds:
        time.sleep(0.2)
        if CountingGzipHandler.sent != last:
            last, quiet_since = CountingGzipHandler.sent, time.time()


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    server, base = serve(site)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.ARGS)
        print(f"{'first load (fresh profile)':45} {'KB gzip':>8}")
        for path in PAGES:
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            CountingGzipHandler.sent = 0
            page.goto(base + path, wait_until="load")
            settle()
            print(f"  {path:43} {CountingGzipHandler.sent / 1024:8.1f}")
            context.close()
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(base + "index.html", wait_until="load")
        settle()
        CountingGzipHandler.sent = 0
        page.click("[data-kie-save-open]")
        page.wait_for_selector("[data-kie-choices]:not([hidden])")
        page.click("[data-kie-save='all']")
        wait_for(page, "document.querySelector('[data-kie-status]').textContent.length > 20", timeout=300000)
        settle()
        print(f"{'save for offline, all languages':45} {CountingGzipHandler.sent / 1024:8.1f}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
