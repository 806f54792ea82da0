"""Benchmark: what regional editions cost. The national site alone vs the national site + every edition
(`kie build --all-editions`), wall-clock and CPU time (this process's children: kie and its print workers).

Copies the project into a temporary folder with its own cache (.cache/ there), then:
1. `kie build --all-editions` once with an empty cache (fills the handout, booklet, page and stylesheet caches;
   --cache DIR starts from a copy of DIR, so this first run does only what is not there yet);
2. `kie build --force` (national alone), caches warm, nothing changed;
3. `kie build --all-editions --force`, the same;
4. one right's Indonesian summary edited, then `kie build` (national alone);
5. the same summary edited again, then `kie build --all-editions`.
The editions' share is (3) - (2) compared with (2), and (5) - (4) compared with (4): what the editions add
to a rebuild with nothing changed, and to the everyday case of one edited entry. Without --force a build
with nothing changed does nothing at all (kie.engine.uptodate). Nothing is written to the project itself.

    .venv/bin/python scripts/bench/editions.py            # the three runs above
    .venv/bin/python scripts/bench/editions.py --no-cold  # skip run 1 (the copy then starts with an empty cache)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch import copy_project

KIE = Path(sys.executable).with_name("kie")


def run(root: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of kie and every process it started) for one `kie build`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "KIE_CACHE_DIR": str(root / ".cache")}
    subprocess.run([str(KIE), "--root", str(root), "build", *args], check=True, env=env, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(editions: list[str], case: str, national: tuple[float, float], everything: tuple[float, float]) -> None:
    (n_wall, n_cpu), (a_wall, a_cpu) = national, everything
    print(
        f"  {case}: the {len(editions)} editions ({', '.join(editions)}) add {a_wall - n_wall:.1f} s wall "
        f"({(a_wall - n_wall) / n_wall:.0%} of national) and {a_cpu - n_cpu:.1f} s CPU ({(a_cpu - n_cpu) / n_cpu:.0%})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-cold", action="store_true", help="skip the first build with an empty cache")
    parser.add_argument("--cache", type=Path, help="start from a copy of this cache folder (e.g. .cache)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kie-bench-editions-") as tmp:
        root = Path(tmp) / "project"
        copy_project(root)
        if args.cache:  # a copy: the benchmark never changes the project's own cache
            shutil.copytree(args.cache, root / ".cache", ignore=shutil.ignore_patterns("test-*"))
        out = str(Path(tmp) / "www")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        if not args.no_cold:
            wall, cpu = run(root, "--all-editions", "-d", out)
            start = "copied cache" if args.cache else "empty cache"
            print(f"national + editions, {start}: {wall:7.1f} s wall {cpu:7.1f} s CPU")
        editions = sorted(p.stem for p in (root / "content" / "editions").glob("*.yml"))
        n_wall, n_cpu = run(root, "--force", "-d", out)
        print(f"national alone, warm cache:       {n_wall:7.1f} s wall {n_cpu:7.1f} s CPU")
        a_wall, a_cpu = run(root, "--all-editions", "--force", "-d", out)
        print(f"national + editions, warm cache:  {a_wall:7.1f} s wall {a_cpu:7.1f} s CPU")
        report(editions, "nothing changed", (n_wall, n_cpu), (a_wall, a_cpu))
        right = root / "content" / "rights" / "hak-pemulangan.yml"
        text = right.read_text(encoding="utf-8")
        start = "summary:\n  id: >-\n    "
        assert start in text, "the benchmark edits the Indonesian summary of hak-pemulangan: its layout changed"
        right.write_text(text.replace(start, start + "Uji satu. ", 1), encoding="utf-8")
        e_wall, e_cpu = run(root, "-d", out)
        print(f"one entry edited, national alone: {e_wall:7.1f} s wall {e_cpu:7.1f} s CPU")
        right.write_text(text.replace(start, start + "Uji dua. ", 1), encoding="utf-8")
        f_wall, f_cpu = run(root, "--all-editions", "-d", out)
        print(f"one entry edited, all editions:   {f_wall:7.1f} s wall {f_cpu:7.1f} s CPU")
        report(editions, "one entry edited", (e_wall, e_cpu), (f_wall, f_cpu))
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
