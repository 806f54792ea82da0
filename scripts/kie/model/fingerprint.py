"""Hashes of what builds are made from: this package's files and the installed packages, and any folder.

Both the up-to-date check of a whole site (kie.engine.uptodate) and the print step's memo of document keys
(kie.print.handouts) depend on the code; it is read once per process, here.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import distributions
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the kie package: code, templates, scripts


def files_under(folder: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file below `folder`, sorted, without Python's caches and the top-level folders in `skip`."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).parts
        if path.is_file() and "__pycache__" not in rel and not (rel and rel[0] in skip):
            found.append(path)
    return sorted(found)


@cache
def package_digest() -> str:
    """Every file of this package (code, templates, scripts) and the installed packages' versions (MkDocs,
    Markdown, WeasyPrint...): read once per process."""
    digest = hashlib.sha256()
    for file in files_under(PACKAGE):
        digest.update(f"{file.relative_to(PACKAGE).as_posix()}\0".encode())
        digest.update(file.read_bytes())
    digest.update("\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())).encode())
    return digest.hexdigest()
