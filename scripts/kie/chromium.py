"""How the tests and benchmarks start Debian's chromium: headless, and kept off the network.

Without the background-networking flags Chromium tries to reach Google's servers at start, which a
closed network refuses (and which would count as requests leaving the site).
"""

from __future__ import annotations

import shutil
import time

EXECUTABLE = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def wait_for(page, expression: str, timeout: float = 30000) -> None:
    """Like page.wait_for_function, which evaluates its predicate with eval(): the pages' content
    security policy (kie.csp) rightly forbids that. page.evaluate runs outside the page's policy."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout / 1000:.0f} s for {expression}")
        time.sleep(0.1)
