"""Post-build step: a content security policy in every page, and no referrer on links that leave the site.

The policy is the second wall behind escaping: if a template ever lets text through as markup, the
browser still runs no script and loads nothing that is not one of the site's own files. It is a
<meta http-equiv> tag (static hosting and the USB copy opened from files have no headers to set) and
is written after the build because its hashes depend on the finished page:

- scripts: the site's own files only ('self'). An inline <script> in a page fails the build (move it
  into a file under docs/assets/js/), unless its template marks it `data-kie-inline`: then its SHA-256
  goes into the policy. Data blocks (<script type="application/json">) do not run and need nothing.
  Event-handler attributes (onclick=...) fail the build: the policy would block them.
- styles: the site's stylesheet, plus hashes of <style> elements and of style="" attributes on the page
  (tables written in Markdown align their columns with style="text-align: right;").
- images 'self' and data: (Material's icons are data: SVGs in the stylesheet); the service worker and
  everything it fetches come from the site itself; forms submit only to the site; no <base> elsewhere.

Links to other sites also get rel="noreferrer noopener" (the page's <meta name="referrer"> already asks
for no referrer; the attribute keeps it so for browsers that ignore the meta tag).

The policy is one object (`Policy`) and the referrer rule one constant: the pages' meta tags and the web host's
headers (kie.engine.publish: `_headers`, `nginx-kie.conf`) are both written from them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.problems import BuildError
from ..views.contract import content_policy
from .page_html import site_pages

INLINE_MARK = "data-kie-inline"
_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_TOKEN = re.compile(
    rf"<!--.*?-->|<(script|style)\b{_ATTRS}>(.*?)</\1\s*>|<([a-zA-Z][\w:-]*){_ATTRS}>",
    re.S | re.I,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_EXTERNAL = re.compile(r"^(https?:)?//", re.I)
_POLICY_META = '<meta http-equiv="Content-Security-Policy" content="{}">'
# Which page a reader was on is private: no link, quick exit or request sends it. The theme's <meta name="referrer">
# (overrides/main.html, through the kie plugin) and the hosts' Referrer-Policy header both read this.
REFERRER_POLICY = "no-referrer"


def attributes(text: str) -> dict[str, str]:
    found = {}
    for m in _ATTR.finditer(text):
        value = next((g for g in m.group(3, 4, 5) if g is not None), "")
        found.setdefault(m.group(1).lower(), html.unescape(value))
    return found


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@dataclass(frozen=True)
class Policy:
    """A content security policy: the site's own files only, plus the hashes of what a page has inline."""

    scripts: frozenset[str] = frozenset()  # hashes of <script data-kie-inline> bodies
    styles: frozenset[str] = frozenset()  # hashes of <style> elements
    style_attributes: frozenset[str] = frozenset()  # hashes of style="" attributes

    def __str__(self) -> str:
        return content_policy(sorted(self.scripts), sorted(self.styles), sorted(self.style_attributes))

    def __or__(self, other: Policy) -> Policy:
        """What both allow: a header sent with every page of a site allows what any of its pages needs (each
        page's own meta tag then narrows it to that page: a browser enforces both)."""
        return Policy(
            self.scripts | other.scripts,
            self.styles | other.styles,
            self.style_attributes | other.style_attributes,
        )

    @classmethod
    def parse(cls, text: str) -> Policy:
        """The policy back from its text (a header the build wrote): str(Policy.parse(str(p))) == str(p)."""
        sources = {d.split(" ", 1)[0]: d.split(" ")[1:] for d in text.split("; ") if d}
        scripts = [s for s in sources.get("script-src", []) if s.startswith("'sha256-")]
        styles = sources.get("style-src", [])
        cut = styles.index("'unsafe-hashes'") if "'unsafe-hashes'" in styles else len(styles)
        own = [s for s in styles[:cut] if s.startswith("'sha256-")]
        return cls(frozenset(scripts), frozenset(own), frozenset(styles[cut + 1 :]))


def _with_rel(tag_text: str, attrs: dict[str, str]) -> str:
    """The <a ...> tag with noreferrer and noopener in its rel."""
    rel = attrs.get("rel", "").split()
    wanted = rel + [token for token in ("noreferrer", "noopener") if token not in rel]
    if wanted == rel:
        return tag_text
    body = re.sub(r"""\srel\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", "", tag_text[2:-1])
    return f'<a{body} rel="{" ".join(wanted)}">'


def secure_page(page: str, where: str) -> str:
    """The page with its policy, and rel="noreferrer noopener" on links to other sites."""
    return _secure(page, where)[0]


def _secure(page: str, where: str) -> tuple[str, Policy]:
    scripts, styles, style_attrs, out, at = [], [], [], [], 0
    for match in _TOKEN.finditer(page):
        element, attrs_text, body, tag, tag_attrs = match.groups()
        if element:
            attrs = attributes(attrs_text)
            if element.lower() == "style":
                styles.append(sha256(body))
            elif "src" not in attrs and attrs.get("type", "").lower() in _JS_TYPES:
                if INLINE_MARK not in attrs:
                    raise BuildError(
                        f"{where}: inline script <script>{body.strip()[:60]}…: the content security policy only "
                        "runs the site's own script files; move it into a file under docs/assets/js/ "
                        f"(or mark it {INLINE_MARK} in its template if it must stay inline)"
                    )
                scripts.append(sha256(body))
            continue
        if tag is None or not tag_attrs or ("style" not in tag_attrs and "on" not in tag_attrs and tag != "a"):
            continue
        attrs = attributes(tag_attrs)
        if "style" in attrs:
            style_attrs.append(sha256(attrs["style"]))
        handlers = [name for name in attrs if name.startswith("on")]
        if handlers:
            raise BuildError(
                f"{where}: <{tag} {handlers[0]}=...>: the content security policy blocks event-handler "
                "attributes; attach the handler in a script file instead"
            )
        if tag.lower() == "a" and _EXTERNAL.match(attrs.get("href", "")):
            out.append(page[at : match.start()])
            out.append(_with_rel(match.group(0), attrs))
            at = match.end()
    out.append(page[at:])
    page = "".join(out)
    policy = Policy(frozenset(scripts), frozenset(styles), frozenset(style_attrs))
    meta = _POLICY_META.format(html.escape(quote=False, s=str(policy)))
    charset = _CHARSET.search(page)
    if charset is None:
        raise BuildError(f'{where}: no <meta charset="utf-8"> to put the content security policy after')
    return page[: charset.end()] + meta + page[charset.end() :], policy


def secure_site(project, content, site: Path) -> Policy:
    """Every page gets its policy (see the module's docstring). Returns what all of them need together."""
    whole = Policy()
    for file in site_pages(site):
        rel = file.relative_to(site).as_posix()
        page, policy = _secure(file.read_text(encoding="utf-8"), f"site/{rel}")
        file.write_text(page, encoding="utf-8")
        whole |= policy
    return whole
