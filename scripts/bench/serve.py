"""A classroom's load on `kie serve`: 40 phones loading pages at once.

Starts `kie serve --host 127.0.0.1 --port 0` as its own process (as a facilitator would), then 40
client threads, each with one keep-alive connection, make 50 requests each (2,000 in all): pages from
the built site in its three languages, their stylesheets and script, and now and then a handout PDF,
asking for gzip like a phone. Bounded: the run stops after 60 s whatever happens. Prints p50/p95/max
latency, requests per second and errors. Connects to 127.0.0.1 only.

Usage: python scripts/bench/serve.py [SITE_DIR] [--clients 40] [--requests 50]   (default site/)
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

HARD_STOP = 60.0  # seconds: the whole run, clients included
MAX_CLIENTS, MAX_REQUESTS = 100, 200  # a benchmark, not a stress test of the machine it runs on
ROOT = Path(__file__).resolve().parents[2]


def start_server(site: Path) -> tuple[subprocess.Popen, int]:
    kie = Path(sys.executable).with_name("kie")
    command = [str(kie), "--root", str(ROOT), "serve", "--host", "127.0.0.1", "--port", "0", "-d", str(site)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, deadline = "", time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if select.select([proc.stdout], [], [], 1)[0]:  # raw reads: a buffered reader would hide lines from select
            out += os.read(proc.stdout.fileno(), 4096).decode()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", out)
        if found:
            return proc, int(found.group(1))
    proc.kill()
    sys.exit(f"kie serve did not start: {out} {proc.stderr.read().decode().strip()}")


def workload(site: Path) -> list[str]:
    """What phones ask for: pages of every section and language, their assets, some handouts."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.name.startswith("404"))
    assets = sorted(
        p.relative_to(site).as_posix()
        for p in (site / "assets").rglob("*")
        if p.suffix in (".css", ".js") and p.is_file() and "javascripts" not in p.parts
    )
    pdfs = sorted(p.relative_to(site).as_posix() for p in (site / "handouts").rglob("*.pdf"))[:20]
    mix = []
    for i, page in enumerate(pages):
        mix.append(page)
        mix.append(assets[i % len(assets)] if assets else page)
        if pdfs and i % 10 == 0:
            mix.append(pdfs[i % len(pdfs)])
    return ["/" + path for path in mix]


def client(port: int, paths: list[str], start: int, count: int, stop_at: float, results: list, errors: list):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for n in range(count):
        if time.monotonic() > stop_at:
            errors.append("hard stop")
            break
        path = paths[(start + n * 7) % len(paths)]
        began = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                errors.append(f"{path}: {response.status}")
            results.append((time.perf_counter() - began, len(body)))
        except (OSError, http.client.HTTPException) as err:
            errors.append(f"{path}: {err}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    site = Path(args.site).resolve()
    clients, per_client = min(args.clients, MAX_CLIENTS), min(args.requests, MAX_REQUESTS)
    if not (site / "index.html").is_file():
        sys.exit(f"{site} has no built site: run `make build` first")
    paths = workload(site)
    proc, port = start_server(site)
    results: list[tuple[float, int]] = []
    errors: list[str] = []
    try:
        stop_at = time.monotonic() + HARD_STOP
        threads = [
            threading.Thread(target=client, args=(port, paths, i * 31, per_client, stop_at, results, errors))
            for i in range(clients)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(0.1, stop_at - time.monotonic()))
        wall = time.perf_counter() - began
    finally:
        proc.terminate()
        proc.wait(10)
    latencies = [r[0] for r in results]
    if not latencies:
        print(f"no request completed; errors: {errors[:5]}")
        return 1
    print(f"kie serve, {clients} clients x {per_client} requests, 127.0.0.1, {os.cpu_count()} cores")
    print(f"completed: {len(results)} of {clients * per_client} in {wall:.2f} s, errors: {len(errors)}")
    print(f"latency: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p95 {percentile(latencies, 0.95) * 1000:.1f} ms,")
    print(f"         max {max(latencies) * 1000:.1f} ms")
    print(f"throughput: {len(results) / wall:.0f} requests/s, {sum(r[1] for r in results) / wall / 1e6:.1f} MB/s")
    for error in errors[:5]:
        print(f"  error: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
