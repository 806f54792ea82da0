"""What the benchmark scripts share: where this checkout is, a copy of the project they may change, and CPU
time counted with the worker processes. Run a benchmark as `.venv/bin/python scripts/bench/<name>.py`, so this
folder is on the import path."""

from __future__ import annotations

import os
import resource
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(".git", "site", ".site.*", ".venv", "__pycache__", "*.egg-info", ".*cache", "tests")


def copy_project(dest: Path) -> Path:
    """The project (content, docs, overrides, mkdocs.yml, the package) without its builds, caches and tests."""
    shutil.copytree(REPO, dest, ignore=IGNORE, dirs_exist_ok=True)
    return dest


@contextmanager
def scratch_project(name: str) -> Iterator[Path]:
    """A copy of the project in a temporary folder with its own empty cache (KIE_CACHE_DIR), removed after."""
    with tempfile.TemporaryDirectory(prefix=f"kie-bench-{name}-") as tmp:
        os.environ["KIE_CACHE_DIR"] = str(Path(tmp) / "cache")
        yield copy_project(Path(tmp) / "project")


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the printing workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
