"""In a real browser (Debian's chromium via Playwright), no page makes a request outside the site."""

from __future__ import annotations


def test_no_page_requests_anything_outside_the_site(browser, built_site, served_site):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 100
    outside, local = [], []
    context = browser.new_context(viewport={"width": 360, "height": 740})

    def guard(route):
        url = route.request.url
        if url.startswith(served_site) or url.startswith("data:") or url.startswith("blob:"):
            local.append(url)
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    for rel in pages:
        page.goto(served_site + rel, wait_until="load")
    context.close()
    assert outside == []
    assert any(u.endswith(".css") for u in local) and any(u.endswith(".js") for u in local)  # the guard saw traffic
