"""Post-build step: one small stylesheet for the whole site, holding only the rules its pages can use.

Material's stylesheet is ~140 KB (23 KB gzip) and most of it styles things this site never shows
(blog, tabs, code blocks, dark mode, right-to-left...). After MkDocs has built every page, this step
- reads the stylesheets every page links (Material's, its palette, kie.css), in page order;
- keeps a rule only if one of its selectors can match an element of some built page (tinycss2 parses
  the CSS, cssselect2 matches selectors against each page), where a selector is first widened so that
  states no build-time page is in still count: pseudo-classes (:hover, :focus, :checked, :not(...)),
  pseudo-elements, attributes scripts change (hidden, open, aria-pressed...) and classes our scripts add
  (any class name written in a string of the site's own JavaScript) are ignored when matching;
- keeps @media/@supports with what is left in them, @keyframes and @font-face only when used, and
  custom properties (--md-...) only when some kept rule uses them;
- writes it as assets/stylesheets/site.<hash>.css (the name changes with the content, so a browser never
  keeps an old one), links it from every page instead of the originals, and removes the originals.

The result is cached (by a hash of the pages, stylesheets and scripts), so a rebuild with nothing
changed does not match again. KIE_CSS_PURGE=0 merges without removing rules (for comparisons).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2

from ..model.project import write_cache_file
from ..views.contract import SEARCH_DIR
from .css_select import Widen, compact, matching_selectors, script_names, split_selectors
from .page_html import site_pages

OUT_DIR = "assets/stylesheets"
CACHE_VERSION = "1"
CACHE_ENTRIES = 8  # stylesheets kept in .cache/css/: a national site and a few editions
_LINK = re.compile(r"<link\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))""")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def tag_attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(next(g for g in m.group(3, 4, 5) if g is not None))
        for m in _ATTR.finditer(tag)
    }


def stylesheet_links(page: str) -> list[tuple[str, str]]:
    """(whole <link> tag, href) of each local stylesheet in a page, in order."""
    found = []
    for match in _LINK.finditer(page):
        attrs = tag_attributes(match.group(0))
        href = attrs.get("href", "")
        if attrs.get("rel", "").lower() == "stylesheet" and href and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):
            found.append((match.group(0), href))
    return found


def rebase_urls(tokens: list, css_path: str, out_path: str) -> list:
    """url(...) relative to the original stylesheet, rewritten relative to the merged one."""
    result = []
    for tok in tokens:
        value = None
        if tok.type == "url":
            value = tok.value
        elif tok.type == "function" and tok.lower_name == "url":
            strings = [t for t in tok.arguments if t.type == "string"]
            value = strings[0].value if strings else None
        if value is not None and not re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", value, re.I):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(css_path), value))
            rel = posixpath.relpath(target, posixpath.dirname(out_path))
            result.append(tinycss2.ast.URLToken(tok.source_line, tok.source_column, rel, f"url({rel})"))
        elif hasattr(tok, "content") and tok.type in ("() block", "[] block", "{} block"):
            result.append(tok)
        else:
            result.append(tok)
    return result


class Writer:
    def __init__(self, keep: set[str] | None):
        self.keep = keep  # None: keep every rule

    def rule_text(self, rule, used_vars, css_path, out_path) -> str:
        selectors = [compact(s) for s in split_selectors(rule.prelude)]
        if self.keep is not None:
            selectors = [s for s in selectors if s in self.keep]
        if not selectors:
            return ""
        decls = []
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if decl.type != "declaration":
                continue
            if decl.name.startswith("--") and used_vars is not None and decl.name not in used_vars:
                continue
            value = compact(rebase_urls(decl.value, css_path, out_path))
            decls.append(f"{decl.name}:{value}{'!important' if decl.important else ''}")
        return f"{','.join(selectors)}{{{';'.join(decls)}}}" if decls else ""

    def rules_text(self, rules, used_vars, css_path, out_path, used_names) -> str:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                out.append(self.rule_text(rule, used_vars, css_path, out_path))
            elif rule.type == "at-rule":
                key = rule.lower_at_keyword
                if key in ("media", "supports") and rule.content is not None:
                    inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                    body = self.rules_text(inner, used_vars, css_path, out_path, used_names)
                    if body:
                        out.append(f"@{rule.at_keyword} {compact(rule.prelude)}{{{body}}}")
                elif key.endswith("keyframes") or key == "font-face":
                    name = compact(rule.prelude).strip("\"'")
                    if key == "font-face":
                        family = re.search(r"font-family\s*:\s*([^;]+)", tinycss2.serialize(rule.content or []))
                        name = family.group(1).strip().strip("\"'") if family else ""
                    if used_names is None or name in used_names:
                        out.append(tinycss2.serialize([rule]))
                elif key != "charset":
                    out.append(tinycss2.serialize([rule]))
        return "".join(out)


