"""Publishing: the files the build writes for the web host (`_headers`, `nginx-kie.conf`) carry the pages' own
policy, referrer rule and caching; they stay out of everything that lists the site's files; the GitHub Pages
workflow builds what the README's command builds, editions included."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import zipfile

import pytest
import yaml
from conftest import CSP_WATCH, REPO, search_for
from kie.engine.build import secure_pages
from kie.engine.csp import REFERRER_POLICY, Policy, sha256
from kie.engine.publish import WRITTEN_BY, cover_editions, host_policy, write_host_files
from kie.offline.packs import offline_manifest, write_bundle
from kie.serve.server import Site, cache_policy
from kie.views.urls import HEADERS_FILE, HOST_FILES, NGINX_FILE, bundle_path

PAGE = '<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"></head><body>{}</body></html>'
HASHED = {
    "index.html": "<p>plain</p>",
    "tabel.html": '<table><tr><td style="text-align: right;">1</td></tr></table>',
    "en/skrip.html": "<script data-kie-inline>go()</script><style>p{color:red}</style>",
}


def directives(policy: str) -> dict[str, set[str]]:
    """A content security policy read as a browser does: directive → its sources (order does not matter)."""
    found = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        found[name] = set(sources)
    return found


def meta_policy(page: str) -> str:
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)


def meta_referrer(page: str) -> str:
    return re.search(r'<meta name="referrer" content="([^"]*)">', page).group(1)


def headers_of(site) -> dict[str, str]:
    """The `_headers` file as Netlify or Cloudflare Pages read it: one rule, for every path."""
    text = (site / HEADERS_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == "/*" and all(line.startswith("  ") for line in lines[1:])
    return dict(line.strip().split(": ", 1) for line in lines[1:])


def pages_of(site) -> list:
    """Every page of one site (not of an edition built in its folders), as a host serves them."""
    skip = {"handouts", "unduh", "offline", *(p.parent.name for p in site.glob(f"*/{HEADERS_FILE}"))}
    return [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in skip]


def assert_headers_match_pages(site, pages) -> None:
    """The header's policy is what the pages' own policies allow together; referrer and type rules the same."""
    headers = headers_of(site)
    together: dict[str, set[str]] = {}
    for file in pages:
        text = file.read_text(encoding="utf-8")
        for name, sources in directives(meta_policy(text)).items():
            together.setdefault(name, set()).update(sources)
        assert meta_referrer(text) == headers["Referrer-Policy"], file
    assert directives(headers["Content-Security-Policy"]) == together
    assert headers["X-Content-Type-Options"] == "nosniff"


class Nginx:
    """What nginx does with the snippet, for the lines it is made of: the first regex location that matches a
    path sets the cache, else the server-level default; every answer gets the add_header lines."""

    def __init__(self, text: str):
        self.default = re.search(r'^set \$kie_cache "([^"]+)";$', text, re.M).group(1)
        self.locations = re.findall(r'^location ~ "([^"]+)" \{ (.*) \}$', text, re.M)
        self.headers = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', text, re.M))
        assert re.search(r"^add_header Cache-Control \$kie_cache;", text, re.M)  # not on errors (no always)

    def answer(self, path: str) -> str:
        """'404' or the Cache-Control the file is sent with."""
        for pattern, body in self.locations:
            if re.search(pattern, path):
                if body == "return 404;":
                    return "404"
                return re.fullmatch(r'set \$kie_cache "([^"]+)";', body).group(1)
        return self.default


# ---------- the files, from a small site ----------


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "site"
    for rel, body in HASHED.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(PAGE.format(body), encoding="utf-8")
    secure_pages(None, None, site)
    return site


def test_the_headers_file_allows_what_the_pages_need_together(small_site):
    assert_headers_match_pages(small_site, pages_of(small_site))
    policy = directives(headers_of(small_site)["Content-Security-Policy"])
    assert sha256("text-align: right;") in policy["style-src"] and sha256("go()") in policy["script-src"]
    assert headers_of(small_site)["Referrer-Policy"] == REFERRER_POLICY == "no-referrer"


def test_nginx_sends_the_same_headers_and_caches_each_file_as_kie_serve_does(small_site):
    nginx = Nginx((small_site / NGINX_FILE).read_text(encoding="utf-8"))
    assert nginx.headers == headers_of(small_site)
    files = [
        "index.html", "en/modus/x.html", "sw.js", "offline.json", "kelas.json", "manifest.webmanifest",
        "assets/stylesheets/site.0a1b2c3d4e.css", "assets/js/kie.js", "search/id.js",
        "offline/shared-0123456789abcdef.pack", "offline/readme.pack", "handouts/id/kartu-53.pdf",
        "unduh/cegah-tppo-offline.zip", "assets/icons/icon-192.png",
    ]  # fmt: skip
    for rel in files:  # the national site, and an edition published in its folder
        assert nginx.answer("/" + rel) == cache_policy(rel), rel
        assert nginx.answer("/ntt/" + rel) == cache_policy(rel), rel
    assert {cache_policy(rel) for rel in files} == {"no-cache", "public, max-age=14400", nginx.default} | {
        "public, max-age=31536000, immutable"
    }
    for name in HOST_FILES:
        assert nginx.answer("/" + name) == nginx.answer("/ntt/" + name) == "404"


def test_the_policy_reads_back_from_its_text():
    policy = Policy(frozenset({sha256("a")}), frozenset({sha256("b")}), frozenset({sha256("c"), sha256("d")}))
    for each in (policy, Policy(), Policy(style_attributes=frozenset({sha256("c")}))):
        assert Policy.parse(str(each)) == each


def test_an_edition_in_a_folder_of_the_national_site_is_covered_by_its_files(tmp_path):
    national, edition = tmp_path / "site", tmp_path / "site" / "ntt"
    edition.mkdir(parents=True)
    write_host_files(national, Policy(scripts=frozenset({sha256("n")})))
    write_host_files(edition, Policy(style_attributes=frozenset({sha256("e")})))
    cover_editions(national, ["ntt", "jawa-tengah"])  # jawa-tengah is not built here
    assert host_policy(national) == host_policy(national / "ntt") | Policy(scripts=frozenset({sha256("n")}))
    assert host_policy(edition) == Policy(style_attributes=frozenset({sha256("e")}))  # its own, for its own address
    elsewhere = tmp_path / "www"
    (elsewhere / "ntt").mkdir(parents=True)
    (elsewhere / HEADERS_FILE).write_text("/*\n  X-Frame-Options: DENY\n", encoding="utf-8")  # someone else's
    write_host_files(elsewhere / "ntt", Policy())
    cover_editions(elsewhere, ["ntt"])
    assert (elsewhere / HEADERS_FILE).read_text(encoding="utf-8") == "/*\n  X-Frame-Options: DENY\n"
    assert not (elsewhere / NGINX_FILE).exists()


def test_the_host_files_stay_out_of_saved_copies_the_zip_and_kie_serve(small_site):
    listed = json.dumps(offline_manifest(small_site, ["id", "en"], "id"))
    assert all(name not in listed for name in HOST_FILES)
    with zipfile.ZipFile(write_bundle(small_site)) as zf:
        assert all(not n.endswith(HOST_FILES) for n in zf.namelist()) and "cegah-tppo/index.html" in zf.namelist()
    site = Site(small_site)
    assert site.locate(["index.html"]) is not None
    assert site.locate([HEADERS_FILE]) is None and site.locate([NGINX_FILE]) is None
    assert (small_site / HEADERS_FILE).read_text(encoding="utf-8").startswith(WRITTEN_BY)


# ---------- the GitHub Pages workflow ----------


def test_the_pages_workflow_builds_what_the_readme_builds_with_editions_and_deploys_site():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "make build" in commands  # the README's build command: creates .venv, validates, builds site/
    assert ".venv/bin/kie build --all-editions" in commands  # every edition into site/<id>/
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in uploads] == ["site"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
    assert set(workflow["permissions"]) == {"contents", "pages", "id-token"}


# ---------- the real site ----------


def test_the_built_sites_headers_match_every_page(built_site):
    assert_headers_match_pages(built_site, pages_of(built_site))
    nginx = Nginx((built_site / NGINX_FILE).read_text(encoding="utf-8"))
    assert nginx.headers == headers_of(built_site)
    for file in (p for p in built_site.rglob("*") if p.is_file()):
        rel = file.relative_to(built_site).as_posix()
        assert nginx.answer("/" + rel) == ("404" if rel in HOST_FILES else cache_policy(rel)), rel


def test_an_editions_own_headers_match_its_pages(ntt_edition):
    assert_headers_match_pages(ntt_edition, pages_of(ntt_edition))


def test_nothing_that_lists_the_built_site_lists_the_host_files(built_site):
    for name in HOST_FILES:
        assert (built_site / name).is_file()
    said = (built_site / "offline.json").read_text(encoding="utf-8") + (built_site / "sw.js").read_text("utf-8")
    assert all(name not in said for name in HOST_FILES)
    with zipfile.ZipFile(built_site / bundle_path()) as zf:
        assert not [n for n in zf.namelist() if n.endswith(HOST_FILES)]


class _HostHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that reads `_headers`, as Netlify or Cloudflare Pages do."""

    def end_headers(self):
        for name, value in headers_of(self.server.site).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def test_pages_under_the_hosts_headers_work_and_look_as_without(browser, built_site):
    """The header's policy is enforced with each page's own: a hash the header lacked would block a style."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_HostHandler, directory=str(built_site))
    )
    server.site = built_site
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}/"
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    ctx.add_init_script(CSP_WATCH)
    try:
        page = ctx.new_page()
        answer = page.goto(host + "terjemahan/index.html")
        assert answer.headers["content-security-policy"] == headers_of(built_site)["Content-Security-Policy"]
        cell = page.locator("td[style]").first  # a table column aligned by a style attribute, allowed by its hash
        assert cell.evaluate("td => getComputedStyle(td).textAlign") == "right"
        page.goto(host + "modus/jeratan-utang.html")
        search_for(page, "utang", timeout=10000)  # the search script and the index load
        assert page.evaluate("window.__csp") == []
    finally:
        ctx.close()
        server.shutdown()
