"""In a real browser (Debian's chromium via Playwright), no page makes a request outside the site.

One page of each kind in each language, with the scripts that load later (search, directory filter, quiz)
made to load; tests/test_build.py scans every built page and stylesheet for outside addresses.
"""

from __future__ import annotations

from conftest import PAGE_KINDS, guarded_context, search_for

FIRST_SEARCH = {
    "modus/jeratan-utang.html": "utang",
    "en/modus/jeratan-utang.html": "debt",
    "jv/modus/jeratan-utang.html": "utang",
}


def test_no_page_requests_anything_outside_the_site(browser, built_site, served_site):
    pages = [prefix + kind for prefix in ("", "en/", "jv/") for kind in PAGE_KINDS] + ["404.html"]
    assert all((built_site / p).is_file() for p in pages)
    context, outside, local = guarded_context(browser, served_site)
    page = context.new_page()
    for rel in pages:
        page.goto(served_site + rel, wait_until="load")
        if rel in FIRST_SEARCH:  # the search script and the language's index load on the first search
            search_for(page, FIRST_SEARCH[rel], timeout=5000)
    context.close()
    assert outside == []
    assert any(u.endswith(".css") for u in local) and any(u.endswith(".js") for u in local)  # the guard saw traffic
