"""The one place that knows addresses: content ids ↔ docs paths ↔ built pages ↔ handouts, per language.

Docs paths are what MkDocs reads (`modus/x.md`, translations `modus/x.en.md`: static-i18n's suffix layout);
built paths are what a reader opens (`modus/x.html`, `en/modus/x.html`: use_directory_urls is off, so the
site also works from file://). Every relative link is made here, so a site hosted in a subfolder works.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from ..model.kinds import BY_NAME, HANDOUT_SECTIONS, MEDIA_SECTION, QUIZ_SECTION, STATUS_SECTION
from ..model.regions import ABROAD, NATIONAL, provinces_covered

HANDOUTS_DIR = "handouts"
SERVICES_INDEX = "layanan/index"  # the directory of services (docs path without .md)
ABROAD_PAGE = "luar-negeri"  # the hand-written page for people already abroad (docs path without .md)
PROVINCE_FOLDER = "layanan/provinsi"
CARDS_NATIONAL = "nasional"  # the pocket-card sheet with national numbers only
BUNDLE_NAME = "cegah-tppo"  # the USB zip and the folder inside it; a regional edition adds its id
# Settings for the web host, written by the build at the site's root (kie.engine.publish): not for readers, so
# not in a saved copy, the USB zip or what `kie serve` answers.
HEADERS_FILE = "_headers"  # Netlify, Cloudflare Pages and hosts like them
NGINX_FILE = "nginx-kie.conf"  # included in an nginx server block
HOST_FILES = (HEADERS_FILE, NGINX_FILE)
# Images and posters per language (kie.views.media, kie.print.media): in the USB zip, never in the offline packs.
MEDIA_DIR = "kampanye"
THUMBNAILS = "kecil"  # small copies the pages show, under each language's folder


def bundle_folder(edition_id: str | None = None) -> str:
    """The folder inside the USB zip: 'cegah-tppo', or 'cegah-tppo-ntt' for an edition (two sticks never mix)."""
    return f"{BUNDLE_NAME}-{edition_id}" if edition_id else BUNDLE_NAME


def bundle_path(edition_id: str | None = None) -> str:
    """The USB zip, from the site root: 'unduh/cegah-tppo-offline.zip', 'unduh/cegah-tppo-ntt-offline.zip'."""
    return _zip_of(bundle_folder(edition_id))


def _zip_of(folder: str) -> str:
    return f"unduh/{folder}-offline.zip"


def bundle_glob() -> str:
    """Matches the USB zip of any site, national or edition, from the site root (for a folder whose edition
    is not known, e.g. the one `kie serve` was given)."""
    return _zip_of(BUNDLE_NAME + "*")


def booklet_file(edition_id: str, lang: str, reading: bool = False) -> str:
    """A regional edition's A5 booklet: imposed for printing, or in reading order ('-baca') for screens."""
    return f"{HANDOUTS_DIR}/{lang}/buklet-{edition_id}{'-baca' if reading else ''}.pdf"


def lang_prefix(lang: str, default: str) -> str:
    """Where a language's built pages live: '' for the default language, 'en/' for English."""
    return "" if lang == default else f"{lang}/"


def docs_file(section: str, stem: str, lang: str, default: str) -> str:
    """The docs file of a page in one language: 'modus/x.md', 'modus/x.en.md'."""
    suffix = "" if lang == default else f".{lang}"
    return f"{section}/{stem}{suffix}.md"


def entry_docs_path(kind: str, entry_id: str) -> str:
    """Language-neutral docs path of an entry's own page, as Markdown links name it: 'hak/hak-restitusi.md'."""
    return f"{BY_NAME[kind].section}/{entry_id}.md"


def quiz_docs_file(lang: str, default: str) -> str:
    return docs_file(QUIZ_SECTION, "index", lang, default)


def status_docs_file(lang: str, default: str) -> str:
    return docs_file(STATUS_SECTION, "index", lang, default)


def province_docs_path(province) -> str:
    return f"{PROVINCE_FOLDER}/{province.slug}.md"


def province_docs_file(province, lang: str, default: str) -> str:
    return docs_file(PROVINCE_FOLDER, province.slug, lang, default)


def service_home(content, entry) -> str:
    """Docs path of a service: its own page (national), or its card on its first province's page."""
    if NATIONAL in entry["coverage"]:
        return entry_docs_path("services", entry.id)
    codes = provinces_covered(entry["coverage"], content.regions)
    if not codes and ABROAD in entry["coverage"]:  # an embassy: its card on the abroad page
        return f"{ABROAD_PAGE}.md#svc-{entry.id}"
    if not codes:
        return f"{SERVICES_INDEX}.md"
    return f"{province_docs_path(content.regions.provinces[codes[0]])}#svc-{entry.id}"


def to_docs_root(docs_path: str) -> str:
    """From a docs page to the docs root: 'modus/x.md' → '../'."""
    return "../" * docs_path.count("/")


