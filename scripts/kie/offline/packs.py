"""Post-build steps that make the site work with no connection.

- one search index per language (a page loads only its own language's index, and only when searching);
- offline.json: every file a reader may save, per language, with size and hash;
- offline/<part>.pack: those files in one gzip stream per language (and one for shared assets).
  Pages share most of their markup, so one stream is ~4x smaller than the files one by one:
  "save for offline" downloads the packs and unpacks them into the browser's cache;
- sw.js (service worker, versioned by content) and manifest.webmanifest (installable app);
- a zip of the whole site for USB sticks, which works opened from files (file://).

Every step is deterministic: the same site gives byte-identical output.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import zipfile
from importlib import resources
from pathlib import Path

from ..views.contract import (
    OFFLINE_MANIFEST,
    SEARCH_DIR,
    SERVICE_WORKER,
    UNSEARCHED_HEADINGS,
    search_index_path,
    worker_contract_script,
)
from ..views.urls import HOST_FILES, MEDIA_DIR, bundle_folder, bundle_path, language_of, media_zip
from .search_index import write_index

BUNDLE = bundle_path()  # the national site's; an edition's is named after it (views/urls.py)
# Not part of a saved copy: downloads, the worker itself, the worker's own lists, the web host's settings, and
# the campaign images and posters (several times the size of the pages: the USB zip has them). (Theme files that
# no page loads were removed from the site before: engine/assets.py.)
NOT_SAVED = (
    "unduh/", "handouts/", f"{MEDIA_DIR}/", "offline/", SERVICE_WORKER, OFFLINE_MANIFEST, "404.html", "sitemap.xml",
    "sitemap.xml.gz", *HOST_FILES,
)  # fmt: skip
PACK_DIR = "offline"
TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}


def split_search_index(
    site: Path,
    entries: list[dict],
    languages: list[str],
    default: str,
    synonyms: dict[str, list[list[str]]] | None = None,
    ui: dict[str, dict[str, str]] | None = None,
) -> dict[str, int]:
    """Write search/<lang>.js for each language (kie.search_index); returns pages per language.

    `entries`: what the site engine indexed, {"location": "page.html" or "page.html#section", "title", "text"}.
    Sections headed by the ui strings of views.contract.UNSEARCHED_HEADINGS ("Sources", …) stay out of the index.
    """
    counts = {}
    for lang in languages:
        mine = [d for d in entries if language_of(d["location"], languages, default) == lang]
        strings = {**(ui or {}).get(default, {}), **(ui or {}).get(lang, {})}  # a heading shown in fallback too
        unsearched = frozenset(strings[key] for key in UNSEARCHED_HEADINGS if strings.get(key))
        counts[lang] = write_index(site / search_index_path(lang), lang, mine, (synonyms or {}).get(lang), unsearched)
    return counts


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def offline_manifest(site: Path, languages: list[str], default: str) -> dict:
    """What 'save for offline' downloads: shared assets plus each language's pages and index."""
    shared: list[dict] = []
    per_lang: dict[str, list[dict]] = {lang: [] for lang in languages}
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(NOT_SAVED):
            continue
        data = file.read_bytes()
        entry = {"path": rel, "bytes": len(data), "hash": _digest(data)}
        if rel.endswith(".html"):
            per_lang[language_of(rel, languages, default)].append(entry)
        elif rel.startswith(f"{SEARCH_DIR}/") and rel.endswith(".js"):
            per_lang[Path(rel).stem].append(entry)
        else:
            shared.append(entry)
    everything = json.dumps([shared, per_lang], sort_keys=True).encode()
    return {
        "version": _digest(everything),
        "shared": {"bytes": sum(f["bytes"] for f in shared), "files": shared},
        "languages": {
            lang: {"bytes": sum(f["bytes"] for f in files), "files": files} for lang, files in per_lang.items()
        },
    }


