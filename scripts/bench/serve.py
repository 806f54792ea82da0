"""A classroom's load on `kie serve`: 40 phones loading pages at once; 60 phones answering the check questions.

Pages: starts `kie serve --host 127.0.0.1 --port 0` as its own process (as a facilitator would), then 40
client threads, each with one keep-alive connection, make 50 requests each (2,000 in all): pages from
the built site in its three languages, their stylesheets and script, and now and then a handout PDF,
asking for gzip like a phone. Prints p50/p95/max latency, requests per second and errors.

Answers (--phones 60): `kie serve --session kampus` with its journal in a temporary folder; 60 simulated
phones (kie.serve.phones, each from its own loopback address) join, then answer the "before" round all
at once, then the "after" round. Prints p50/p95/max per answer (the POST, its fsync to the journal and
the redirect) and the time both rounds took.

Bounded: every run stops after 60 s whatever happens. Connects to 127.0.0.1 only.

Usage: python scripts/bench/serve.py [SITE_DIR] [--clients 40] [--requests 50] [--phones 60] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kie.model.content import load_content
from kie.model.project import load_project
from kie.model.session_check import questions_of
from kie.serve.phones import MAX_PHONES, Phone, random_answers, set_round, start_server

HARD_STOP = 60.0  # seconds: the whole run, clients included
MAX_CLIENTS, MAX_REQUESTS = 100, 200  # a benchmark, not a stress test of the machine it runs on
ROOT = Path(__file__).resolve().parents[2]


def start(site: Path, *extra: str) -> tuple[subprocess.Popen, int, str]:
    args = ["--root", str(ROOT), "serve", "--host", "127.0.0.1", "--port", "0", "-d", str(site), *extra]
    try:
        server = start_server(args, wait=30)
    except RuntimeError as err:
        sys.exit(str(err))
    return server.proc, server.port, server.key


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


def answers(site: Path, phones: int, rounds: int) -> int:
    """`rounds` sessions of `phones` phones answering before and after; latency per answer over all of them."""
    content, _ = load_content(load_project(ROOT))
    options = [(q.id, q.options) for q in questions_of(content.sessions["kampus"])]
    latencies: list[float] = []
    errors: list[str] = []
    walls = []
    rng = random.Random(26)
    stop_at = time.monotonic() + HARD_STOP
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="kie-bench-") as reports:
            proc, port, key = start(site, "--session", "kampus", "--reports", reports)
            try:
                room = [Phone(n, port) for n in range(phones)]
                with ThreadPoolExecutor(max_workers=phones) as pool:
                    errors += [f"join: {s}" for s in pool.map(lambda p: p.join(), room) if s != 303]
                    began = time.perf_counter()
                    for name in ("before", "after"):
                        set_round(port, key, name)
                        sets = {p.number: random_answers(options, rng) for p in room}
                        for status, seconds in pool.map(lambda p, n=name, s=sets: p.answer(n, s[p.number]), room):
                            latencies.append(seconds)
                            if status != 303 or time.monotonic() > stop_at:
                                errors.append(f"answer: {status}")
                        set_round(port, key, name, "close")
                    walls.append(time.perf_counter() - began)
            finally:
                proc.terminate()
                proc.wait(10)
    print(f"kie serve --session, {phones} phones x 2 rounds x {rounds} runs, 127.0.0.1, {os.cpu_count()} cores")
    print(f"answers: {len(latencies)}, errors: {len(errors)}; both rounds took {min(walls):.2f}-{max(walls):.2f} s")
    print(f"latency per answer: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, ", end="")
    print(f"p95 {percentile(latencies, 0.95) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    for error in errors[:5]:
        print(f"  error: {error}")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--phones", type=int, default=0, help="measure answers from this many phones instead")
    parser.add_argument("--rounds", type=int, default=3, help="with --phones: how many sessions to run")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    clients, per_client = min(args.clients, MAX_CLIENTS), min(args.requests, MAX_REQUESTS)
    if not (site / "index.html").is_file():
        sys.exit(f"{site} has no built site: run `make build` first")
    if args.phones:
        return answers(site, min(args.phones, MAX_PHONES), min(max(args.rounds, 1), 10))
    paths = workload(site)
    proc, port, _ = start(site)
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
