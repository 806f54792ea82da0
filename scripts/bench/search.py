"""Site search: index size, build time, and query time in chromium at 1x and 4x CPU slowdown.

For each language of a built site: search/<lang>.js size (raw and gzip; target <= 70 KB gzip), the time
kie.offline.search_index takes to build it, the time the engine takes to prepare it when it loads, and the time
per query (the readers' queries of tests/search_queries.yml, typed as finished words) with chromium's
CPU throttled 1x and 4x (Emulation.setCPUThrottlingRate; a cheap phone is roughly 4x slower than this
machine). Target: <= 50 ms per query at 4x. Then the same on a synthetic site of 2,000 pages made from
the real text (target <= 150 ms per query at 4x).

Usage: python scripts/bench/search.py [SITE_DIR] [--pages 2000]   (default: site/; run `make build` first)
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import time
from pathlib import Path

import yaml
from kie import chromium
from kie.offline.search_index import build_index
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "docs" / "assets" / "js" / "kie-search.js"
PREFIX = "window.__kieIndex="


def read_index(site: Path, lang: str) -> tuple[str, dict]:
    text = (site / "search" / f"{lang}.js").read_text(encoding="utf-8")
    return text, json.loads(text[len(PREFIX) :].rstrip().rstrip(";"))


def as_docs(index: dict) -> list[dict]:
    """The index back into MkDocs' entries, to time the build from the same input."""
    docs = []
    for page in index["pages"]:
        if not any(not s[0] for s in page["s"]):
            docs.append({"location": page["u"], "title": page["t"], "text": ""})
        for anchor, heading, text in page["s"]:
            docs.append({"location": page["u"] + (f"#{anchor}" if anchor else ""), "title": heading, "text": text})
    return docs


def synthetic(docs: list[dict], pages: int, seed: int = 1) -> list[dict]:
    """`pages` pages of 3-6 sections, each a shuffle of real sentences: the vocabulary grows like a real site's."""
    rng = random.Random(seed)
    sentences = [s for d in docs for s in d["text"].split(". ") if len(s) > 20]
    out = []
    for n in range(pages):
        url = f"x/page-{n}.html"
        out.append({"location": url, "title": rng.choice(docs)["title"], "text": ". ".join(rng.sample(sentences, 3))})
        for k in range(rng.randint(2, 5)):
            text = ". ".join(rng.sample(sentences, rng.randint(2, 6)))
            out.append({"location": f"{url}#s{k}", "title": rng.choice(docs)["title"], "text": text})
    return out


def time_queries(page, cdp, data: dict, queries: list[str], rate: int) -> dict:
    """Prepare the index as a page does when it loads, then each query twice: the first time a query runs
    (cold: the engine's code and caches are new) and again (warm: what a reader meets while typing)."""
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    result = page.evaluate(
        """([data, queries]) => {
             const t0 = performance.now();
             const index = kieSearch.prepare(data);
             const prepare = performance.now() - t0;
             const run = () => queries.map(q => {
               const t = performance.now();
               kieSearch.search(index, q, true);
               return performance.now() - t;
             });
             const cold = run();
             return {prepare, cold, warm: run()};
           }""",
        [data, queries],
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    out = {"prepare": result["prepare"]}
    for kind in ("cold", "warm"):
        times = sorted(result[kind])
        out[kind] = f"{statistics.median(times):.1f}/{times[int(0.95 * (len(times) - 1))]:.1f}/{times[-1]:.0f}"
    return out


def row(name: str, pages: int, raw: bytes, built: float, one: dict, four: dict) -> str:
    return (
        f"{name} | {pages} | {len(raw) / 1024:.0f} | {len(gzip.compress(raw, 9)) / 1024:.1f} | {built:.2f} | "
        f"{one['prepare']:.0f} / {four['prepare']:.0f} | "
        f"{one['cold']} / {one['warm']} | {four['cold']} / {four['warm']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    site = Path(args.site)
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
    synonyms = yaml.safe_load((ROOT / "content" / "search" / "synonyms.yml").read_text(encoding="utf-8"))["groups"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><title>bench</title>")
        page.add_script_tag(path=str(ENGINE))
        cdp = page.context.new_cdp_session(page)
        print(
            "lang | pages | index KB | gzip KB | build s | prepare ms 1x / 4x | "
            "query ms median/p95/max cold / warm, 1x | same at 4x"
        )
        for lang in ("id", "en", "jv"):
            text, index = read_index(site, lang)
            docs = as_docs(index)
            groups = [g[lang] for g in synonyms if len(g.get(lang, [])) > 1]
            started = time.perf_counter()
            build_index(lang, docs, groups)
            built = time.perf_counter() - started
            mine = [q["q"] for q in queries if q["lang"] == lang]
            one, four = (time_queries(page, cdp, index, mine, rate) for rate in (1, 4))
            print(row(lang, len(index["pages"]), text.encode(), built, one, four))
        _, index = read_index(site, "id")
        big_docs = synthetic(as_docs(index), args.pages)
        started = time.perf_counter()
        big = build_index("id", big_docs, [g["id"] for g in synonyms if len(g.get("id", [])) > 1])
        built = time.perf_counter() - started
        raw = json.dumps(big, ensure_ascii=False, separators=(",", ":")).encode()
        mine = [q["q"] for q in queries if q["lang"] == "id"]
        one, four = (time_queries(page, cdp, big, mine, rate) for rate in (1, 4))
        print(row("synthetic id", args.pages, raw, built, one, four))
        browser.close()


if __name__ == "__main__":
    main()