def write_packs(site: Path, manifest: dict) -> None:
    """One gzip stream per part; offline.json gets each pack's path and size (what the reader downloads)."""
    parts = {"shared": manifest["shared"], **manifest["languages"]}
    (site / PACK_DIR).mkdir(exist_ok=True)
    for name, part in parts.items():
        items = []
        for file in part["files"]:
            data = (site / file["path"]).read_bytes()
            kind = TYPES.get(Path(file["path"]).suffix, "application/octet-stream")
            if kind.startswith(("text/", "application/json", "application/manifest", "image/svg")):
                items.append({"path": file["path"], "type": kind, "text": data.decode("utf-8")})
            else:
                items.append({"path": file["path"], "type": kind, "base64": base64.b64encode(data).decode()})
        raw = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        packed = gzip.compress(raw, compresslevel=9, mtime=0)  # mtime=0: same input, same bytes
        # not ".gz": some hosts would add Content-Encoding and the browser would unpack it for us
        path = f"{PACK_DIR}/{name}-{manifest['version']}.pack"
        (site / path).write_bytes(packed)
        part["pack"] = {"path": path, "bytes": len(packed)}


def web_manifest(name: str, short_name: str, description: str, lang: str) -> dict:
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#5e35b1",
        "icons": [
            {"src": f"assets/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for size in (192, 512)
        ],
    }


def write_bundle(site: Path, edition_id: str | None = None, languages: tuple[str, ...] = ()) -> Path:
    """Zip the whole site (with fixed timestamps, so the same site gives the same zip).

    Left out: the packs and the service worker, which only work over http(s), not from files; the web host's
    settings, which a copy opened from files has no use for; and the zips of images and posters per language (the
    images and posters themselves are in, under kampanye/).
    """
    target, folder = site / bundle_path(edition_id), bundle_folder(edition_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    skip = (f"{PACK_DIR}/", SERVICE_WORKER, OFFLINE_MANIFEST, *HOST_FILES)
    media_zips = {site / media_zip(lang, edition_id) for lang in languages}
    files = sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and p != target and p not in media_zips and not p.relative_to(site).as_posix().startswith(skip)
    )
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for file in files:
            info = zipfile.ZipInfo(f"{folder}/{file.relative_to(site).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, file.read_bytes())
    return target


def precached(site: Path) -> list[str]:
    """What the home page links as stylesheet or script: every page uses them, the worker keeps them at once."""
    home = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").is_file() else ""
    found = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', home)
    paths = [href or src for href, src in found]
    return sorted({p for p in paths if not re.match(r"^[a-z]+:|^/", p) and (site / p).is_file()})


def make_offline(project, content, site: Path, search_entries: list[dict]) -> None:
    """Post-build step: indexes (from the engine's `search_entries`), offline manifest, packs, service worker."""
    languages, default = content.languages, content.default_language
    split_search_index(site, search_entries, languages, default, content.synonyms, content.ui)
    manifest = offline_manifest(site, languages, default)
    write_packs(site, manifest)
    (site / OFFLINE_MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    worker = resources.files("kie").joinpath(f"static/{SERVICE_WORKER}").read_text(encoding="utf-8")
    names = worker_contract_script(manifest["version"], precached(site))  # the worker reads them as KIE
    (site / SERVICE_WORKER).write_text(names + worker, encoding="utf-8")


def make_web_manifest(project, content, site: Path) -> None:
    """Post-build step, before unused assets are pruned: the installable app's manifest names its icons."""
    ui = content.ui[content.default_language]
    app = web_manifest(ui["site_name"], ui["site_short_name"], ui["site_description"], content.default_language)
    (site / "manifest.webmanifest").write_text(json.dumps(app, ensure_ascii=False, indent=1), encoding="utf-8")


def make_bundle(project, content, site: Path) -> None:
    """Post-build step, last of all: the USB zip holds everything else."""
    edition = content.edition
    write_bundle(site, edition.id if edition else None, tuple(content.languages))
