"""The share link under every page: a plain wa.me link with the page's title and public address.

Nothing is fetched until the reader taps it (no counters, no third-party script); kie.js offers the
browser's own share sheet (Web Share API) where there is one.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin

from ..model.project import is_placeholder_address


def public_address(site_url: str, page_url: str) -> str:
    """The page's address on the published site (site_url from mkdocs.yml + the page's own path); '' while the
    site's address is still an example one, which would lead whoever opens the link nowhere."""
    if is_placeholder_address(site_url):
        return ""
    return urljoin(site_url.rstrip("/") + "/", page_url)


def whatsapp_share(title: str, address: str) -> str:
    """wa.me with the message prefilled: the title, then the address on its own line (when there is one)."""
    return "https://wa.me/?text=" + quote(f"{title}\n{address}" if address else title, safe="")
