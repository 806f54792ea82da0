"""Shared test helpers: temporary projects made from fixture folders, and one real site build."""

from __future__ import annotations

import functools
import http.server
import os
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from kie.chromium import ARGS as LAUNCH_ARGS
from kie.chromium import EXECUTABLE as CHROMIUM

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def make_project(dest: Path, *overlays: Path) -> Path:
    """A validator-only project: the valid fixture, the real schemas and regions, then each overlay on top."""
    shutil.copytree(FIXTURES / "valid", dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "content" / "schema", dest / "content" / "schema", dirs_exist_ok=True)
    shutil.copytree(REPO / "content" / "regions", dest / "content" / "regions", dirs_exist_ok=True)  # province codes
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return dest


def copy_repo(dest: Path) -> Path:
    """A full copy of this project (content, docs, overrides, mkdocs.yml) that a test may break."""
    ignore = shutil.ignore_patterns(
        ".git", "site", ".site.*", ".venv", "__pycache__", "*.egg-info", ".*_cache", ".cache", "tests"
    )
    shutil.copytree(REPO, dest, ignore=ignore, dirs_exist_ok=True)
    return dest


@pytest.fixture(scope="session", autouse=True)
def shared_print_cache(tmp_path_factory) -> Path:
    """All test builds share one handout cache: only the first full build of a session prints every PDF."""
    cache = tmp_path_factory.mktemp("kie-cache")
    os.environ["KIE_CACHE_DIR"] = str(cache)
    return cache


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repo's own content built once into a temporary folder (all languages)."""
    from kie.build import build_site
    from kie.project import load_project

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    out = root / "site"
    build_site(load_project(root), out)
    return out


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: browser tests cannot run (install Debian's 'chromium')")
        pytest.skip("chromium is not installed (apt-get install chromium); CI fails here instead of skipping")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_site(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# `kie serve` for a session: its Wi-Fi, with every character the Wi-Fi QR format reserves.
SSID, PASSWORD = "Kelas TPPO; lantai:2", 'rahasia,"123"\\'


@pytest.fixture(scope="session")
def classroom(built_site, tmp_path_factory):
    """`kie serve` as a facilitator starts it, with 127.0.0.1 as the 'Wi-Fi' address."""
    log = tmp_path_factory.mktemp("serve") / "stderr.txt"
    command = [str(Path(sys.executable).with_name("kie")), "--root", str(built_site.parent), "serve"]
    command += ["--host", "127.0.0.1", "--port", "0", "--session", "kampus", "--province", "53"]
    command += ["--wifi-ssid", SSID, "--wifi-password", PASSWORD]
    with log.open("w") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
    out, deadline = "", time.monotonic() + 60
    while "Ctrl+C" not in out and time.monotonic() < deadline and proc.poll() is None:
        if select.select([proc.stdout], [], [], 1)[0]:  # raw reads: a buffered reader would hide lines from select
            out += os.read(proc.stdout.fileno(), 4096).decode()
    port = re.search(r"http://127\.0\.0\.1:(\d+)/", out)
    assert port, f"kie serve did not start: {out} {log.read_text()}"
    yield {"port": int(port.group(1)), "site": built_site, "stdout": out, "stderr": log}
    proc.terminate()
    proc.wait(10)
