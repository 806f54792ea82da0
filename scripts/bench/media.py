"""Benchmark: campaign images and posters (kie.print.media). Time to make all of them from cold, with nothing
changed, and after one edit; their sizes.

Copies the project into a temporary folder with its own empty cache, then runs the media step of the build
(kie.print.media.export_media) into a scratch site folder three times:
1. cold: every image and poster made (in parallel on every core, as `kie build` does);
2. nothing changed: every file from the cache;
3. one edit: the Indonesian text of one warning sign of one modus changed, as an editor would.
CPU time includes the worker processes. Nothing is written to the project itself.

    .venv/bin/python scripts/bench/media.py
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

from scratch import REPO, cpu_seconds, scratch_project

EDITED = "jeratan-utang"


def run(label: str, project, site: Path) -> dict:
    from kie.model.content import load_content
    from kie.print.media import export_media

    content, _ = load_content(project)
    wall, cpu = time.perf_counter(), cpu_seconds()
    report = export_media(project, content, site)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(f"{label:32} {report['files']:5} {report['made']:5} {wall:8.1f} {cpu:8.1f}")
    return {**report, "wall": wall, "cpu": cpu, "content": content}


def sizes(content, site: Path) -> None:
    from kie.views import media, urls

    by_kind: dict[str, list[int]] = {}
    for item in media.plan(content):
        by_kind.setdefault(item.kind, []).append((site / item.path).stat().st_size)
    print(f"\n{'kind':10} {'files':>5} {'median KB':>10} {'max KB':>8} {'total MB':>9}")
    for kind, found in sorted(by_kind.items()):
        found.sort()
        median = found[len(found) // 2]
        print(f"{kind:10} {len(found):5} {median / 1024:10.1f} {found[-1] / 1024:8.1f} {sum(found) / 2**20:9.1f}")
    thumbs = sum(p.stat().st_size for p in (site / urls.MEDIA_DIR).rglob(f"{urls.THUMBNAILS}/*.png"))
    print(f"small copies for the pages: {thumbs / 2**20:.1f} MB")
    for lang in content.languages:
        path = site / urls.media_zip(lang)
        with zipfile.ZipFile(path) as zf:
            print(f"{urls.media_zip(lang)}: {path.stat().st_size / 2**20:.1f} MB, {len(zf.namelist())} files")


def main() -> int:
    sys.path.insert(0, str(REPO / "scripts"))
    from kie.model.project import load_project

    with scratch_project("media") as root:
        project = load_project(root)
        site = root.parent / "site"
        site.mkdir()
        print(f"{os.cpu_count()} cores; {'run':32} {'files':>5} {'made':>5} {'wall s':>8} {'CPU s':>8}")
        cold = run("cold (empty cache)", project, site)
        run("nothing changed", project, site)
        modus = root / "content" / "modus" / f"{EDITED}.yml"
        sign = cold["content"].modus[EDITED]["warning_signs"][0]["id"]
        modus.write_text(modus.read_text(encoding="utf-8").replace(sign, sign.rstrip(".") + " lagi."), encoding="utf-8")
        edited = run(f"one edit ({EDITED}, id)", project, site)
        sizes(edited["content"], site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
