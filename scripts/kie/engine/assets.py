"""Ship only what pages load: Material copies its whole theme (a 35 KB bundle, lunr and its languages, a
search worker, source maps) into every site, although our pages load none of it (overrides/main.html loads
our own script). Left in, it costs every USB zip and offline copy 2 MB for nothing.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = "assets"
TEXT_FILES = (".html", ".css", ".js", ".json", ".webmanifest")


def referenced_names(site: Path) -> str:
    """All text that can name an asset: every page, stylesheet, script, manifest outside the asset itself."""
    return "\n".join(
        file.read_text(encoding="utf-8", errors="replace")
        for file in sorted(site.rglob("*"))
        if file.suffix in TEXT_FILES and file.is_file()
    )


def prune_unused_assets(project, content, site: Path) -> list[str]:
    """Post-build step: remove files under assets/ that no page, stylesheet, script or manifest names."""
    removed = []
    while True:  # a file may only be named by another unused one (a bundle names its workers): repeat
        text = referenced_names(site)
        unused = [
            file
            for file in sorted((site / ASSETS).rglob("*"))
            if file.is_file() and (file.suffix == ".map" or text.count(file.name) <= _self_mentions(file))
        ]
        if not unused:
            break
        for file in unused:
            removed.append(file.relative_to(site).as_posix())
            file.unlink()
    for folder in sorted((site / ASSETS).rglob("*"), reverse=True):  # deepest first
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed


def _self_mentions(file: Path) -> int:
    """How often a text asset names itself (a source-map comment does): those mentions do not count."""
    if file.suffix not in TEXT_FILES:
        return 0
    return file.read_text(encoding="utf-8", errors="replace").count(file.name)
