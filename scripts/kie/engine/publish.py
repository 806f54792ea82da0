"""The web host's files, written by the build at the root of every site it makes (national or edition):

- `_headers`: the security headers for hosts that read that file (Netlify, Cloudflare Pages and others like
  them): the pages' content security policy, their referrer rule and no type guessing;
- `nginx-kie.conf`: the same headers for nginx, and how long a browser keeps each file (the rules of
  `kie serve`: fingerprinted assets for a year, the service worker and its lists asked again every time).

Both come from the objects the pages' meta tags come from (kie.engine.csp: `Policy`, `REFERRER_POLICY`) and the
server's own rules (kie.serve.server: `CACHE_RULES`, `NO_SNIFF`), never from a second copy of them. A header is
sent with every page, so its policy allows what any page of the site needs (their hashes together); each page's
own meta tag narrows it again to that page, since a browser enforces both.

Regional editions are published in folders of the national site (https://host/ntt/), under the national
host files: those also cover each edition built there (`cover_editions`). An edition published on its own
address uses the files in its own folder. The files are written whole or not at all (the national site may be
live while an edition is built into it).
"""

from __future__ import annotations

from pathlib import Path

from ..model.project import write_cache_file
from ..serve.server import CACHE_RULES, NO_SNIFF, SESSION
from ..views.urls import HEADERS_FILE, HOST_FILES, NGINX_FILE
from .csp import REFERRER_POLICY, Policy

WRITTEN_BY = (
    "# Written by `kie build` (kie.engine.publish) from the same policy as the pages: do not edit, build again."
)
_CSP = "Content-Security-Policy"
# nginx: a path inside the site, maybe inside an edition's folder (edition ids: lower-case words and hyphens)
_SITE_PATH = "^/(?:[a-z0-9-]+/)?"


def host_headers(policy: Policy) -> list[tuple[str, str]]:
    """What the host sends with every file: the pages' policy and referrer rule, and no type guessing."""
    return [(_CSP, str(policy)), ("Referrer-Policy", REFERRER_POLICY), NO_SNIFF]


def headers_file(policy: Policy) -> str:
    lines = [
        WRITTEN_BY,
        "# For Netlify, Cloudflare Pages and other hosts that read _headers from the published folder's root.",
        "# GitHub Pages ignores it: there the pages' own <meta> tags carry the policy and the referrer rule.",
        "/*",
        *(f"  {name}: {value}" for name, value in host_headers(policy)),
    ]
    return "\n".join(lines) + "\n"


def nginx_file(policy: Policy) -> str:
    hidden = "|".join(name.replace(".", r"\.") for name in HOST_FILES)
    lines = [
        WRITTEN_BY,
        "# Include it in the server block that serves this folder, which must have no add_header of its own (nginx",
        "# would then drop these in that block), e.g.:",
        "#   server { listen 80; server_name example.org; root /srv/cegah-tppo/site;",
        f"#            include /srv/cegah-tppo/site/{NGINX_FILE}; }}",
        "# Check with `nginx -t`, then reload nginx.",
        "",
        "# How long a browser keeps a file (the rules of `kie serve`, kie.serve.server.CACHE_RULES)",
        f'set $kie_cache "{SESSION}";',
        *(f'location ~ "{_SITE_PATH}(?:{pattern})$" {{ set $kie_cache "{cache}"; }}' for pattern, cache in CACHE_RULES),
        "# The host's own settings are not for readers",
        f'location ~ "(?:^|/)(?:{hidden})$" {{ return 404; }}',
        "add_header Cache-Control $kie_cache;  # not on errors: a missing page is not kept for hours",
        *(f'add_header {name} "{value}" always;' for name, value in host_headers(policy)),
        "# Text goes compressed (the offline packs are gzip already and are sent as they are)",
        "gzip on;",
        "gzip_types text/css application/javascript application/json application/manifest+json image/svg+xml;",
    ]
    return "\n".join(lines) + "\n"


def write_host_files(site: Path, policy: Policy) -> None:
    write_cache_file(site / HEADERS_FILE, headers_file(policy))
    write_cache_file(site / NGINX_FILE, nginx_file(policy))


def host_policy(site: Path) -> Policy | None:
    """The policy in a site's `_headers`, if the build wrote one there."""
    try:
        lines = (site / HEADERS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    if not lines or lines[0] != WRITTEN_BY:
        return None  # someone else's file
    found = [line.split(": ", 1)[1] for line in lines if line.strip().startswith(f"{_CSP}: ")]
    return Policy.parse(found[0]) if found else None


def cover_editions(root: Path, editions) -> None:
    """The host files at `root` also apply to the editions built in its folders (root/<id>/): their policy
    grows by each edition's. Nothing happens where `root` has no host files of the build."""
    own = host_policy(root)
    if own is None:
        return
    wider = own
    for edition in editions:
        found = host_policy(root / edition)
        if found is not None:
            wider |= found
    if wider != own:
        write_host_files(root, wider)