def _declarations(rules):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule, tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            yield from _declarations(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))


def used_variables_and_names(parsed: list, keep: set[str], extra_text: str) -> tuple[set[str], str]:
    """Custom properties some kept rule needs (following var() chains), and the text of kept values."""
    custom: dict[str, set[str]] = {}
    direct: set[str] = set(_VAR.findall(extra_text))
    values = []
    for rules in parsed:
        for rule, decls in _declarations(rules):
            if not any(compact(s) in keep for s in split_selectors(rule.prelude)):
                continue
            for decl in decls:
                if decl.type != "declaration":
                    continue
                text = tinycss2.serialize(decl.value)
                if decl.name.startswith("--"):
                    custom.setdefault(decl.name, set()).update(_VAR.findall(text))
                else:
                    direct.update(_VAR.findall(text))
                    values.append(text)
    used, todo = set(), list(direct)
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo.extend(custom.get(name, ()))
    return used, " ".join(values)


def purge(
    sheets: list[tuple[str, str]],
    pages: list[str],
    scripts: list[str],
    out_path: str,
    enabled=True,
    memo=None,
    structures: list[str] | None = None,
) -> str:
    """The merged stylesheet. `sheets`: (site-relative path, CSS text) in the order pages link them.
    `memo`: what the last purge with the same sheets and scripts learnt (css_select.matching_selectors).
    `structures`: page_structure() of each page, when the caller has read them already (for the cache key)."""
    parsed = [tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True) for _, css in sheets]
    writer = Writer(None)
    used_vars = used_names = None
    if enabled:
        structures = structures if structures is not None else [page_structure(page) for page in pages]
        by_structure = {
            hashlib.sha256(tags.encode()).hexdigest()[:20]: page for tags, page in zip(structures, pages, strict=True)
        }
        keep = matching_selectors(parsed, by_structure, Widen(*script_names(scripts)), memo)
        writer = Writer(keep)
        used_vars, values = used_variables_and_names(parsed, keep, " ".join(scripts))
        used_names = set(re.findall(r"[\w-]+", values))
    paths = [path for path, _ in sheets]
    return "".join(writer.rules_text(r, used_vars, p, out_path, used_names) for p, r in zip(paths, parsed, strict=True))


def resolve(page_rel: str, href: str, base: str = "/") -> str:
    """Site-relative path of a link. The 404 page links from the site's own folder on the server: '/x', or
    '/ntt/x' for a site published under https://host/ntt/ (`base`, the path of site_url); both are 'x'."""
    if href.startswith(base):
        return posixpath.normpath(href[len(base) :])
    if href.startswith("/"):
        return posixpath.normpath(href.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), href))


def link_to(page_rel: str, href: str, target: str, base: str = "/") -> str:
    """`target` linked the way the page linked the original: from the site's folder, or relative."""
    return base + target if href.startswith("/") else posixpath.relpath(target, posixpath.dirname(page_rel) or ".")


