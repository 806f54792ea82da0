"""Turn one built page of the site into a print document (HTML for the PDF engine). Pure: no files.

The handout is made from the *built* HTML, not from the content records, so every kind of page
(generated from YAML or hand-written, today's and future ones) prints the same text the site shows,
with the same escaping and language fallbacks. Only the article is kept; the print template adds
the title, summary, national hotlines, a QR code to the page's public address, version and date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

import segno
import tinyhtml5
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model.content import Content
from ..model.project import is_placeholder_address
from ..views import urls
from ..views.directory import national_hotlines
from ..views.evidence_text import print_note
from ..views.text import Language
from .numbers import localized, print_helpers

_env = Environment(loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined)

# Parts of the site's page that make no sense on paper.
_DROP_CLASSES = {"headerlink", "kie-print-link", "kie-tools", "kie-media", "kie-listen", "task-list-control"}
_LOCAL = re.compile(r"^(?![a-z][a-z0-9+.-]*:|//|#)", re.I)  # a relative link: no scheme, not an anchor


@dataclass(frozen=True)
class BuiltPage:
    """What printing needs of a page the site engine built. The engine reads it out of its theme's HTML
    (kie.engine.page_html), so this module never depends on how the theme lays a page out."""

    lang: str  # the page's language
    site_name: str
    article: str  # the HTML element holding the page's text (title, summary, body)
    chrome: frozenset[str] = frozenset()  # classes of the theme's own parts inside it (buttons): not printed


@dataclass(frozen=True)
class PrintPage:
    lang: str
    title: str  # plain text
    site_name: str
    summary: Markup  # HTML, may be empty
    body: Markup  # HTML of the article without title and summary
    title_lang: str = ""  # set when the title is an untranslated fallback (lang="id")


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _add_class(el: ET.Element, name: str) -> None:
    el.set("class", " ".join(sorted(_classes(el) | {name})))


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _html(el: ET.Element) -> str:
    return ET.tostring(el, encoding="unicode", method="html")


def _inner(el: ET.Element) -> str:
    return (el.text or "") + "".join(_html(child) for child in el)


def _remove(el: ET.Element, parents: dict) -> None:
    parent = parents[el]
    index = list(parent).index(el)
    if el.tail:  # keep the text that followed the element
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
    # a wrapper left empty (e.g. <div lang="id"> around a fallback title) goes too
    if parent in parents and len(parent) == 0 and not (parent.text or "").strip():
        _remove(parent, parents)


def _numbers_under_names(article: ET.Element) -> None:
    """On paper a service card's numbers go right under its name and its "perlu diverifikasi" mark.

    On screen they follow the folded details (a thumb finds them at once); printed, the details are open and
    would put the whole description between a number and its mark and date."""
    for service in [el for el in article.iter("div") if "kie-service" in _classes(el)]:
        details = next((child for child in service if child.tag == "details"), None)
        actions = next(
            (c for c in service if c.tag == "p" and any("kie-actions" in _classes(x) for x in c.iter("span"))), None
        )
        if details is None or actions is None:
            continue
        after_summary = next((i + 1 for i, child in enumerate(details) if child.tag == "summary"), 0)
        service.remove(actions)
        details.insert(after_summary, actions)


def read_page(built: BuiltPage, page_url: str) -> PrintPage:
    """Title, summary and body of a built page. `page_url` is the page's public address (for links)."""
    root = tinyhtml5.parse(f"<html>{built.article}", namespace_html_elements=False)
    body = root.find("body")
    article = body[0] if body is not None and len(body) else body
    parents = {child: parent for parent in article.iter() for child in parent}
    drop = _DROP_CLASSES | built.chrome
    for el in list(article.iter()):
        if el is not article and (el.tag == "script" or _classes(el) & drop) and el in parents:
            _remove(el, parents)
    h1 = article.find(".//h1")
    title = _text(h1) if h1 is not None else ""
    title_lang = (h1.get("lang") or parents[h1].get("lang") or "") if h1 is not None else ""
    summary = next((el for el in article.iter("div") if "kie-summary" in _classes(el)), None)
    if summary is None:  # hand-written pages: the first paragraph after the title, outside notices
        notes = {p for el in article.iter() if _classes(el) & {"kie-notice", "admonition"} for p in el.iter("p")}
        summary = next((p for p in article.iter("p") if p not in notes), None)
    summary_html = ""
    if summary is not None:
        lang = summary.get("lang") or parents[summary].get("lang")
        inner = _inner(summary) if summary.tag == "div" else _html(summary)
        summary_html = f'<div lang="{lang}">{inner}</div>' if lang else inner
        _remove(summary, parents)
    if h1 is not None:
        _remove(h1, parents)
    _numbers_under_names(article)
    for ul in article.iter("ul"):  # lists of short items take less room on paper: in columns, or on one line
        items = [li for li in ul if li.tag == "li"]
        short = all(len(_text(li)) <= 60 for li in items)
        if short and len(items) >= 4 and "task-list" not in _classes(ul):
            _add_class(ul, "kie-print-cols")
        elif short and len(items) <= 3 and "kie-service" in _classes(parents.get(ul, ul)):
            _add_class(ul, "kie-print-inline")  # a service's phone numbers
    for a in article.iter("a"):  # links lead to the public site: a relative link means nothing on paper
        href = a.get("href") or ""
        if _LOCAL.match(href):
            a.set("href", urljoin(page_url, href))
    body_html = Markup(_inner(article).strip())
    return PrintPage(built.lang, title, built.site_name, Markup(summary_html), body_html, title_lang)


def qr_data_uri(url: str) -> str:
    """A QR code for `url`, made here (no service), as a PNG: crisp when printed and easy to check."""
    return segno.make(url, error="m").png_data_uri(scale=8, border=4)


def css_content(text: str, **counters: str) -> str:
    """A UI string as a CSS `content` value: '{page} of {pages}' → '"" counter(page) " of " counter(pages) ""'."""
    quoted = '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'
    for name, counter in counters.items():
        quoted = quoted.replace("{" + name + "}", f'" {counter} "')
    return quoted


def _stylesheet() -> str:
    return _env.loader.get_source(_env, "print.css")[0]


def render_handout(page: PrintPage, content: Content, url: str, version: str, date: str, qr: str | None = None) -> str:
    """The print document for one page, in the page's language. `qr` replaces the QR code's data (for hashing)."""
    L = Language(
        page.lang if page.lang in content.ui else content.default_language, content.default_language, content.ui
    )
    return _env.get_template("handout.html.j2").render(
        page=page,
        L=L,
        css=Markup(_stylesheet()),
        hotlines=national_hotlines(content),
        text=lambda value: localized(L, value),
        note=lambda svc: print_note(L, svc.data, svc.id in content.stale_services),  # same mark as the page
        **print_helpers(L),
        ui=lambda key, **fill: L.ui_text(key, **fill)[0],
        url=url,
        short_url=urls.short_url(url),
        qr="" if is_placeholder_address(url) else (qr or qr_data_uri(url)),  # no QR code of an example address
        footer=Markup(css_content(L.ui_text("handout_version", version=version, date=date)[0])),
        page_counter=Markup(css_content(L.ui_text("handout_page")[0], page="counter(page)", pages="counter(pages)")),
    )
