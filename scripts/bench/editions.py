"""Benchmark: what regional editions cost. The national site alone vs the national site + every edition
(`kie build --all-editions`), wall-clock and CPU time (this process's children: kie and its print workers).

Copies the project into a temporary folder with its own cache (.cache/ there), then:
1. `kie build --all-editions` once with an empty cache (fills the handout and stylesheet caches);
   (--cache DIR starts from a copy of DIR, so this first run prints only what is not there yet);
2. `kie build` (national alone), caches warm;
3. `kie build --all-editions`, caches warm.
The editions' share is (3) - (2), compared with (2). Nothing is written to the project itself.

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

REPO = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(".git", "site", ".site.*", ".venv", "__pycache__", "*.egg-info", ".*cache", "tests")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-cold", action="store_true", help="skip the first build with an empty cache")
    parser.add_argument("--cache", type=Path, help="start from a copy of this cache folder (e.g. .cache)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kie-bench-editions-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(REPO, root, ignore=IGNORE)
        if args.cache:  # a copy: the benchmark never changes the project's own cache
            shutil.copytree(args.cache, root / ".cache", ignore=shutil.ignore_patterns("test-*"))
        out = str(Path(tmp) / "www")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        if not args.no_cold:
            wall, cpu = run(root, "--all-editions", "-d", out)
            start = "copied cache" if args.cache else "empty cache"
            print(f"national + editions, {start}: {wall:7.1f} s wall {cpu:7.1f} s CPU")
        n_wall, n_cpu = run(root, "-d", out)
        print(f"national alone, warm cache:       {n_wall:7.1f} s wall {n_cpu:7.1f} s CPU")
        a_wall, a_cpu = run(root, "--all-editions", "-d", out)
        print(f"national + editions, warm cache:  {a_wall:7.1f} s wall {a_cpu:7.1f} s CPU")
        editions = sorted(p.stem for p in (root / "content" / "editions").glob("*.yml"))
        share_wall, share_cpu = (a_wall - n_wall) / n_wall, (a_cpu - n_cpu) / n_cpu
        print(
            f"the {len(editions)} editions ({', '.join(editions)}) together: {a_wall - n_wall:.1f} s wall "
            f"({share_wall:.0%} of national), {a_cpu - n_cpu:.1f} s CPU ({share_cpu:.0%} of national); "
            f"load average {os.getloadavg()[0]:.1f} at the end"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