def site_base(project) -> str:
    """The path of the site's public address, where its 404 page's links start: '/' or '/ntt/'."""
    path = urlsplit(project.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


# A tag with its attributes; a quoted attribute value may hold '>'.
_TAG = re.compile(r"""<(?:[^"'>]|"[^"]*"|'[^']*')*>""")


def page_structure(page: str) -> str:
    """The page without its text: all the purge looks at (tags, classes, ids, attributes; no selector is
    tested on text, see css_select.STATIC_PSEUDO). An edited sentence does not make the purge run again."""
    return "".join(_TAG.findall(page))


def make_stylesheet(project, content, site: Path) -> str | None:
    """Post-build step. Returns the new stylesheet's site-relative path (None if pages link none in common)."""
    pages = {p: p.read_text(encoding="utf-8") for p in site_pages(site)}
    base = site_base(project)
    common: list[str] | None = None
    for file, text in pages.items():
        rel = file.relative_to(site).as_posix()
        hrefs = [resolve(rel, h, base) for _, h in stylesheet_links(text)]
        common = hrefs if common is None else [h for h in common if h in hrefs]
    if not common:
        return None
    sheets = [(path, (site / path).read_text(encoding="utf-8")) for path in common]
    scripts = [f.read_text(encoding="utf-8") for f in script_files(site)]
    enabled = os.environ.get("KIE_CSS_PURGE", "1") != "0"
    rules = hashlib.sha256(f"{CACHE_VERSION}{enabled}".encode())
    for code in (Path(__file__), Path(__file__).with_name("css_select.py")):  # a new rule for keeping rules
        rules.update(code.read_bytes())
    for part in [*(css for _, css in sheets), *scripts]:
        rules.update(part.encode())
        rules.update(b"\0")
    key = rules.copy()
    structures = [page_structure(text) for text in pages.values()]  # once: for the key, and for the purge
    for tags in structures:
        key.update(tags.encode())
        key.update(b"\0")
    cache_dir = project.cache_dir / "css"
    cached = cache_dir / f"{key.hexdigest()[:24]}.css"
    if cached.is_file():
        css = cached.read_text(encoding="utf-8")
    else:
        # what the last purge of this site (same stylesheets and scripts) learnt: only changed pages are matched
        memo_file = cache_dir / f"memo-{hashlib.sha256(f'{rules.hexdigest()}{base}'.encode()).hexdigest()[:24]}.json"
        memo = _read_json(memo_file)
        css = purge(sheets, list(pages.values()), scripts, f"{OUT_DIR}/site.css", enabled, memo, structures)
        cache_dir.mkdir(parents=True, exist_ok=True)
        # the last few builds: the national site and its regional editions (kie build --all-editions) each
        # have their own pages, so one entry would be thrown out by the next build of the same run
        for suffix in ("*.css", "memo-*.json"):
            kept = sorted(cache_dir.glob(suffix), key=lambda f: f.stat().st_mtime, reverse=True)
            for old in kept[CACHE_ENTRIES - 1 :]:
                old.unlink(missing_ok=True)
        write_cache_file(cached, css)
        if memo:
            write_cache_file(memo_file, json.dumps(memo))
    out = f"{OUT_DIR}/site.{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    (site / out).parent.mkdir(parents=True, exist_ok=True)
    (site / out).write_text(css, encoding="utf-8")
    for file, text in pages.items():
        rel = file.relative_to(site).as_posix()
        first = True
        for tag, href in stylesheet_links(text):
            if resolve(rel, href, base) in common:
                text = text.replace(
                    tag, f'<link rel="stylesheet" href="{link_to(rel, href, out, base)}">' if first else "", 1
                )
                first = False
        file.write_text(text, encoding="utf-8")
    for path in common:  # the originals: no page links them any more
        for gone in (site / path, site / f"{path}.map"):
            gone.unlink(missing_ok=True)
    return out


def _read_json(file: Path) -> dict:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: match every page
    return data if isinstance(data, dict) and {"pages", "witness"} <= set(data) else {}


def script_files(site: Path) -> list[Path]:
    """The site's own scripts (not the search indexes, not Material's unused bundle)."""
    skip = (f"{SEARCH_DIR}/", "assets/javascripts/", "unduh/", "handouts/", "offline/")
    return sorted(f for f in site.rglob("*.js") if not f.relative_to(site).as_posix().startswith(skip))
