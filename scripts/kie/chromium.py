"""How the tests and benchmarks start Debian's chromium: headless, and kept off the network.

Without the background-networking flags Chromium tries to reach Google's servers at start, which a
closed network refuses (and which would count as requests leaving the site).
"""

from __future__ import annotations

import shutil

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