def split_language(built_path: str, languages: list[str], default: str) -> tuple[str, str]:
    """'en/modus/x.html' → ('en', 'modus/x.html'); 'modus/x.html' → (default, 'modus/x.html')."""
    first, _, rest = built_path.partition("/")
    if first in languages and first != default and rest:
        return first, rest
    return default, built_path


def language_of(built_path: str, languages: list[str], default: str) -> str:
    return split_language(built_path, languages, default)[0]


def built_page(docs_path: str, lang: str, default: str) -> str:
    """Language-neutral docs path → the built page in one language: 'modus/x.md' → 'en/modus/x.html'."""
    return lang_prefix(lang, default) + docs_path.removesuffix(".md") + ".html"


def default_page_from(docs_path: str) -> str:
    """From a page in a language folder (en/modus/x.html) to the same page in the default language."""
    return "../" * (docs_path.count("/") + 1) + docs_path.removesuffix(".md") + ".html"


def relative(target: str, from_page: str) -> str:
    """A link from one built page to another built file, both site-relative."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def back_to_root(built_path: str) -> str:
    """From a built page to the site root: 'en/modus/x.html' → '../../'."""
    return "../" * built_path.count("/")


def public_url(site_url: str, built_path: str) -> str:
    """'https://x.example/' + 'en/modus/a.html' → the address a reader types or scans."""
    return site_url.rstrip("/") + "/" + posixpath.normpath(built_path).lstrip("/")


def short_url(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc + parts.path


def handout_path(built_path: str, languages: list[str], default: str) -> str | None:
    """'en/modus/jeratan-utang.html' → 'handouts/en/modus-jeratan-utang.pdf'; None for pages without one."""
    lang, rest = split_language(built_path, languages, default)
    parts = rest.split("/")
    if len(parts) < 2 or parts[0] not in HANDOUT_SECTIONS or not parts[-1].endswith(".html"):
        return None
    if parts[-1] == "index.html":  # index pages are lists, not handouts
        return None
    return f"{HANDOUTS_DIR}/{lang}/{'-'.join(parts)[: -len('.html')]}.pdf"


def handout_link(built_path: str, languages: list[str], default: str) -> str | None:
    """The handout's address relative to the page itself (so it works from file:// too), or None."""
    pdf = handout_path(built_path, languages, default)
    return None if pdf is None else back_to_root(built_path) + pdf


def card_file(lang: str, province=None) -> str:
    """The pocket-card sheet of a province (or the national one), site-relative."""
    return f"{HANDOUTS_DIR}/{lang}/kartu-{province.slug if province else CARDS_NATIONAL}.pdf"


def cards_link(built_path: str, languages: list[str], default: str, provinces) -> str | None:
    """From the services directory or a province page, the relative address of its card sheet."""
    lang, rest = split_language(built_path, languages, default)
    if rest == f"{SERVICES_INDEX}.html":
        return back_to_root(built_path) + card_file(lang)
    for province in provinces:
        if rest == built_page(province_docs_path(province), default, default):
            return back_to_root(built_path) + card_file(lang, province)
    return None


def media_file(lang: str, name: str) -> str:
    """An image or poster of one language, site-relative: 'kampanye/en/modus-x-persegi.png'."""
    return f"{MEDIA_DIR}/{lang}/{name}"


def modus_image(lang: str, entry_id: str, shape: str) -> str:
    """A modus's image: shape 'persegi' (square card, 1080 × 1080) or 'status' (WhatsApp status, 1080 × 1920)."""
    return media_file(lang, f"modus-{entry_id}-{shape}.png")


def province_image(lang: str, province) -> str:
    """A province's hotline image (1080 × 1350)."""
    return media_file(lang, f"provinsi-{province.slug}.png")


def modus_poster(lang: str, entry_id: str) -> str:
    return media_file(lang, f"poster-modus-{entry_id}.pdf")


def province_poster(lang: str, province) -> str:
    return media_file(lang, f"poster-provinsi-{province.slug}.pdf")


def thumbnail(image: str) -> str:
    """The small copy of an image that pages show: 'kampanye/id/kecil/modus-x-persegi.png'."""
    folder, _, name = image.rpartition("/")
    return f"{folder}/{THUMBNAILS}/{name}"


def media_zip(lang: str, edition_id: str | None = None) -> str:
    """Every image and poster of one language in one zip: 'unduh/cegah-tppo-kampanye-id.zip'."""
    return f"unduh/{bundle_folder(edition_id)}-{MEDIA_DIR}-{lang}.zip"


def media_docs_file(lang: str, default: str) -> str:
    return docs_file(MEDIA_SECTION, "index", lang, default)


def media_page(lang: str, default: str) -> str:
    """The facilitators' page of images and posters, built: 'media/index.html', 'en/media/index.html'."""
    return built_page(f"{MEDIA_SECTION}/index.md", lang, default)
